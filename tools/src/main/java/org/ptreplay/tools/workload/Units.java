package org.ptreplay.tools.workload;

import java.util.Locale;
import java.util.OptionalLong;

/**
 * Byte sizes as users write them: a whole number with an optional 1024-based unit {@code K},
 * {@code M}, {@code G} or {@code T} (case-insensitive, {@code KiB}/{@code KB} accepted).
 */
public final class Units {
    private static final String UNITS = "KMGT";

    private Units() {
    }

    /** The size in bytes, or empty when {@code text} is not a size or overflows a long. */
    public static OptionalLong parseSize(String text) {
        String t = text.toUpperCase(Locale.ROOT);
        if (t.endsWith("IB")) {
            t = t.substring(0, t.length() - 2);
        } else if (t.endsWith("B") && t.length() > 1 && UNITS.indexOf(t.charAt(t.length() - 2)) >= 0) {
            t = t.substring(0, t.length() - 1);
        }
        int shift = 0;
        if (!t.isEmpty() && UNITS.indexOf(t.charAt(t.length() - 1)) >= 0) {
            shift = 10 * (UNITS.indexOf(t.charAt(t.length() - 1)) + 1);
            t = t.substring(0, t.length() - 1);
        }
        OptionalLong n = parseCount(t);
        if (n.isEmpty() || n.getAsLong() > (Long.MAX_VALUE >> shift)) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(n.getAsLong() << shift);
    }

    /** A non-negative whole number (digits only), or empty. */
    static OptionalLong parseCount(String t) {
        if (t.isEmpty() || t.length() > 18 || !t.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Long.parseLong(t));
    }

    /** The shortest exact form: {@code 1G}, {@code 64K}, {@code 4100} (bytes that are no whole KiB). */
    static String formatSize(long bytes) {
        int unit = 0;
        long v = bytes;
        while (unit < UNITS.length() && v != 0 && (v & 1023) == 0) {
            v >>= 10;
            unit++;
        }
        return unit == 0 ? Long.toString(bytes) : v + String.valueOf(UNITS.charAt(unit - 1));
    }
}
