package org.ptreplay.tools.nativeexec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.ptreplay.core.value.ThpSpec;
import org.ptreplay.tools.calibrate.Samples;

/**
 * The native execution of one trace, several runs: per syscall kind the calls and the wall time of
 * every run (CLOCK_MONOTONIC around each call), the THP settings the runs had, and what the
 * executor has to say about them (a THP mismatch, skipped failed calls, untimed exits).
 *
 * @param events the trace's events
 * @param thp    the settings in effect during the runs, for the simulation beside them
 * @param calls  calls per kind (the same in every run)
 * @param nsRuns per kind, the run's total ns of that kind, one entry per run
 * @param cpuRuns per kind, the calling threads' CPU time over the same calls: what the scheduler of
 *               a busy machine cannot inflate (the wall time can), one entry per run
 */
public record NativeRun(long events, String kernelRelease, ThpSpec thp, SortedMap<String, Long> calls,
                        SortedMap<String, List<Long>> nsRuns, SortedMap<String, List<Long>> cpuRuns, List<Long> wallNs, List<String> notes) {
    public NativeRun {
        calls = new TreeMap<>(calls);
        SortedMap<String, List<Long>> copy = new TreeMap<>();
        nsRuns.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        nsRuns = copy;
        SortedMap<String, List<Long>> cpuCopy = new TreeMap<>();
        cpuRuns.forEach((k, v) -> cpuCopy.put(k, List.copyOf(v)));
        cpuRuns = cpuCopy;
        wallNs = List.copyOf(wallNs);
        notes = List.copyOf(notes);
    }

    public int runs() {
        return wallNs.size();
    }

    /**
     * This execution without its first run: a warm-up whose times are not kept (the first run of a
     * workload meets caches, page tables of the probe and free memory as the previous workload
     * left them).
     */
    public NativeRun withoutFirstRun() {
        if (runs() < 2) {
            throw new IllegalStateException("a warm-up run can only be dropped from two runs or more, not " + runs());
        }
        SortedMap<String, List<Long>> ns = new TreeMap<>();
        nsRuns.forEach((k, v) -> ns.put(k, v.subList(1, v.size())));
        SortedMap<String, List<Long>> cpu = new TreeMap<>();
        cpuRuns.forEach((k, v) -> cpu.put(k, v.subList(1, v.size())));
        return new NativeRun(events, kernelRelease, thp, calls, ns, cpu, wallNs.subList(1, wallNs.size()), notes);
    }

    /** The samples of one kind's time, in ns. */
    public Samples samples(String kind) {
        return new Samples(kind, "ns", nsRuns.get(kind).stream().map(Long::doubleValue).toList());
    }

    /** The samples of one kind's thread CPU time, in ns. */
    public Samples cpuSamples(String kind) {
        return new Samples(kind, "ns", cpuRuns.get(kind).stream().map(Long::doubleValue).toList());
    }

    /** The median over runs of the timed kinds' total. */
    public Samples total() {
        List<Double> totals = new ArrayList<>();
        for (int r = 0; r < runs(); r++) {
            long sum = 0;
            for (Map.Entry<String, List<Long>> e : nsRuns.entrySet()) {
                sum += e.getValue().get(r);
            }
            totals.add((double) sum);
        }
        return new Samples("total", "ns", totals);
    }
}
