package org.ptreplay.spi.loader;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The closest known name to a misspelt one, by edit distance: one rule for provider lookup,
 * strategy selection and the CLI's commands, options and parameters (issue 17, "did-you-mean is
 * the same everywhere").
 */
public final class DidYouMean {
    private DidYouMean() {
    }

    /**
     * {@code did you mean 'x'?} (or {@code 'x' or 'y'} on a tie, sorted) naming the candidates at
     * the smallest edit distance ({@link #distance}) from {@code input}, if that is close enough to be
     * a plausible typo: at most a third of the length, and at least 2 edits are always allowed.
     */
    public static Optional<String> suggestion(String input, Collection<String> candidates) {
        int limit = Math.max(2, input.length() / 3);
        int best = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            best = Math.min(best, distance(input, candidate));
        }
        if (best > limit) {
            return Optional.empty();
        }
        int closest = best;
        List<String> names = candidates.stream()
                .filter(c -> distance(input, c) == closest)
                .sorted()
                .map(c -> "'" + c + "'")
                .toList();
        return Optional.of("did you mean " + String.join(" or ", names) + "?");
    }

    /**
     * The one way every message shows a suggestion: {@code " (did you mean 'x'?)"} to put right
     * after the unknown name, or {@code ""} when nothing is close (see {@link #suggestion}).
     */
    public static String hint(String input, Collection<String> candidates) {
        return suggestion(input, candidates).map(s -> " (" + s + ")").orElse("");
    }

    /**
     * Optimal string alignment distance: insertions, deletions, substitutions and transpositions
     * of adjacent characters ({@code 6.71} for {@code 6.17}) each cost one edit.
     */
    public static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int best = Math.min(d[i - 1][j - 1] + cost, Math.min(d[i - 1][j], d[i][j - 1]) + 1);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    best = Math.min(best, d[i - 2][j - 2] + 1);
                }
                d[i][j] = best;
            }
        }
        return d[a.length()][b.length()];
    }
}
