package org.ptreplay.tools.nativeexec;

import java.io.Closeable;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.ptreplay.core.value.ThpSpec;
import org.ptreplay.tools.calibrate.HostFacts;
import org.ptreplay.trace.TraceEvent;

/**
 * Executes a trace's events on this machine's kernel with the probe, several times, under the THP
 * settings asked for: set through sysfs when this process may (root), and put back afterwards
 * even when a run fails (a finally, and a shutdown hook for an interrupted JVM); otherwise the
 * current settings are used and a mismatch is reported.
 */
public final class NativeExecutor {
    /** The probe's kind letters, in its order (ptreplay-probe.c, KINDS). */
    private static final Map<Character, String> KINDS = Map.of('m', "mmap", 'u', "munmap", 'r', "mremap", 'b', "brk",
            'a', "madvise", 'p', "mprotect", 'f', "fork", 't', "touch", 'x', "exit");

    private final Probe probe;
    private final ThpSysfs sysfs;
    private final long memAvailableBytes;
    private final boolean oneCpu;

    /** @param memAvailableBytes what the trace's peak must fit in ({@link #memAvailable()} on a real machine) */
    public NativeExecutor(Probe probe, ThpSysfs sysfs, long memAvailableBytes) {
        this(probe, sysfs, memAvailableBytes, false);
    }

    private NativeExecutor(Probe probe, ThpSysfs sysfs, long memAvailableBytes, boolean oneCpu) {
        this.probe = probe;
        this.sysfs = sysfs;
        this.memAvailableBytes = memAvailableBytes;
        this.oneCpu = oneCpu;
    }

    /**
     * This executor with every task of a run kept on the CPU the run started on, as the simulation
     * runs a single-threaded trace: a task the scheduler moved leaves the other CPU in its mm's
     * cpumask, and its flushes then pay a remote flush as well, which the simulation does not charge.
     */
    public NativeExecutor onOneCpu() {
        return new NativeExecutor(probe, sysfs, memAvailableBytes, true);
    }

    /** A failed native run: one sentence naming the trace and the event. */
    public static final class NativeFailure extends Exception {
        private static final long serialVersionUID = 1L;

        NativeFailure(String sentence) {
            super(sentence);
        }
    }

