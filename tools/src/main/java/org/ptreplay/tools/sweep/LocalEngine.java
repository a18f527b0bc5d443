package org.ptreplay.tools.sweep;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a sweep's unfinished jobs in this JVM on a bounded pool, saving each job's result as it
 * finishes, with a progress line on stderr (jobs done of total, failures, ETA) when stderr is a
 * terminal, and there too a trace's reader warning, once per file. The pool size does not change
 * any result.
 */
public final class LocalEngine {

    /** What a run did: jobs in the grid, skipped as already complete, run now, and failed now. */
    public record Summary(int total, int skipped, int ran, int failed) {
    }

    private final SweepStore store;
    private final TidyTable table;
    private final JobRunner runner;
    private final int parallel;

    public LocalEngine(SweepStore store, TidyTable table, JobRunner runner, int parallel) {
        if (parallel < 1) {
            throw new IllegalArgumentException("--jobs must be at least 1, not " + parallel + ".");
        }
        this.store = store;
        this.table = table;
        this.runner = runner;
        this.parallel = parallel;
    }

    public Summary run(List<SweepJob> jobs, PrintWriter err, boolean terminal) throws IOException, InterruptedException {
        List<SweepJob> todo = new ArrayList<>();
        for (SweepJob j : jobs) {
            if (!JobFiles.complete(store, j)) {
                todo.add(j);
            }
        }
        int skipped = jobs.size() - todo.size();
        AtomicInteger done = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        long start = System.nanoTime();
        // A trace read by several jobs (one per THP setting, CPU count, ...) is warned about once, as
        // every other command warns once per file it reads.
        Set<String> warned = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(parallel, r -> {
            Thread t = new Thread(r, "ptreplay-sweep-job");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (SweepJob job : todo) {
                futures.add(pool.submit(() -> {
                    JobRunner.Outcome outcome = runner.run(job);
                    try {
                        JobFiles.save(store, table, outcome);
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot write the result of job " + job.index() + " to "
                                + store.describe(JobFiles.rows(job)) + " (" + e.getMessage() + ")", e);
                    }
                    if (!outcome.ok()) {
                        failed.incrementAndGet();
                    }
                    if (outcome.warning() != null && warned.add(job.trace())) {
                        synchronized (err) {
                            // The warning takes the progress line's place; the next job draws it again.
                            err.print(terminal ? "\r\033[K" : "");
                            err.println("ptreplay: warning: " + outcome.warning());
                            err.flush();
                        }
                    }
                    int n = done.incrementAndGet();
                    if (terminal) {
                        synchronized (err) {
                            err.print("\r" + line(skipped + n, jobs.size(), failed.get(), n, todo.size() - n,
                                    System.nanoTime() - start));
                            err.flush();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UncheckedIOException io) {
                throw io.getCause();
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
        if (terminal && !todo.isEmpty()) {
            err.print("\r\033[K");
            err.flush();
        }
        return new Summary(jobs.size(), skipped, todo.size(), failed.get());
    }

    /** e.g. {@code sweep: 12/40 jobs done, 1 failed, ETA 1m05s}. */
    static String line(int done, int total, int failed, int ranNow, int left, long elapsedNanos) {
        StringBuilder s = new StringBuilder("sweep: ").append(done).append('/').append(total).append(" jobs done");
        if (failed > 0) {
            s.append(", ").append(failed).append(" failed");
        }
        if (ranNow > 0 && left > 0) {
            long eta = elapsedNanos / ranNow * left / 1_000_000_000L;
            s.append(String.format(Locale.ROOT, ", ETA %dm%02ds", eta / 60, eta % 60));
        }
        return s.toString();
    }
}
