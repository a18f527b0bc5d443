package org.ptreplay.tools.replay;

import java.util.Locale;

/** Number formats of the text outputs: fixed, locale-independent, so text output is deterministic too. */
public final class Figures {
    private Figures() {
    }

    /** Picoseconds as microseconds with three decimals. */
    public static String us(long ps) {
        return String.format(Locale.ROOT, "%.3f", ps / 1e6);
    }

    /** A signed difference in microseconds. */
    public static String usDelta(long ps) {
        return (ps > 0 ? "+" : "") + us(ps);
    }

    public static String delta(long d) {
        return d > 0 ? "+" + d : Long.toString(d);
    }

    /** {@code value / base} with three decimals, or {@code -} when the base is 0. */
    public static String ratio(long value, long base) {
        return base == 0 ? "-" : String.format(Locale.ROOT, "%.3f", (double) value / base);
    }
}
