package org.ptreplay.tools.local;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.Consumer;
import org.ptreplay.core.profile.MachineProfile;
import org.ptreplay.core.replay.CellResult;
import org.ptreplay.core.replay.ReplayEngine;
import org.ptreplay.core.replay.ReplayFailedException;
import org.ptreplay.core.replay.ReplayOutcome;
import org.ptreplay.spi.WorkloadGenerator;
import org.ptreplay.core.value.Placement;
import org.ptreplay.core.value.ThpSpec;
import org.ptreplay.tools.nativeexec.NativeExecutor;
import org.ptreplay.tools.nativeexec.NativeRefusal;
import org.ptreplay.tools.nativeexec.NativeRun;
import org.ptreplay.spi.loader.Providers;
import org.ptreplay.spi.loader.ProviderKind;
import org.ptreplay.tools.replay.CellPlanner;
import org.ptreplay.tools.replay.Plan;
import org.ptreplay.tools.validate.MemoryTrace;
import org.ptreplay.trace.TraceEvent;
import org.ptreplay.trace.TraceHeader;

/**
 * {@code validate --local}: every workload of {@link LocalCases} generated in memory, executed on
 * this kernel and simulated on this machine's profile with this kernel's preset, under the THP
 * settings the native runs had; then one row per figure.
 */
public final class LocalValidation {
    private final Providers registry;
    private final NativeExecutor executor;
    private final MachineProfile profile;
    private final String arch;
    private final String preset;
    private final int runs;
    private final int threads;

    public LocalValidation(Providers registry, NativeExecutor executor, MachineProfile profile, String arch,
                           String preset, int runs, int threads) {
        this.registry = registry;
        this.executor = executor;
        this.profile = profile;
        this.arch = arch;
        this.preset = preset;
        this.runs = runs;
        this.threads = threads;
    }

    /** Runs every workload of {@code sizeBytes} and forms the figures; {@code progress} gets one line per step. */
    public LocalResult run(long sizeBytes, Consumer<String> progress)
            throws NativeRefusal, NativeExecutor.NativeFailure, IOException, ReplayFailedException, InterruptedException {
        Map<String, Timing> timings = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        List<Workload> workloads = LocalCases.workloads(sizeBytes);
        List<String> placements = new ArrayList<>();
        for (int i = 0; i < workloads.size(); i++) {
            Workload w = workloads.get(i);
            String step = w.id() + " (" + (i + 1) + "/" + workloads.size() + ")";
            WorkloadGenerator generator = registry.require(ProviderKind.WORKLOAD, w.generator());
            List<TraceEvent> events = new ArrayList<>();
            generator.generate(w.params(), events::add);
            // One run more than asked, the first a warm-up that is dropped.
            NativeRun real = executor.execute(w.id(), 0, events.iterator(), ThpSpec.parse(w.thp()), runs + 1,
                    s -> progress.accept(step + ": native " + s)).withoutFirstRun();
            real.notes().stream().filter(n -> n.startsWith("Warning")).map(n -> w.id() + ": " + n).forEach(notes::add);
            if (w.thp().isEmpty()) {
                // Only workloads of order-0 folios: large folios do not come from these lists one page at a time.
                recordPlacement(sizeBytes, w, placements);
            }
            progress.accept(step + ": simulated");
            timings.put(w.id(), new Timing(real, simulate(w, generator, events, real.thp()).result()));
        }
        List<LocalResult.Row> rows = new ArrayList<>();
        for (LocalFigure f : LocalCases.figures(sizeBytes)) {
            List<Double> realRuns = new ArrayList<>();
            for (int r = 0; r < runs; r++) {
                realRuns.add(f.formula().of(LocalFigure.run(timings, r)));
            }
            rows.add(new LocalResult.Row(f, realRuns, f.formula().of(LocalFigure.simulated(timings))));
        }
        notes.add("Each workload ran " + (runs + 1) + " times natively; the first run was a warm-up and is not counted.");
        notes.add(placements.isEmpty()
                ? "The order-0 placement could not be measured (/proc/self/pagemap shows pfns only to CAP_SYS_ADMIN)."
                : "Order-0 placement after each 4K workload's native runs, the share of a populate's pages whose pfn"
                        + " neither follows nor precedes the previous page's (simulated on " + Placement.DEFAULT.label()
                        + " placement, another machine's free memory): " + String.join("; ", placements) + ".");
        return new LocalResult(rows, profile.name(), preset, runs, notes);
    }

    /**
     * Records, for {@code w}'s note, the order-0 placement this machine's allocator gives a
     * populate of the workload's size right after the workload's own runs (which freed their pages
     * to the lists the next run allocates from): the share of pages whose pfn neither follows nor
     * precedes the previous page's. It is reported, not simulated: on this project's VM the native
     * 4K zap moved between about 120 and 730 ns per PTE with this share and with how far the pfns
     * spread (docs/validation.md, run O), and the simulation's placements describe neither this
     * machine's per-CPU lists nor its spread (the default, another machine's free memory, stays).
     */
    private void recordPlacement(long sizeBytes, Workload w, List<String> placements) throws IOException {
        OptionalDouble breaks = executor.placementBreaks(sizeBytes);
        if (breaks.isPresent()) {
            placements.add(String.format(Locale.ROOT, "%s %.1f %%", w.id(), 100 * breaks.getAsDouble()));
        }
    }

    private CellResult simulate(Workload w, WorkloadGenerator generator, List<TraceEvent> events, ThpSpec thp)
            throws ReplayFailedException, InterruptedException {
        Plan plan = new CellPlanner(registry).plan(List.of(arch), List.of(preset), List.of(), List.of(profile),
                new CellPlanner.Settings(thp, Placement.DEFAULT, 0, 0, 1, false));
        TraceHeader header = new TraceHeader(TraceHeader.CURRENT_VERSION, 0, "ptreplay validate --local",
                new TraceHeader.Source(TraceHeader.SourceKind.GENERATOR, generator.name(), w.params()),
                TraceHeader.Machine.UNKNOWN, events.size());
        ReplayOutcome outcome = new ReplayEngine(plan.cells(), threads).run(new MemoryTrace(header, events), w.id());
        CellResult cell = outcome.cells().get(0);
        if (!cell.result().divergences().isEmpty()) {
            throw new IllegalStateException(w.id() + ": the simulation diverged from the generated trace: "
                    + cell.result().divergences().get(0).describe());
        }
        return cell;
    }
}
