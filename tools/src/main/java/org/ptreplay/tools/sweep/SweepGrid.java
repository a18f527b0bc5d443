package org.ptreplay.tools.sweep;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Expands a spec into its jobs, in a fixed order: trace (generator parameters, the last
 * parameter varying fastest, or corpus files in the order given, a directory's files by name),
 * then THP setting, CPU count and concurrency. The order is the table's row order, on every engine.
 */
public final class SweepGrid {

    private SweepGrid() {
    }

    /**
     * @param listFiles a directory's trace files sorted by name, or the path itself when it is a file
     */
    public static List<SweepJob> expand(SweepSpec spec, Function<String, List<String>> listFiles) {
        List<SortedMap<String, String>> paramPoints = new ArrayList<>();
        List<String> files = new ArrayList<>();
        if (spec.generator() != null) {
            paramPoints.add(new TreeMap<>());
            for (Map.Entry<String, List<String>> e : spec.params().entrySet()) {
                List<SortedMap<String, String>> next = new ArrayList<>();
                for (SortedMap<String, String> p : paramPoints) {
                    for (String v : e.getValue()) {
                        SortedMap<String, String> q = new TreeMap<>(p);
                        q.put(e.getKey(), v);
                        next.add(q);
                    }
                }
                paramPoints = next;
            }
        } else {
            for (String t : spec.traces()) {
                files.addAll(listFiles.apply(t));
            }
        }
        List<SweepJob> jobs = new ArrayList<>();
        int traces = spec.generator() != null ? paramPoints.size() : files.size();
        for (int t = 0; t < traces; t++) {
            for (ThpPoint thp : spec.thp()) {
                for (int cpus : spec.cpus()) {
                    for (int concurrency : spec.concurrency()) {
                        jobs.add(new SweepJob(jobs.size(), spec.generator(),
                                spec.generator() != null ? paramPoints.get(t) : new TreeMap<>(),
                                spec.generator() != null ? null : files.get(t), thp, cpus, concurrency,
                                spec.archs(), spec.strategies(), spec.profiles(),
                                spec.profileFiles(), spec.placement(), spec.lazyTlbCpus()));
                    }
                }
            }
        }
        return jobs;
    }
}
