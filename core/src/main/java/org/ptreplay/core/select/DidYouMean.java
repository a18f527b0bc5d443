package org.ptreplay.core.select;

import java.util.Collection;
import java.util.Optional;

/** The closest known name to a misspelt one, by edit distance. */
final class DidYouMean {
    private DidYouMean() {
    }

    /**
     * The name at the smallest Levenshtein distance from {@code wrong}, if it is close enough to be
     * a plausible typo: at most a third of the length, and at least 2 edits are always allowed.
     * Ties go to the first name in {@code names}' iteration order.
     */
    static Optional<String> closest(String wrong, Collection<String> names) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String name : names) {
            int d = distance(wrong, name);
            if (d < bestDistance) {
                best = name;
                bestDistance = d;
            }
        }
        int allowed = Math.max(2, wrong.length() / 3);
        return best != null && bestDistance <= allowed ? Optional.of(best) : Optional.empty();
    }

    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitute, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] t = previous;
            previous = current;
            current = t;
        }
        return previous[b.length()];
    }
}
