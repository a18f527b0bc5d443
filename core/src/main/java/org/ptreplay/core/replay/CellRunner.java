package org.ptreplay.core.replay;

import org.ptreplay.core.sim.Kernel;
import org.ptreplay.trace.TraceEvent;

/**
 * One cell's kernel and its position in the shared batch feed. Runs as a task on the worker
 * pool while batches are available, and returns its worker when it has caught up, so that fewer
 * workers than cells cannot deadlock. The feed guarantees that at most one task per cell runs at
 * a time, and the cell applies the events in trace order.
 */
final class CellRunner implements Runnable {
    final int order;
    final Kernel kernel;
    private final Fanout feed;
    /** Next batch sequence number to apply; guarded by the feed's lock. */
    long cursor;
    /** A task for this cell is queued or running; guarded by the feed's lock. */
    boolean scheduled;
    /** Reached the end of the trace or the failure limit; guarded by the feed's lock. */
    boolean finished;
    /** What stopped this cell, at which event; guarded by the feed's lock. */
    Throwable failure;
    long failedAt;
    /** The failure is a plugin strategy's: it stops this cell only; guarded by the feed's lock. */
    boolean isolated;
    /** Events applied, for the progress bar; written by the running task only. */
    private volatile long done;

    CellRunner(int order, Kernel kernel, Fanout feed) {
        this.order = order;
        this.kernel = kernel;
        this.feed = feed;
    }

    long done() {
        return done;
    }

    @Override
    public void run() {
        Batch batch;
        while ((batch = feed.next(this)) != null) {
            long index = batch.firstIndex();
            try {
                TraceEvent[] events = batch.events();
                for (int i = 0; i < batch.size(); i++, index++) {
                    kernel.apply(index, events[i]);
                    // Per event: one event can be a multi-GiB mremap, so batch granularity would stall the bar.
                    done = index + 1;
                }
            } catch (Throwable e) {
                // Errors too (an OutOfMemoryError, a plugin's AbstractMethodError): the feed must hear of it.
                feed.fail(this, index, e, plugins(e));
                return;
            }
            feed.consumed(this);
        }
    }

    /** Whether a plugin strategy of this cell is to blame; false when even finding out fails (the heap is full). */
    private boolean plugins(Throwable e) {
        try {
            return PluginBlame.culprit(e, kernel.config()) != null;
        } catch (Throwable again) {
            return false;
        }
    }
}
