package org.ptreplay.tools;

import org.ptreplay.tools.plugin.PluginLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ptreplay.core.replay.CellSpec;
import org.ptreplay.core.replay.ReplayEngine;
import org.ptreplay.core.value.TimelineEvent;
import org.ptreplay.core.replay.ReplayFailedException;
import org.ptreplay.core.replay.ReplayOutcome;
import org.ptreplay.spi.loader.Providers;
import org.ptreplay.tools.replay.CellPlanner;
import org.ptreplay.tools.replay.Plan;
import org.ptreplay.tools.replay.ProgressBar;
import org.ptreplay.trace.TraceSource;

/**
 * The part {@code replay} and {@code compare} share: plan the cells, open the trace, build the
 * cells and run the engine with a progress bar, and turn every user-facing problem into one sentence with the
 * right exit code (2 for names and options, 1 for the trace and profiles).
 */
final class ReplayRun {

    /**
     * @param timelines each cell's recorded events ({@code --timeline}); empty lists without it
     * @param omitted   each cell's events beyond the timeline's limit
     * @param failure   when a plugin strategy stopped some cells (they are in {@code outcome.failures()},
     *                  the lists above cover the completed ones only): the sentence; else null
     */
    record Done(String traceName, Plan plan, ReplayOutcome outcome, List<List<TimelineEvent>> timelines, List<Long> omitted,
                String failure) {

        /**
         * After the results are written: the exit code, with the failure's sentence on
         * {@code err} when a plugin stopped some cells (the others' results are not lost).
         */
        int exitCode(PrintWriter err) {
            if (failure == null) {
                return ExitCode.OK;
            }
            err.println("ptreplay: " + failure);
            err.flush();
            return ExitCode.FAILED;
        }
    }

    private ReplayRun() {
    }

    static Done run(CellOptions options, List<String> strategies, Map<String, String> env, PrintWriter err) {
        return run(options, strategies, env, err, 0);
    }

    /** @param timelineEvents events per cell to record for {@code --timeline}; 0 records none */
    static Done run(CellOptions options, List<String> strategies, Map<String, String> env, PrintWriter err, int timelineEvents) {
        return run(options, strategies, env, err, timelineEvents, ReplayEngine::new);
    }

    /** Builds the cells of a plan into an engine; a parameter so a test can see when cells are built. */
    @FunctionalInterface
    interface Cells {
        ReplayEngine build(List<CellSpec> cells, int threads);
    }

    /**
     * In this order: the names and profiles of the cells are resolved (a typo is exit 2 whatever
     * the file), the trace's header is read and checked, and only then are the cells built, a
     * kernel each with its share of the heap: a bad file is refused in one sentence before any of
     * that work (it took as long as a replay's start and twice the memory of {@code summary}).
     */
    // The progress bar is a resource only to be stopped when the replay ends, never referenced in the body.
    @SuppressWarnings("try")
    static Done run(CellOptions options, List<String> strategies, Map<String, String> env, PrintWriter err, int timelineEvents,
                    Cells cells) {
        Plan plan = plan(options, strategies, env);
        String traceName = options.trace.toString();
        // Binary or text form, compressed or not: fixtures and bug reports replay as they are.
        try (TraceSource source = TraceFiles.open(options.trace)) {
            ReplayEngine engine;
            try {
                engine = cells.build(plan.cells(), options.threadCount());
            } catch (IllegalArgumentException e) {
                throw CommandFailure.badUsage(e.getMessage());
            }
            if (timelineEvents > 0) {
                engine.recordTimeline(timelineEvents);
            }
            Done done;
            try (ProgressBar bar = ProgressBar.start(err, engine::eventsDone, source.header().eventCountHint())) {
                done = replay(traceName, plan, engine, source);
            }
            // After the progress line is gone: what the reader could not check about the file.
            TraceFiles.endOfTrace(source, err);
            return done;
        } catch (IOException e) {
            throw CommandFailure.badData(traceName + ": cannot close the trace (" + e.getMessage() + ")");
        }
    }

    private static Plan plan(CellOptions options, List<String> strategies, Map<String, String> env) {
        Providers registry = PluginLoader.load(options.pluginPath.directories(env));
        try {
            return new CellPlanner(registry).plan(options.archs, strategies, options.profiles, options.fileProfiles(),
                    options.settings());
        } catch (CellPlanner.BadArgument e) {
            throw CommandFailure.badUsage(e.getMessage());
        } catch (CellPlanner.BadProfile e) {
            throw CommandFailure.badData(e.getMessage());
        }
    }

    private static Done replay(String traceName, Plan plan, ReplayEngine engine, TraceSource source) {
        try {
            return done(traceName, plan, engine, engine.run(source, traceName), null);
        } catch (ReplayFailedException e) {
            if (e.partial().isPresent()) {
                return done(traceName, plan, engine, e.partial().get(), e.getMessage());
            }
            throw CommandFailure.badData(e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CommandFailure.badData("the replay of " + traceName + " was interrupted");
        }
    }

    /** The timelines of the cells that completed, in the order of {@code outcome.cells()}. */
    private static Done done(String traceName, Plan plan, ReplayEngine engine, ReplayOutcome outcome, String failure) {
        List<List<TimelineEvent>> timelines = new ArrayList<>();
        List<Long> omitted = new ArrayList<>();
        for (int c = 0; c < plan.cells().size(); c++) {
            CellSpec spec = plan.cells().get(c);
            if (outcome.failures().stream().noneMatch(f -> f.spec() == spec)) {
                timelines.add(engine.timeline(c));
                omitted.add(engine.timelineOmitted(c));
            }
        }
        return new Done(traceName, plan, outcome, timelines, omitted, failure);
    }
}
