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
import org.ptreplay.trace.TraceException;
import org.ptreplay.trace.TraceSource;

/**
 * The part {@code replay} and {@code compare} share: plan the cells, open the trace, run the
 * engine with a progress bar, and turn every user-facing problem into one sentence with the
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
    // The progress bar is a resource only to be stopped when the replay ends, never referenced in the body.
    @SuppressWarnings("try")
    static Done run(CellOptions options, List<String> strategies, Map<String, String> env, PrintWriter err, int timelineEvents) {
        Providers registry = PluginLoader.load(options.pluginPath.directories(env));
        Plan plan;
        try {
            plan = new CellPlanner(registry).plan(options.archs, strategies, options.profiles, options.fileProfiles(),
                    options.settings());
        } catch (CellPlanner.BadArgument e) {
            throw CommandFailure.badUsage(e.getMessage());
        } catch (CellPlanner.BadProfile e) {
            throw CommandFailure.badData(e.getMessage());
        }
        int threads = options.threadCount();
        ReplayEngine engine;
        try {
            engine = new ReplayEngine(plan.cells(), threads);
        } catch (IllegalArgumentException e) {
            throw CommandFailure.badUsage(e.getMessage());
        }
        if (timelineEvents > 0) {
            engine.recordTimeline(timelineEvents);
        }
        String traceName = options.trace.toString();
        // Binary or text form, compressed or not: fixtures and bug reports replay as they are.
        try (TraceSource source = TraceFiles.open(options.trace);
             ProgressBar bar = ProgressBar.start(err, engine::eventsDone, source.header().eventCountHint())) {
            return done(traceName, plan, engine, engine.run(source, traceName), null);
        } catch (TraceException e) {
            throw CommandFailure.badData(e.getMessage());
        } catch (ReplayFailedException e) {
            if (e.partial().isPresent()) {
                return done(traceName, plan, engine, e.partial().get(), e.getMessage());
            }
            throw CommandFailure.badData(e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CommandFailure.badData("the replay of " + traceName + " was interrupted");
        } catch (IOException e) {
            throw CommandFailure.badData(traceName + ": cannot close the trace (" + e.getMessage() + ")");
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
