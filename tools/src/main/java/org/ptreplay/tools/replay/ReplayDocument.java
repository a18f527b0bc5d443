package org.ptreplay.tools.replay;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.ptreplay.core.replay.CellFailure;
import org.ptreplay.core.replay.CellMetrics;
import org.ptreplay.core.replay.CellResult;
import org.ptreplay.core.replay.CellSpec;
import org.ptreplay.core.replay.HostStats;
import org.ptreplay.core.replay.ReplayOutcome;
import org.ptreplay.core.value.Divergence;
import org.ptreplay.core.value.EntryTotals;
import org.ptreplay.core.value.LedgerSnapshot;
import org.ptreplay.core.value.PrimitiveCounts;
import org.ptreplay.spi.KernelPath;
import org.ptreplay.trace.TraceHeader;

/**
 * The replay result as a JSON tree of {@code SortedMap}, {@code List}, {@code String},
 * {@code Long}, {@code Double} and {@code Boolean}: what {@code --json} prints (with
 * {@link org.ptreplay.tools.text.Json}) and what the HTML report reads. The shape is documented in
 * docs/output-formats.md. Everything but {@code host} is a function of the trace and the arguments only.
 */
public final class ReplayDocument {
    /** Divergences listed per cell; {@code divergence_count} has them all. */
    static final int MAX_DIVERGENCES = 100;

    private ReplayDocument() {
    }

    public static SortedMap<String, Object> of(String traceName, Plan plan, ReplayOutcome outcome) {
        SortedMap<String, Object> root = new TreeMap<>();
        root.put("trace", trace(traceName, outcome.header(), outcome.events()));
        List<Object> cells = new ArrayList<>();
        for (CellResult c : outcome.cells()) {
            cells.add(cell(c));
        }
        root.put("cells", cells);
        if (!outcome.failures().isEmpty()) {
            // Only when a plugin stopped cells: a complete replay's document keeps its shape.
            List<Object> failures = new ArrayList<>();
            for (CellFailure f : outcome.failures()) {
                SortedMap<String, Object> m = new TreeMap<>();
                m.put("label", f.spec().label());
                m.put("event", f.eventIndex());
                m.put("message", f.sentence());
                failures.add(m);
            }
            root.put("failures", failures);
        }
        root.put("notes", new ArrayList<Object>(plan.notes()));
        root.put("host", host(outcome.host()));
        return root;
    }

    public static SortedMap<String, Object> trace(String file, TraceHeader h, long events) {
        SortedMap<String, Object> t = new TreeMap<>();
        t.put("file", file);
        t.put("events", events);
        t.put("format_version", (long) h.formatVersion());
        t.put("producer", h.producer());
        t.put("event_count_hint", h.eventCountHint());
        SortedMap<String, Object> source = new TreeMap<>();
        source.put("kind", h.source().kind().name().toLowerCase(java.util.Locale.ROOT));
        source.put("detail", h.source().detail());
        source.put("params", new TreeMap<String, Object>(h.source().params()));
        t.put("source", source);
        SortedMap<String, Object> machine = new TreeMap<>();
        machine.put("arch", h.machine().arch());
        machine.put("page_size", (long) h.machine().pageSize());
        machine.put("kernel_release", h.machine().kernelRelease());
        machine.put("cpu_count", (long) h.machine().cpuCount());
        machine.put("thp", new TreeMap<String, Object>(h.machine().thp()));
        t.put("machine", machine);
        return t;
    }

