package org.ptreplay.core.replay;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.ptreplay.core.cost.CostOptions;
import org.ptreplay.core.cost.ProfileCostModel;
import org.ptreplay.core.ledger.TimelineRecorder;
import org.ptreplay.core.value.TimelineEvent;
import org.ptreplay.spi.ops.PageTableGeometry;
import org.ptreplay.core.sim.Kernel;
import org.ptreplay.core.sim.ReplayException;
import org.ptreplay.core.sim.SimConfig;
import org.ptreplay.trace.TraceEvent;
import org.ptreplay.trace.TraceException;
import org.ptreplay.trace.TraceSource;

/**
 * Replays one trace through many cells in one pass. A decoder thread reads the trace once and
 * publishes immutable batches into a bounded feed ({@link Fanout}) shared by every cell; the cells
 * run on {@code threads} workers, each applying the batches strictly in order. Results are the
 * same whatever the thread count; memory holds at most {@link #FEED_BATCHES} batches of events
 * besides the cells' own state. Use once.
 */
public final class ReplayEngine {
    /** Events per batch: large enough to amortise the hand-over, small enough to stay in cache. */
    public static final int BATCH_EVENTS = 4096;
    /** Batches alive at once: lets fast cells run ahead of slow ones by this much. */
    static final int FEED_BATCHES = 16;

    private final List<CellSpec> specs;
    private final List<Kernel> kernels = new ArrayList<>();
    private final List<EffectiveArchOptions> options = new ArrayList<>();
    private final List<Integer> cpus = new ArrayList<>();
    private final List<TimelineRecorder> timelines = new ArrayList<>();
    private final int threads;
    private final int batchEvents;
    private volatile Fanout fanout;
    private volatile long eventsRead;
    private boolean used;

    /**
     * Prepares every cell: its effective arch options, its cost model and its kernel.
     *
     * @throws IllegalArgumentException one sentence naming the cell and what is wrong with it
     */
    public ReplayEngine(List<CellSpec> specs, int threads) {
        this(specs, threads, BATCH_EVENTS);
    }

    ReplayEngine(List<CellSpec> specs, int threads, int batchEvents) {
        if (specs.isEmpty()) {
            throw new IllegalArgumentException("a replay needs at least one cell.");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, not " + threads + ".");
        }
        this.specs = List.copyOf(specs);
        this.threads = threads;
        this.batchEvents = batchEvents;
        for (CellSpec spec : this.specs) {
            try {
                prepare(spec);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("cell " + spec.label() + ": " + e.getMessage(), e);
            }
        }
    }

    private void prepare(CellSpec spec) {
        EffectiveArchOptions effective = EffectiveArchOptions.resolve(spec.arch(), spec.kernel().archOptions(),
                spec.kernel().name(), spec.profile(), spec.userOptions());
        PageTableGeometry geo = spec.arch().geometry(effective.options());
        CostOptions costOptions = CostOptions.defaults().withConcurrency(spec.concurrency()).withCpus(spec.cpus())
                .withPageBytes((int) geo.pageSize());
        ProfileCostModel cost = ProfileCostModel.create(spec.profile(), costOptions);
        SimConfig config = SimConfig.builder(spec.arch())
                .archOptions(effective.options())
                .kernel(spec.kernel())
                .thp(spec.thp())
                .placement(spec.placement())
                .cpus(cost.cpus())
                .lazyTlbCpus(spec.lazyTlbCpus())
                .strict(spec.strict())
                .cost(cost)
                .memoryBytes(memoryShare())
                .build();
        kernels.add(new Kernel(config));
        options.add(effective);
        cpus.add(cost.cpus());
    }

    /**
     * Each cell's share of the heap for simulated pages: 80 % of the maximum heap (the rest is the
     * JVM's, the feed's and the results'), split evenly between the cells.
     */
    private long memoryShare() {
        return (long) (Runtime.getRuntime().maxMemory() * 0.8) / specs.size();
    }

    /**
     * Records the first {@code events} events of every cell on its simulated clock, for
     * {@code --timeline}; call before {@link #run}. Costs a pass over a cell's path nodes per
     * recorded event, nothing after.
     */
    public void recordTimeline(int events) {
        if (used) {
            throw new IllegalStateException("the timeline is asked for before the replay");
        }
        timelines.clear();
        for (Kernel kernel : kernels) {
            TimelineRecorder recorder = new TimelineRecorder(events);
            kernel.recordTimeline(recorder);
            timelines.add(recorder);
        }
    }

    /** The recorded events of cell {@code cell} (in {@link CellSpec} order), after {@link #run}; empty without {@link #recordTimeline}. */
    public List<TimelineEvent> timeline(int cell) {
        return timelines.isEmpty() ? List.of() : timelines.get(cell).events();
    }

    /** How many events of cell {@code cell} the timeline left out (beyond its limit). */
    public long timelineOmitted(int cell) {
        return timelines.isEmpty() ? 0 : timelines.get(cell).omitted();
    }

    /** Events applied by every cell so far; callable from any thread (progress bars). */
    public long eventsDone() {
        Fanout f = fanout;
        return f == null ? 0 : Math.min(f.eventsDone(), eventsRead);
    }

