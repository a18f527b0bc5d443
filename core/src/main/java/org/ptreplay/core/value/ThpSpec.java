package org.ptreplay.core.value;

import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Transparent-hugepage settings as sysfs spells them (Documentation/admin-guide/mm/transhuge.rst):
 * the top-level {@code enabled} (always/madvise/never) and per-size
 * {@code hugepages-<N>kB/enabled} (always/inherit/madvise/never). Sizes not given keep the kernel
 * default: {@code never}, except the PMD size, which is {@code inherit} (6.8+).
 *
 * @param enabled the top-level setting
 * @param perSizeKb per-size settings by size in KiB
 */
public record ThpSpec(String enabled, SortedMap<Long, String> perSizeKb) {

    /** The kernel default: {@code enabled=madvise}, every size {@code never} except PMD {@code inherit}. */
    public static final ThpSpec DEFAULT = new ThpSpec("madvise", new TreeMap<>());

    public ThpSpec {
        if (!enabled.equals("always") && !enabled.equals("madvise") && !enabled.equals("never")) {
            throw new IllegalArgumentException("THP enabled must be always, madvise or never, not '" + enabled + "'.");
        }
        perSizeKb = Collections.unmodifiableSortedMap(new TreeMap<>(perSizeKb));
    }

    /**
     * Parses {@code enabled=always,64K=always,2M=inherit}. Size keys may be written {@code 64K},
     * {@code 64kB}, {@code 2M}, {@code hugepages-64kB} or {@code hugepages-64kB/enabled}.
     *
     * @throws IllegalArgumentException one sentence naming the bad item
     */
    public static ThpSpec parse(String text) {
        String enabled = DEFAULT.enabled();
        SortedMap<Long, String> sizes = new TreeMap<>();
        if (text == null || text.isBlank()) {
            return DEFAULT;
        }
        for (String item : text.split(",")) {
            String it = item.trim();
            int eq = it.indexOf('=');
            if (eq <= 0 || eq == it.length() - 1) {
                throw new IllegalArgumentException("THP setting '" + it + "' is not of the form name=value.");
            }
            String key = it.substring(0, eq).trim();
            String value = it.substring(eq + 1).trim().toLowerCase(Locale.ROOT);
            if (key.equals("enabled")) {
                enabled = value;
                continue;
            }
            long kb = sizeKb(key);
            if (!value.equals("always") && !value.equals("inherit") && !value.equals("madvise") && !value.equals("never")) {
                throw new IllegalArgumentException("THP size " + key + " must be always, inherit, madvise or never, not '" + value + "'.");
            }
            sizes.put(kb, value);
        }
        return new ThpSpec(enabled, sizes);
    }

    private static long sizeKb(String key) {
        String k = key;
        if (k.startsWith("hugepages-")) {
            k = k.substring("hugepages-".length());
        }
        if (k.endsWith("/enabled")) {
            k = k.substring(0, k.length() - "/enabled".length());
        }
        String u = k.toUpperCase(Locale.ROOT);
        long mult;
        if (u.endsWith("KB")) {
            mult = 1;
            u = u.substring(0, u.length() - 2);
        } else if (u.endsWith("K")) {
            mult = 1;
            u = u.substring(0, u.length() - 1);
        } else if (u.endsWith("M")) {
            mult = 1024;
            u = u.substring(0, u.length() - 1);
        } else {
            throw new IllegalArgumentException("unknown THP setting '" + key + "': expected enabled or a size such as 64K or hugepages-64kB.");
        }
        long n;
        try {
            n = Long.parseLong(u);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("THP size '" + key + "' is not a number of KiB or MiB.");
        }
        long kb = n * mult;
        if (kb <= 0 || Long.bitCount(kb) != 1) {
            throw new IllegalArgumentException("THP size '" + key + "' is not a power of two.");
        }
        return kb;
    }

    /** The per-size setting, with the kernel default for sizes not given. */
    public String sizeSetting(long kb, long pmdKb) {
        String s = perSizeKb.get(kb);
        if (s != null) {
            return s;
        }
        return kb == pmdKb ? "inherit" : "never";
    }

    /** Back to the text form, sorted by size; {@code parse(toString())} equals this. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("enabled=").append(enabled);
        for (Map.Entry<Long, String> e : perSizeKb.entrySet()) {
            sb.append(',').append(e.getKey()).append("K=").append(e.getValue());
        }
        return sb.toString();
    }
}
