package org.ptreplay.tools.trace;

import java.util.Locale;

/** Sizes and durations for people: binary units for bytes, seconds for nanoseconds. */
final class Units {
    private Units() {
    }

    private static final String[] BINARY = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};

    /** {@code 0 B}, {@code 4 KiB}, {@code 1.5 MiB}: exact when a whole number of the unit, else one decimal. */
    static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        int unit = (63 - Long.numberOfLeadingZeros(n)) / 10;
        long whole = n >>> (10 * unit);
        if (whole << (10 * unit) == n) {
            return whole + " " + BINARY[unit];
        }
        return String.format(Locale.ROOT, "%.1f %s", n / Math.pow(1024, unit), BINARY[unit]);
    }

    /** A power of two as a short label: {@code 4K}, {@code 2M}, {@code 1G}. */
    static String power(long n) {
        String[] suffix = {"", "K", "M", "G", "T", "P", "E"};
        int unit = 0;
        while (unit < suffix.length - 1 && n >= 1024 && n % 1024 == 0) {
            n /= 1024;
            unit++;
        }
        return n + suffix[unit];
    }

    static String seconds(long ns) {
        return String.format(Locale.ROOT, "%.6f s", ns / 1e9);
    }
}
