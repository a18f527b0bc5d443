package org.ptreplay.tools.report;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What one syscall kind, one path or a whole cell cost.
 *
 * @param calls       calls of the syscall kind; 0 for paths and totals, which carry no call count
 * @param simPs       simulated time in picoseconds (the tree's {@code sim_ps}, or its {@code sim_ns} × 1000)
 * @param counts      primitive name to count, sorted by name
 * @param primitivePs primitive name to the simulated picoseconds it cost; empty where the tree has none
 */
public record Usage(long calls, long simPs, SortedMap<String, Long> counts, SortedMap<String, Long> primitivePs) {

    public static final Usage NONE = new Usage(0, 0, new TreeMap<>(), new TreeMap<>());

    public Usage {
        counts = Collections.unmodifiableSortedMap(new TreeMap<>(counts));
        primitivePs = Collections.unmodifiableSortedMap(new TreeMap<>(primitivePs));
    }

    public long count(String primitive) {
        return counts.getOrDefault(primitive, 0L);
    }

    /**
     * The mean price of one primitive here, in picoseconds, or -1 when unknown (no price or no
     * count). A mean: the cache model prices the same primitive differently from one use to the next.
     */
    double meanPs(String primitive) {
        Long ps = primitivePs.get(primitive);
        long n = count(primitive);
        return ps == null || n == 0 ? -1 : (double) ps / n;
    }
}
