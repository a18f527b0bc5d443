package org.ptreplay.tools.report;

import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One cell of a replay (arch × strategy × profile) as the report needs it.
 *
 * @param arch        architecture name
 * @param archOptions architecture options, e.g. contpte switches, as given in the tree
 * @param strategy    the strategy argument (preset, path strategy or preset with overrides)
 * @param strategies  kernel path to the strategy that ran it
 * @param profile     machine profile name
 * @param thp         THP spec as text
 * @param cpus        simulated CPUs, as text (the tree may hold a number or a string)
 * @param concurrency simulated concurrency, as text
 * @param totals      the whole cell ({@link Usage#calls()} is 0)
 * @param bySyscall   syscall kind to its cost
 * @param byPath      folded stack ({@code a;b;c}) to its SELF cost
 * @param metrics     derived metrics, flattened to dotted keys, values as text
 * @param divergences one sentence per divergence, in the tree's order
 */
record CellData(String arch, SortedMap<String, String> archOptions, String strategy,
                SortedMap<String, String> strategies, String profile, String thp, String cpus,
                String concurrency, Usage totals, SortedMap<String, Usage> bySyscall,
                SortedMap<String, Usage> byPath, SortedMap<String, String> metrics,
                List<String> divergences) {

    CellData {
        archOptions = sorted(archOptions);
        strategies = sorted(strategies);
        bySyscall = sorted(bySyscall);
        byPath = sorted(byPath);
        metrics = sorted(metrics);
        divergences = List.copyOf(divergences);
    }

    private static <V> SortedMap<String, V> sorted(SortedMap<String, V> map) {
        return Collections.unmodifiableSortedMap(new TreeMap<>(map));
    }
}
