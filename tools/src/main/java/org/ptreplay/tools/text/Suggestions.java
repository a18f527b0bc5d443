package org.ptreplay.tools.text;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.ptreplay.core.select.DidYouMean;

/** "Did you mean …" for a mistyped name, by core's edit distance ({@link DidYouMean#distance}). */
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
            best = Math.min(best, DidYouMean.distance(input, candidate));
        }
        if (best > limit) {
            return Optional.empty();
        }
        int closest = best;
        List<String> names = candidates.stream()
                .filter(c -> DidYouMean.distance(input, c) == closest)
                .sorted()
                .map(c -> "'" + c + "'")
                .toList();
        return Optional.of("did you mean " + String.join(" or ", names) + "?");
    }

    /** The names, sorted, as {@code a, b, c}. */
    public static String list(Collection<String> names) {
        return names.stream().sorted().collect(Collectors.joining(", "));
    }
}
