package org.ptreplay.tools;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import org.ptreplay.core.value.ThpSpec;
import org.ptreplay.tools.nativeexec.NativeExecutor;
import org.ptreplay.tools.nativeexec.NativeRefusal;
import org.ptreplay.tools.nativeexec.NativeRun;
import org.ptreplay.tools.nativeexec.Probe;
import org.ptreplay.tools.nativeexec.ProbeUnavailableException;
import org.ptreplay.tools.nativeexec.ThpSysfs;
import org.ptreplay.trace.TraceEvent;
import org.ptreplay.trace.TraceHeader;
import org.ptreplay.trace.TraceSource;
import picocli.CommandLine.Option;

/** {@code --native} and {@code --runs} of replay and compare, and the native run {@code measure} shares. */
final class NativeOptions {
    static final int DEFAULT_RUNS = 5;

    @Option(names = "--native", description = "Also execute the trace on this machine's kernel (the native probe; docs/native.md)"
            + " and show the measured times beside the simulated cells. Defaults become this machine's arch and kernel preset.")
    boolean enabled;

    @Option(names = "--runs", paramLabel = "N", defaultValue = "" + DEFAULT_RUNS,
            description = "Native runs; median and spread are reported (default: ${DEFAULT-VALUE}).")
    int runs;

    /**
     * Executes the trace natively under {@code thpArg} (or the trace's recommended THP), after
     * every check; each problem is one sentence and exit 1.
     */
    static NativeRun measure(Path trace, String thpArg, int runs, Map<String, String> env, PrintWriter err) {
        checkRuns(runs);
        // One opening for the header and the events: a FIFO cannot be read twice.
        try (TraceSource s = TraceFiles.open(trace)) {
            return measure(s, trace.toString(), thpArg, runs, env, err);
        } catch (IOException e) {
            throw CommandFailure.badData(trace + ": the native run failed (" + e.getMessage() + ")", e);
        }
    }

    static void checkRuns(int runs) {
        if (runs < 1) {
            throw CommandFailure.badUsage("--runs must be at least 1, not " + runs);
        }
    }

    /**
     * As {@link #measure(Path, String, int, Map, PrintWriter)}, on the opened trace {@code s}, read
     * to its end; {@code runs} checked ({@link #checkRuns}).
     */
    static NativeRun measure(TraceSource s, String name, String thpArg, int runs, Map<String, String> env, PrintWriter err) {
        try {
            TraceHeader header = s.header();
            ThpSpec thp;
            try {
                thp = ThpSpec.parse(thpArg != null ? thpArg : recommendedThp(header));
            } catch (IllegalArgumentException e) {
                throw CommandFailure.badUsage("--thp: " + e.getMessage());
            }
            Probe probe = Probe.obtain(env);
            NativeExecutor executor = new NativeExecutor(probe, new ThpSysfs(ThpSysfs.DEFAULT), NativeExecutor.memAvailable());
            Iterator<TraceEvent> events = s.iterator();
            NativeRun run;
            boolean[] status = {false};
            try {
                run = executor.execute(name, header.machine().pageSize(), events, thp, runs, line -> {
                    err.print("\rnative: " + line);
                    err.flush();
                    status[0] = true;
                });
            } finally {
                // Ends the status line, so that an error after it is a line of its own.
                if (status[0]) {
                    err.println();
                }
            }
            TraceFiles.endOfTrace(s, err);
            for (String note : run.notes()) {
                if (note.startsWith("Warning")) {
                    err.println(note);
                }
            }
            err.flush();
            return run;
        } catch (ProbeUnavailableException | NativeRefusal | NativeExecutor.NativeFailure e) {
            throw CommandFailure.badData(e.getMessage());
        } catch (java.io.UncheckedIOException e) {
            throw CommandFailure.badData(e.getCause().getMessage(), e);
        } catch (IOException e) {
            throw CommandFailure.badData(name + ": the native run failed (" + e.getMessage() + ")", e);
        }
    }

    /** The THP settings the trace's header recommends ({@code recommended-thp}), empty for the kernel defaults. */
    static String recommendedThp(TraceHeader header) {
        return header.source().params().getOrDefault(GenerateCommand.RECOMMENDED_THP, "");
    }
}
