package org.ptreplay.tools.text;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** "Did you mean …" for a mistyped name, by edit distance. */
public final class Suggestions {

    private Suggestions() {
    }

    /**
     * {@code did you mean 'x'?} (or {@code 'x' or 'y'} on a tie) when some candidate is close to
     * {@code input}: within two edits, or a third of its length for long names.
     */
    public static Optional<String> didYouMean(String input, Collection<String> candidates) {
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

    /** The names, sorted, as {@code a, b, c}. */
    public static String list(Collection<String> names) {
        return names.stream().sorted().collect(Collectors.joining(", "));
    }

    /**
     * Optimal string alignment distance: insertions, deletions, substitutions and transpositions
     * of neighbours each cost one (so {@code plugnis} is one edit from {@code plugins}).
     */
    static int distance(String a, String b) {
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
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
