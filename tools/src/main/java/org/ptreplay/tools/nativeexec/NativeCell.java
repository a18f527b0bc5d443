package org.ptreplay.tools.nativeexec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.ptreplay.tools.calibrate.Samples;

/**
 * A native run as a cell of the replay JSON (docs/native.md): the same keys as a simulated cell,
 * with {@code sim_ns} holding the measured time (median over runs) and {@code sim_ps} it × 1000,
 * no primitive counts or paths (the real kernel has no ledger), and a {@code native} block with
 * the runs, the spread per kind and the notes. The label is {@code native}.
 */
public final class NativeCell {
    public static final String LABEL = "native";

    private NativeCell() {
    }

    public static SortedMap<String, Object> of(NativeRun run, String arch) {
        SortedMap<String, Object> m = new TreeMap<>();
        m.put("label", LABEL);
        m.put("arch", arch);
        m.put("arch_options", new TreeMap<String, Object>());
        m.put("arch_notes", new ArrayList<Object>());
        m.put("strategy", "linux " + run.kernelRelease());
        m.put("strategies", new TreeMap<String, Object>());
        m.put("kernel_config", new TreeMap<String, Object>());
        m.put("profile", LABEL);
        m.put("thp", run.thp().toString());
        m.put("cpus", (long) Runtime.getRuntime().availableProcessors());
        m.put("concurrency", 1L);
        m.put("totals", time(run.total()));
        SortedMap<String, Object> bySyscall = new TreeMap<>();
        SortedMap<String, Object> spread = new TreeMap<>();
        SortedMap<String, Object> samples = new TreeMap<>();
        SortedMap<String, Object> perSecond = new TreeMap<>();
        SortedMap<String, Object> cpu = new TreeMap<>();
        for (Map.Entry<String, Long> e : run.calls().entrySet()) {
            Samples s = run.samples(e.getKey());
            SortedMap<String, Object> k = time(s);
            k.put("calls", e.getValue());
            bySyscall.put(e.getKey(), k);
            spread.put(e.getKey(), s.spread());
            samples.put(e.getKey(), new ArrayList<Object>(run.nsRuns().get(e.getKey())));
            Samples c = run.cpuSamples(e.getKey());
            SortedMap<String, Object> ck = new TreeMap<>();
            ck.put("median_ns", Math.round(c.median()));
            ck.put("spread", c.spread());
            ck.put("samples_ns", new ArrayList<Object>(run.cpuRuns().get(e.getKey())));
            cpu.put(e.getKey(), ck);
            perSecond.put(e.getKey(), s.median() == 0 ? null : Math.rint(e.getValue() * 1e9 / s.median()));
        }
        m.put("by_syscall", bySyscall);
        m.put("by_path", new TreeMap<String, Object>());
        SortedMap<String, Object> metrics = new TreeMap<>();
        metrics.put("calls_per_sim_s", perSecond);
        m.put("metrics", metrics);
        m.put("divergences", new ArrayList<Object>());
        m.put("divergence_count", 0L);
        m.put("ignored", new TreeMap<String, Object>());
        SortedMap<String, Object> n = new TreeMap<>();
        n.put("runs", (long) run.runs());
        n.put("kernel_release", run.kernelRelease());
        n.put("spread", spread);
        n.put("total_spread", run.total().spread());
        n.put("samples_ns", samples);
        n.put("wall_ns", new ArrayList<Object>(run.wallNs()));
        n.put("cpu", cpu);
        n.put("notes", new ArrayList<Object>(run.notes()));
        n.put("clock", "CLOCK_MONOTONIC around each call (cpu: the calling thread's CPU time over the same span),"
                + " less the cost of reading the clocks; a touch event is timed as a whole (one access per page)");
        m.put("native", n);
        return m;
    }

    private static SortedMap<String, Object> time(Samples s) {
        SortedMap<String, Object> m = new TreeMap<>();
        long ns = Math.round(s.median());
        m.put("sim_ns", ns);
        m.put("sim_ps", ns * 1000);
        m.put("counts", new TreeMap<String, Object>());
        m.put("primitive_ps", new TreeMap<String, Object>());
        return m;
    }

    /** Appends the native cell to a replay (or compare) document's cells. */
    @SuppressWarnings("unchecked")
    public static void appendTo(SortedMap<String, Object> document, SortedMap<String, Object> cell) {
        ((List<Object>) document.get("cells")).add(cell);
    }
}
