package org.ptreplay.tools.text;

import java.util.Collection;
import java.util.stream.Collectors;

/**
 * Lists of known names in messages. "Did you mean" itself is the SPI loader's
 * ({@code org.ptreplay.spi.loader.DidYouMean}), one rule everywhere.
 */
public final class Suggestions {

    private Suggestions() {
    }

    /** The names, sorted, as {@code a, b, c}. */
    public static String list(Collection<String> names) {
        return names.stream().sorted().collect(Collectors.joining(", "));
    }
}
