package org.ptreplay.tools.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/**
 * Numbers as the page prints them. Everything goes through {@link Locale#ROOT}, so the page is the
 * same whatever the locale of the machine that wrote it.
 */
final class Format {

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

    /** Nanoseconds with a unit chosen so the figure has at most three significant digits. */
    static String duration(long ns) {
        long abs = Math.abs(ns);
        if (abs < 1_000) {
            return ns + " ns";
        }
        if (abs < 1_000_000) {
            return significant(ns / 1e3, THREE_DIGITS) + " µs";
        }
        if (abs < 1_000_000_000) {
            return significant(ns / 1e6, THREE_DIGITS) + " ms";
        }
        return significant(ns / 1e9, THREE_DIGITS) + " s";
    }

    /** A duration with its sign always shown. */
    static String signedDuration(long ns) {
        return ns > 0 ? "+" + duration(ns) : duration(ns);
    }

    /** Four significant digits; at 1000 and above, the rounded integer with separators. */
    static String decimal(double d) {
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
    static String coord(double d) {
        return String.format(Locale.ROOT, "%.2f", d);
    }

    private static String significant(double d, MathContext digits) {
        if (d == 0) {
            return "0";
        }
        return new BigDecimal(d).round(digits).stripTrailingZeros().toPlainString();
    }
}
