package org.ptreplay.tools.report;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What one syscall kind or one path cost in one cell.
 *
 * @param calls  calls of the syscall kind; 0 for paths, which carry no call count
 * @param simNs  simulated time in nanoseconds
 * @param counts primitive name to count, sorted by name
 */
record Usage(long calls, long simNs, SortedMap<String, Long> counts) {

    static final Usage NONE = new Usage(0, 0, new TreeMap<>());

    Usage {
        counts = Collections.unmodifiableSortedMap(new TreeMap<>(counts));
    }

    long count(String primitive) {
        return counts.getOrDefault(primitive, 0L);
    }
}
