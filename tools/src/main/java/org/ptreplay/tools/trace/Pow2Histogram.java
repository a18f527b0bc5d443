package org.ptreplay.tools.trace;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ptreplay.tools.text.Table;

/** Counts of sizes in power-of-two buckets [2^k, 2^(k+1)); bucket "0" holds zero sizes. */
final class Pow2Histogram {
    /** Index 0 counts zeros; index k + 1 counts [2^k, 2^(k+1)), up to k = 62 (sizes are non-negative longs). */
    private final long[] counts = new long[64];
    private long total;

    void add(long size) {
        if (size < 0) {
            throw new IllegalArgumentException("negative size " + size);
        }
        counts[size == 0 ? 0 : 64 - Long.numberOfLeadingZeros(size)]++;
        total++;
    }

    long total() {
        return total;
    }

    /**
     * The non-empty buckets in size order: {@code min} (inclusive), {@code max} (exclusive; null
     * for the zero bucket and the last one, whose bound 2^63 is no long), {@code count}.
     */
    List<Object> json() {
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] == 0) {
                continue;
            }
            Map<String, Object> b = new LinkedHashMap<>();
            b.put("min", i == 0 ? 0L : 1L << (i - 1));
            b.put("max", i == 0 || i == 63 ? null : 1L << i);
            b.put("count", counts[i]);
            out.add(b);
        }
        return out;
    }

    /** One row per non-empty bucket: {@code [4K, 8K)  12}. */
    String text(String indent) {
        if (total == 0) {
            return indent + "(none)\n";
        }
        Table t = new Table(indent + "size", "count");
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] != 0) {
                String label = i == 0 ? "0" : i == 63 ? "[" + Units.power(1L << 62) + ", ...)"
                        : "[" + Units.power(1L << (i - 1)) + ", " + Units.power(1L << i) + ")";
                t.row(indent + label, Long.toString(counts[i]));
            }
        }
        return t.render();
    }
}
