package org.ptreplay.tools.replay;

import java.util.Locale;

/** Number formats of the text outputs: fixed, locale-independent, so text output is deterministic too. */
final class Figures {
    private Figures() {
    }

    /** Picoseconds as microseconds with three decimals. */
    static String us(long ps) {
        return String.format(Locale.ROOT, "%.3f", ps / 1e6);
    }

    /** A signed difference in microseconds. */
    static String usDelta(long ps) {
        return (ps > 0 ? "+" : "") + us(ps);
    }

    static String delta(long d) {
        return d > 0 ? "+" + d : Long.toString(d);
    }

    /** {@code value / base} with three decimals, or {@code -} when the base is 0. */
    static String ratio(long value, long base) {
        return base == 0 ? "-" : String.format(Locale.ROOT, "%.3f", (double) value / base);
    }
}