    static SortedMap<String, Object> cell(CellResult c) {
        CellSpec spec = c.spec();
        LedgerSnapshot ledger = c.result().ledger();
        SortedMap<String, Object> m = new TreeMap<>();
        m.put("label", spec.label());
        m.put("arch", spec.arch().name());
        m.put("arch_options", new TreeMap<String, Object>(c.archOptions().options()));
        m.put("arch_notes", new ArrayList<Object>(c.archOptions().notes()));
        m.put("strategy", spec.kernel().name());
        SortedMap<String, Object> strategies = new TreeMap<>();
        for (KernelPath path : KernelPath.values()) {
            strategies.put(path.prefix(), spec.kernel().strategies().get(path).name());
        }
        m.put("strategies", strategies);
        m.put("kernel_config", new TreeMap<String, Object>(spec.kernel().preset() ? spec.kernel().kernelConfig().asMap() : Map.of()));
        m.put("profile", spec.profile().name());
        m.put("thp", spec.thp().toString());
        m.put("placement", spec.placement().label());
        m.put("cpus", (long) c.cpus());
        m.put("lazy_tlb_cpus", (long) spec.lazyTlbCpus());
        m.put("concurrency", (long) spec.concurrency());
        m.put("totals", charges(ledger.totals(), ledger.totalPs(), ledger.primitivePs()));
        SortedMap<String, Object> bySyscall = new TreeMap<>();
        ledger.syscalls().forEach((kind, e) -> {
            SortedMap<String, Object> k = charges(e.counts(), e.ps(), e.primitivePs());
            k.put("calls", e.calls());
            bySyscall.put(kind, k);
        });
        m.put("by_syscall", bySyscall);
        SortedMap<String, Object> byPath = new TreeMap<>();
        ledger.paths().forEach((path, e) -> {
            SortedMap<String, Object> p = new TreeMap<>();
            p.put("sim_ns", ns(e.ps()));
            p.put("sim_ps", e.ps());
            p.put("counts", counts(e.counts()));
            byPath.put(path, p);
        });
        m.put("by_path", byPath);
        m.put("metrics", metrics(c));
        List<Object> divergences = new ArrayList<>();
        for (Divergence d : c.result().divergences().subList(0, Math.min(MAX_DIVERGENCES, c.result().divergences().size()))) {
            SortedMap<String, Object> dm = new TreeMap<>();
            dm.put("event", d.eventIndex());
            dm.put("what", d.what());
            dm.put("recorded", d.recorded());
            dm.put("model", d.model());
            dm.put("message", DivergenceText.describe(d));
            dm.put("expected", DivergenceText.expected(d));
            divergences.add(dm);
        }
        m.put("divergences", divergences);
        m.put("divergence_count", (long) c.result().divergences().size());
        SortedMap<String, Object> unmapped = new TreeMap<>();
        unmapped.put("events", c.result().unmappedTouches().events());
        unmapped.put("pages", c.result().unmappedTouches().pages());
        m.put("unmapped_touches", unmapped);
        m.put("ignored", new TreeMap<String, Object>(c.result().ignored()));
        return m;
    }

    private static SortedMap<String, Object> metrics(CellResult c) {
        CellMetrics metrics = CellMetrics.of(c.result());
        EntryTotals n = c.result().entries();
        SortedMap<String, Object> m = new TreeMap<>();
        m.put("calls_per_sim_s", new TreeMap<String, Object>(metrics.callsPerSimSecond()));
        m.put("ns_per_pte_moved", metrics.nsPerPteMoved());
        m.put("ns_per_pte_copied", metrics.nsPerPteCopied());
        m.put("ns_per_pte_zapped", metrics.nsPerPteZapped());
        m.put("ptes_moved", n.moved());
        m.put("ptes_copied", n.copied());
        m.put("ptes_zapped", n.zapped());
        m.put("ptes_faulted", n.faulted());
        m.put("thp_fault_fallback", c.result().fallbacks().thp());
        m.put("anon_fault_fallback", c.result().fallbacks().anon());
        m.put("pte_ops", n.total());
        m.put("resident_pages", c.result().residentPages());
        return m;
    }

    private static SortedMap<String, Object> charges(PrimitiveCounts counts, long ps, PrimitiveCounts primitivePs) {
        SortedMap<String, Object> m = new TreeMap<>();
        m.put("sim_ns", ns(ps));
        m.put("sim_ps", ps);
        m.put("counts", counts(counts));
        m.put("primitive_ps", counts(primitivePs));
        return m;
    }

    private static SortedMap<String, Object> counts(PrimitiveCounts counts) {
        return new TreeMap<String, Object>(counts.nonZero());
    }

    private static SortedMap<String, Object> host(HostStats h) {
        SortedMap<String, Object> m = new TreeMap<>();
        m.put("wall_s", h.wallSeconds());
        m.put("events_per_s", Math.rint(h.eventsPerSecond()));
        m.put("pte_ops", h.pteOps());
        m.put("pte_ops_per_s", Math.rint(h.pteOpsPerSecond()));
        m.put("peak_heap_bytes", h.peakHeapBytes());
        m.put("threads", (long) h.threads());
        m.put("cells", (long) h.cells());
        return m;
    }

    /** Simulated nanoseconds from picoseconds, rounded half up (ps are never negative). */
    public static long ns(long ps) {
        return (ps + 500) / 1000;
    }
}
