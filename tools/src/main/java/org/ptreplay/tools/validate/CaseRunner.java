package org.ptreplay.tools.validate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ptreplay.core.replay.CellResult;
import org.ptreplay.core.replay.ReplayEngine;
import org.ptreplay.core.replay.ReplayFailedException;
import org.ptreplay.core.replay.ReplayOutcome;
import org.ptreplay.core.value.Placement;
import org.ptreplay.core.value.SimResult;
import org.ptreplay.core.value.ThpSpec;
import org.ptreplay.spi.WorkloadGenerator;
import org.ptreplay.spi.loader.Providers;
import org.ptreplay.spi.loader.ProviderKind;
import org.ptreplay.tools.replay.CellPlanner;
import org.ptreplay.tools.replay.Plan;
import org.ptreplay.trace.TraceEvent;
import org.ptreplay.trace.TraceHeader;

/**
 * Runs cases: generates each experiment's workload in memory, replays it through its cells with
 * the replay engine (the same planner and engine as {@code ptreplay replay}), and forms the figures.
 */
public final class CaseRunner {
    private final Providers registry;
    private final CellPlanner planner;
    private final int threads;
    private final Placement placement;
    private final int lazyTlbCpus;

    /** Cases replayed with the default placement ({@link Placement#DEFAULT}). */
    public CaseRunner(Providers registry, int threads) {
        this(registry, threads, Placement.DEFAULT);
    }

    /**
     * @param threads   worker threads per replay; results do not depend on it
     * @param placement where every cell puts its order-0 folios
     */
    public CaseRunner(Providers registry, int threads, Placement placement) {
        this(registry, threads, placement, 0);
    }

    /** @param lazyTlbCpus CPUs in lazy-TLB mode for every mm, in every cell ({@code --lazy-tlb-cpus}) */
    public CaseRunner(Providers registry, int threads, Placement placement, int lazyTlbCpus) {
        this.lazyTlbCpus = lazyTlbCpus;
        this.registry = registry;
        this.planner = new CellPlanner(registry);
        this.threads = threads;
        this.placement = placement;
    }

    /**
     * Runs one case.
     *
     * @throws IllegalStateException one sentence naming the case and what went wrong: a bad
     *         experiment, an event the model cannot replay, or a figure without a measure
     */
    public CaseResult run(Case c) {
        Map<String, List<CellResult>> byExperiment = new HashMap<>();
        for (Experiment e : c.experiments()) {
            try {
                byExperiment.put(e.id(), replay(e));
            } catch (RuntimeException | ReplayFailedException ex) {
                throw new IllegalStateException("case " + c.name() + ", experiment " + e.id() + ": " + ex.getMessage(), ex);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("case " + c.name() + " was interrupted", ex);
            }
        }
        List<CheckResult> results = new ArrayList<>();
        for (Check check : c.checks()) {
            try {
                double simulated = check.figure().compute(ref -> cell(c, byExperiment, ref));
                results.add(new CheckResult(check, simulated));
            } catch (RuntimeException ex) {
                throw new IllegalStateException("case " + c.name() + ", check " + check.id() + ": " + ex.getMessage(), ex);
            }
        }
        List<ReadingResult> readings = new ArrayList<>();
        for (Reading r : c.readings()) {
            try {
                readings.add(new ReadingResult(r, r.figure().compute(ref -> cell(c, byExperiment, ref))));
            } catch (RuntimeException ex) {
                throw new IllegalStateException("case " + c.name() + ", reading " + r.label() + ": " + ex.getMessage(), ex);
            }
        }
        List<ExplanationResult> explanations = new ArrayList<>();
        for (Explanation x : c.explanations()) {
            try {
                explanations.add(new ExplanationResult(x, x.figure().compute(ref -> cell(c, byExperiment, ref))));
            } catch (RuntimeException ex) {
                throw new IllegalStateException("case " + c.name() + ", explanation " + x.label() + ": " + ex.getMessage(), ex);
            }
        }
        return new CaseResult(c, results, readings, explanations);
    }

    private static SimResult cell(Case c, Map<String, List<CellResult>> byExperiment, CellRef ref) {
        return byExperiment.get(ref.experiment()).get(c.experiment(ref.experiment()).index(ref)).result();
    }

    private List<CellResult> replay(Experiment e) throws ReplayFailedException, InterruptedException {
        ThpSpec thp = ThpSpec.parse(e.thp());
        Plan plan = planner.plan(e.archs(), e.strategies(), List.of(e.profile()),
                new CellPlanner.Settings(thp, placement, 0, lazyTlbCpus, e.concurrency(), false));
        WorkloadGenerator generator = registry.require(ProviderKind.WORKLOAD, e.generator());
        List<TraceEvent> events = new ArrayList<>();
        generator.generate(e.params(), events::add);
        TraceHeader header = new TraceHeader(TraceHeader.CURRENT_VERSION, 0, "ptreplay validate",
                new TraceHeader.Source(TraceHeader.SourceKind.GENERATOR, generator.name(), e.params()),
                TraceHeader.Machine.UNKNOWN, events.size());
        ReplayOutcome outcome = new ReplayEngine(plan.cells(), threads).run(new MemoryTrace(header, events), e.id());
        for (CellResult r : outcome.cells()) {
            if (!r.result().divergences().isEmpty()) {
                throw new IllegalStateException("cell " + r.spec().label() + " diverged from the generated trace: "
                        + r.result().divergences().get(0).describe());
            }
        }
        return outcome.cells();
    }
}