    /**
     * Runs the trace {@code runs} times.
     *
     * @param events        a fresh iterator over the trace's events (read once, into the event file)
     * @param tracePageSize the page size in the trace's header, 0 when unknown
     * @param thp           the settings to run with (the trace's recommendation or the user's)
     * @throws NativeRefusal before anything ran: what the executor cannot run, or a trace too large
     */
    public NativeRun execute(String traceName, int tracePageSize, Iterator<TraceEvent> events, ThpSpec thp, int runs,
                             Consumer<String> progress) throws NativeRefusal, NativeFailure, IOException {
        Path file = Files.createTempFile("ptreplay-native-", ".events");
        try {
            EventScript.Script script;
            try (Writer w = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
                script = EventScript.write(traceName, tracePageSize, 4096, events, w);
            }
            if (script.peakBytes() > memAvailableBytes) {
                throw new NativeRefusal(String.format(Locale.ROOT, "%s: its largest address space is %.2f GiB and this"
                        + " machine has %.2f GiB available, so it is not run", traceName, script.peakBytes() / 1073741824.0,
                        memAvailableBytes / 1073741824.0));
            }
            List<String> notes = new ArrayList<>();
            if (script.skippedFailed() > 0) {
                notes.add(script.skippedFailed() + " calls recorded as failed were not executed.");
            }
            notes.add("exit is not timed: a task cannot time its own teardown.");
            return withThp(thp, traceName, notes, used -> runAll(traceName, file, script, used, runs, notes, progress));
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @FunctionalInterface
    private interface Body {
        NativeRun run(ThpSpec used) throws NativeRefusal, NativeFailure, IOException;
    }

    private NativeRun withThp(ThpSpec thp, String traceName, List<String> notes, Body body)
            throws NativeRefusal, NativeFailure, IOException {
        if (!sysfs.present()) {
            notes.add("This kernel has no THP sysfs; the runs used its built-in settings.");
            return body.run(thp);
        }
        long pmdKb = sysfs.pmdKb();
        SortedMap<String, String> wanted;
        try {
            wanted = sysfs.wanted(thp, pmdKb);
        } catch (NativeRefusal e) {
            throw new NativeRefusal(traceName + ": " + e.getMessage());
        }
        if (!sysfs.writable()) {
            SortedMap<String, String> before = sysfs.read();
            ThpSpec current = sysfs.current(pmdKb);
            if (!before.equals(wanted)) {
                notes.add("Warning: THP is " + current + " here, not " + thp + " as asked; without root the runs"
                        + " use the current settings (the simulation beside them does too).");
            } else {
                notes.add("THP was already " + thp + "; not root, so nothing was changed.");
            }
            return body.run(current);
        }
        Closeable turn = sysfs.exclusive(() -> notes.add("Waited for another process executing traces to"
                + " restore the THP settings before reading them."));
        try {
            return withThpSet(thp, wanted, pmdKb, notes, body);
        } finally {
            turn.close();
        }
    }

    /** As {@link #withThp}, holding the turn at the settings: read them, set {@code wanted}, run, restore. */
    private NativeRun withThpSet(ThpSpec thp, SortedMap<String, String> wanted, long pmdKb, List<String> notes, Body body)
            throws NativeRefusal, NativeFailure, IOException {
        SortedMap<String, String> before = sysfs.read();
        Thread restore = new Thread(() -> {
            try {
                sysfs.write(before);
            } catch (IOException ignored) {
                // Best effort while the JVM goes down; the finally below has already run if it could.
            }
        }, "ptreplay-thp-restore");
        Runtime.getRuntime().addShutdownHook(restore);
        try {
            sysfs.write(wanted);
            notes.add("THP set to " + thp + " for the runs, and restored afterwards.");
            NativeRun run = body.run(thp);
            // Another root process running traces (a second ptreplay) writes the same files; its
            // settings, or its restore of what it read, would have given these runs other folio sizes.
            if (!sysfs.read().equals(wanted)) {
                List<String> warned = new ArrayList<>(run.notes());
                warned.add("Warning: another process changed the THP settings during the runs (they were " + sysfs.current(pmdKb)
                        + " at the end, not " + thp + "), so the runs' folio sizes are not known.");
                return new NativeRun(run.events(), run.kernelRelease(), run.thp(), run.calls(), run.nsRuns(), run.cpuRuns(),
                        run.wallNs(), warned);
            }
            return run;
        } finally {
            sysfs.write(before);
            try {
                Runtime.getRuntime().removeShutdownHook(restore);
            } catch (IllegalStateException shuttingDown) {
                // The hook runs anyway; it writes the same settings.
            }
        }
    }

    private NativeRun runAll(String traceName, Path file, EventScript.Script script, ThpSpec used, int runs,
                             List<String> notes, Consumer<String> progress) throws NativeRefusal, NativeFailure, IOException {
        SortedMap<String, Long> calls = new TreeMap<>();
        SortedMap<String, List<Long>> ns = new TreeMap<>();
        SortedMap<String, List<Long>> cpu = new TreeMap<>();
        List<Long> wall = new ArrayList<>();
        for (int r = 0; r < runs; r++) {
            progress.accept("run " + (r + 1) + " of " + runs);
            Map<String, long[]> kinds = new HashMap<>();
            List<String> other = new ArrayList<>();
            long[] wallNs = {-1};
            boolean[] pinned = {false};
            int status = probe.run(List.of("exec", file.toString()), oneCpu ? Map.of("PTREPLAY_ONE_CPU", "1") : Map.of(), line -> {
                String[] w = line.split(" ", 5);
                if (w[0].equals("pinned")) {
                    pinned[0] = true;
                } else if (w[0].equals("kind") && w.length == 5) {
                    kinds.put(KINDS.get(w[1].charAt(0)),
                            new long[] {Long.parseLong(w[2]), Long.parseLong(w[3]), Long.parseLong(w[4])});
                } else if (w[0].equals("wall") && w.length == 2) {
                    wallNs[0] = Long.parseLong(w[1]);
                } else {
                    other.add(line);
                }
            });
            for (String line : other) {
                if (line.startsWith("refuse ")) {
                    throw new NativeRefusal(traceName + ": " + line.substring(7) + ".");
                }
                if (line.startsWith("fail ")) {
                    String[] w = line.split(" ", 3);
                    int l = Integer.parseInt(w[1]);
                    long event = l >= 0 && l < script.lines() ? script.eventOfLine()[l] : -1;
                    throw new NativeFailure(traceName + ": event " + event + ": " + (w.length > 2 ? w[2] : "failed") + ".");
                }
            }
            if (status != 0 || wallNs[0] < 0) {
                throw new NativeFailure(traceName + ": the native probe stopped (exit " + status + ")"
                        + (other.isEmpty() ? "" : ": " + other.get(0)) + ".");
            }
            kinds.forEach((kind, v) -> {
                if (v[0] == 0 || kind.equals("exit")) {
                    return;
                }
                calls.put(kind, v[0]);
                ns.computeIfAbsent(kind, k -> new ArrayList<>()).add(v[1]);
                cpu.computeIfAbsent(kind, k -> new ArrayList<>()).add(v[2]);
            });
            wall.add(wallNs[0]);
            if (oneCpu && r == 0) {
                notes.add(pinned[0] ? "Each run's tasks stayed on one CPU, as the simulation runs them."
                        : "Warning: the runs could not be kept on one CPU (sched_setaffinity failed).");
            }
        }
        return new NativeRun(script.events(), HostFacts.readKernelRelease(), used, calls, ns, cpu, wall, notes);
    }

    /**
     * Where this machine's page allocator puts a process's order-0 pages now: the probe faults
     * {@code bytes} of a THP-refused mapping in address order, reads the pfns from
     * /proc/self/pagemap and counts the pages whose pfn is neither the previous page's plus one nor its minus one (a
     * LIFO per-CPU list hands out descending runs); the
     * share of such breaks, or empty when the pfns cannot be read (they read as 0 without
     * CAP_SYS_ADMIN) or the probe failed. The pages are freed again, to the lists the next
     * workload allocates from.
     */
    public OptionalDouble placementBreaks(long bytes) throws IOException {
        double[] share = {Double.NaN};
        int status = probe.run(List.of("placement", Long.toString(bytes)), Map.of(), line -> {
            String[] w = line.split(" ");
            if (w.length == 3 && w[0].equals("placement")) {
                share[0] = Double.parseDouble(w[1]) / Double.parseDouble(w[2]);
            }
        });
        return status == 0 && share[0] >= 0 && share[0] <= 1 ? OptionalDouble.of(share[0]) : OptionalDouble.empty();
    }

    /** MemAvailable from /proc/meminfo, in bytes; Long.MAX_VALUE where there is none. */
    public static long memAvailable() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemAvailable:")) {
                    return Long.parseLong(line.replaceAll("\\D+", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return Long.MAX_VALUE;
        }
        return Long.MAX_VALUE;
    }
}