    /**
     * Replays {@code source} to its end. The source is read on a decoder thread and not closed.
     *
     * @param traceName the trace's name for error sentences
     * @throws ReplayFailedException at an unreadable event, an event the model cannot replay, or a
     *         strict divergence: one sentence naming the trace and the event index
     */
    public ReplayOutcome run(TraceSource source, String traceName) throws ReplayFailedException, InterruptedException {
        if (used) {
            throw new IllegalStateException("a ReplayEngine runs once");
        }
        used = true;
        boolean perf = source.header().source().kind() == org.ptreplay.trace.TraceHeader.SourceKind.PERF;
        kernels.forEach(k -> k.realFaults(perf));
        List<MemoryPoolMXBean> heap = heapPools();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        long start = System.nanoTime();
        int workers = Math.min(threads, kernels.size());
        ExecutorService pool = Executors.newFixedThreadPool(workers, daemonThreads("ptreplay-cell-"));
        List<Failure> failures;
        try {
            Fanout feed = new Fanout(kernels, FEED_BATCHES, pool);
            fanout = feed;
            Thread decoder = daemonThreads("ptreplay-decode-").newThread(() -> decode(source, feed));
            decoder.start();
            failures = feed.await();
            decoder.join();
        } finally {
            pool.shutdownNow();
        }
        if (!failures.isEmpty() && !failures.get(0).isolated()) {
            throw failed(failures.get(0), traceName);
        }
        long wall = System.nanoTime() - start;
        List<CellResult> results = new ArrayList<>();
        List<CellFailure> failed = new ArrayList<>();
        long pteOps = 0;
        for (int i = 0, next = 0; i < kernels.size(); i++) {
            if (next < failures.size() && failures.get(next).cell() == i) {
                Failure f = failures.get(next++);
                failed.add(new CellFailure(specs.get(i), f.eventIndex(), pluginSentence(f, traceName)));
                continue;
            }
            CellResult r = new CellResult(specs.get(i), options.get(i), cpus.get(i), kernels.get(i).result());
            pteOps += r.result().entries().total();
            results.add(r);
        }
        HostStats host = new HostStats(wall, eventsRead, pteOps, peak(heap), workers, kernels.size());
        ReplayOutcome outcome = new ReplayOutcome(source.header(), eventsRead, results, failed, host);
        if (!failed.isEmpty()) {
            CellFailure first = failed.get(0);
            String others = failed.size() == 1 ? "" : " (" + (failed.size() - 1) + " other cell(s) failed too, listed under"
                    + " failures in the JSON)";
            throw new ReplayFailedException(first.sentence() + others, first.eventIndex(), null, outcome);
        }
        return outcome;
    }

    /** The sentence for a plugin's isolated failure: the trace, the cell, the event, the plugin and its jar. */
    private String pluginSentence(Failure f, String traceName) {
        return traceName + ", cell " + specs.get(f.cell()).label() + ": event " + f.eventIndex() + ": "
                + PluginBlame.of(f.cause(), kernels.get(f.cell()).config());
    }

    /** The decoder thread: fills batches until the end of the trace, a bad event or a failure in a cell. */
    private void decode(TraceSource source, Fanout feed) {
        Failure problem = null;
        long index = 0;
        try {
            boolean more = true;
            while (more) {
                TraceEvent[] events = new TraceEvent[batchEvents];
                int n = 0;
                try {
                    TraceEvent e;
                    while (n < batchEvents && (e = source.next()) != null) {
                        events[n++] = e;
                    }
                    more = n == batchEvents;
                } catch (TraceException e) {
                    problem = new Failure(index + n, -1, e, false);
                    more = false;
                }
                if (n > 0) {
                    if (!feed.publish(new Batch(index, events, n))) {
                        break;
                    }
                    index += n;
                    eventsRead = index;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            problem = new Failure(index, -1, e, false);
        } catch (RuntimeException | Error e) {
            problem = new Failure(index, -1, e, false);
        } finally {
            feed.end(problem);
        }
    }

    private ReplayFailedException failed(Failure f, String traceName) {
        Throwable cause = f.cause();
        if (cause instanceof TraceException te) {
            return new ReplayFailedException(te.getMessage(), f.eventIndex(), te);
        }
        if (f.cell() < 0) {
            throw new IllegalStateException("decoding " + traceName + " failed at event " + f.eventIndex() + ": " + cause, cause);
        }
        String cell = traceName + ", cell " + specs.get(f.cell()).label() + ": ";
        if (cause instanceof ReplayException re) {
            return new ReplayFailedException(cell + re.getMessage(), re.eventIndex(), re);
        }
        if (cause instanceof OutOfMemoryError) {
            // The cells' state is what filled the heap: let it go before composing the sentence.
            kernels.clear();
            long heapMib = Runtime.getRuntime().maxMemory() >> 20;
            return new ReplayFailedException(cell + "event " + f.eventIndex() + " ran out of memory in the model (the heap"
                    + " is " + heapMib + " MiB for " + specs.size() + " cell(s)); give the JVM more with PTREPLAY_JAVA_OPTS=-Xmx"
                    + Math.max(1, 2 * heapMib / 1024 + 1) + "g or replay fewer cells at once.", f.eventIndex(), null);
        }
        String plugin = PluginBlame.of(cause, kernels.get(f.cell()).config());
        if (plugin != null) {
            return new ReplayFailedException(cell + "event " + f.eventIndex() + ": " + plugin, f.eventIndex(), cause);
        }
        if (cause instanceof Error error) {
            throw error;
        }
        throw new IllegalStateException("cell " + specs.get(f.cell()).label() + " failed at event " + f.eventIndex() + ": " + cause, cause);
    }

    private static List<MemoryPoolMXBean> heapPools() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP).toList();
    }

    private static long peak(List<MemoryPoolMXBean> pools) {
        long sum = 0;
        for (MemoryPoolMXBean p : pools) {
            var usage = p.getPeakUsage();
            if (usage == null) {
                return -1;
            }
            sum += usage.getUsed();
        }
        return pools.isEmpty() ? -1 : sum;
    }

    private static java.util.concurrent.ThreadFactory daemonThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
