package org.ptreplay.tools.report;

import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One cell of a replay (arch × strategy × profile) as the report needs it. Settings are text as
 * the page shows them; absent ones are empty.
 *
 * @param id              the engine's full name of the cell (its {@code label}), or empty
 * @param arch            architecture name
 * @param archOptions     architecture options in effect, e.g. contpte switches
 * @param archNotes       why options differ from what was asked, one sentence each
 * @param strategy        the strategy argument (preset, path strategy or preset with overrides)
 * @param strategies      kernel path to the strategy that ran it
 * @param kernelConfig    kernel configuration the preset implies
 * @param profile         machine profile name
 * @param thp             THP setting
 * @param cpus            simulated CPUs
 * @param concurrency     simulated concurrency
 * @param totals          the whole cell
 * @param bySyscall       syscall kind to its cost
 * @param byPath          folded stack ({@code a;b;c}) to its SELF cost
 * @param metrics         derived metrics, flattened to dotted keys
 * @param divergences     one sentence per divergence listed in the tree, in its order
 * @param divergenceCount all divergences, listed or not
 * @param ignored         requests accepted but not modelled, by name, with their count
 */
public record CellData(String id, String arch, SortedMap<String, String> archOptions, List<String> archNotes,
                String strategy, SortedMap<String, String> strategies, SortedMap<String, String> kernelConfig,
                String profile, String thp, String cpus, String concurrency, Usage totals,
                SortedMap<String, Usage> bySyscall, SortedMap<String, Usage> byPath,
                SortedMap<String, String> metrics, List<String> divergences, long divergenceCount,
                SortedMap<String, String> ignored) {

    public CellData {
        archOptions = sorted(archOptions);
        archNotes = List.copyOf(archNotes);
        strategies = sorted(strategies);
        kernelConfig = sorted(kernelConfig);
        bySyscall = sorted(bySyscall);
        byPath = sorted(byPath);
        metrics = sorted(metrics);
        divergences = List.copyOf(divergences);
        ignored = sorted(ignored);
    }

    private static <V> SortedMap<String, V> sorted(SortedMap<String, V> map) {
        return Collections.unmodifiableSortedMap(new TreeMap<>(map));
    }
}
