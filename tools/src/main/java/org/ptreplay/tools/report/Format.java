package org.ptreplay.tools.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/**
 * Numbers as the page prints them. Everything goes through {@link Locale#ROOT}, so the page is the
 * same whatever the locale of the machine that wrote it.
 */
public final class Format {

    private static final MathContext THREE_DIGITS = new MathContext(3);
    private static final MathContext FOUR_DIGITS = new MathContext(4);

    private Format() {
    }

    /** 1234567 → {@code 1,234,567}. */
    static String integer(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** An integer with its sign always shown: {@code +255}, {@code -3}, {@code 0}. */
    static String signedInteger(long n) {
        return n > 0 ? "+" + integer(n) : integer(n);
    }

    /** Picoseconds with a unit chosen so the figure has at most three significant digits: {@code 1.23 ms}. */
    static String duration(long ps) {
        long abs = Math.abs(ps);
        if (ps == 0) {
            return "0 ns";
        }
        if (abs < 1_000L) {
            return ps + " ps";
        }
        if (abs < 1_000_000L) {
            return significant(ps / 1e3, THREE_DIGITS) + " ns";
        }
        if (abs < 1_000_000_000L) {
            return significant(ps / 1e6, THREE_DIGITS) + " µs";
        }
        if (abs < 1_000_000_000_000L) {
            return significant(ps / 1e9, THREE_DIGITS) + " ms";
        }
        return significant(ps / 1e12, THREE_DIGITS) + " s";
    }

    /** A duration in picoseconds with its sign always shown. */
    static String signedDuration(long ps) {
        return ps > 0 ? "+" + duration(ps) : duration(ps);
    }

    /** Four significant digits; at 1000 and above, the rounded integer with separators. */
    public static String decimal(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return "n/a";
        }
        if (Math.abs(d) >= 1000) {
            return integer(Math.round(d));
        }
        return significant(d, FOUR_DIGITS);
    }

    /** A fraction as a percentage with one decimal: 0.1234 → {@code 12.3%}. */
    static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.1f%%", fraction * 100);
    }

    /** A ratio with three significant digits: {@code ×1.25}. */
    static String ratio(double r) {
        return "×" + significant(r, THREE_DIGITS);
    }

    /** An SVG coordinate: two decimals, so equal layouts print equal text. */
    public static String coord(double d) {
        return String.format(Locale.ROOT, "%.2f", d);
    }

    private static String significant(double d, MathContext digits) {
        if (d == 0) {
            return "0";
        }
        return new BigDecimal(d).round(digits).stripTrailingZeros().toPlainString();
    }
}
