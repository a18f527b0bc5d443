package org.ptreplay.core.replay;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import org.ptreplay.core.sim.Kernel;

/**
 * The bounded feed of batches shared by all cells: the decoder publishes, every cell consumes
 * each batch in order, and a slot is reused only when every unfinished cell has consumed it, so
 * at most {@code capacity} batches are alive whatever the trace size.
 *
 * <p>On a failure at event i (a bad event, a strict divergence, a bug), cells still apply every
 * batch that starts before i and then stop; the decoder publishes nothing from i on. Every cell
 * therefore sees every event before the earliest failure, which makes the reported failure the
 * same for every thread count.
 *
 * <p>A plugin strategy's failure ({@link PluginBlame}) is isolated: it stops its own cell and no
 * other, so the rest of the cells run to the end of the trace and their results are kept.
 */
final class Fanout {
    private final Object lock = new Object();
    private final Batch[] ring;
    private final CellRunner[] cells;
    private final Executor workers;
    private long published;
    private boolean endOfTrace;
    private int unfinished;
    /** The trace's own failure (cells keep theirs, see {@link #fail}). */
    private Failure failure;
    /** The earliest failing event so far, of the trace or of any cell; no batch from it on is useful. */
    private long stopIndex = Long.MAX_VALUE;

    Fanout(List<Kernel> kernels, int capacity, Executor workers) {
        this.ring = new Batch[capacity];
        this.workers = workers;
        this.cells = new CellRunner[kernels.size()];
        for (int i = 0; i < cells.length; i++) {
            cells[i] = new CellRunner(i, kernels.get(i), this);
        }
        this.unfinished = cells.length;
    }

    /** Events applied by the slowest cell. */
    long eventsDone() {
        long min = Long.MAX_VALUE;
        for (CellRunner c : cells) {
            min = Math.min(min, c.done());
        }
        return cells.length == 0 ? 0 : min;
    }

    /**
     * Decoder side: waits for a free slot, then publishes. Returns false, publishing nothing,
     * when a failure before this batch makes it useless.
     */
    boolean publish(Batch batch) throws InterruptedException {
        synchronized (lock) {
            while (published - minCursor() >= ring.length && !stopsBefore(batch)) {
                lock.wait();
            }
            if (stopsBefore(batch)) {
                return false;
            }
            ring[(int) (published % ring.length)] = batch;
            published++;
            wakeIdleCells();
            return true;
        }
    }

    /** Decoder side: no more batches; {@code problem} is the trace's failure, if any. */
    void end(Failure problem) {
        synchronized (lock) {
            endOfTrace = true;
            if (problem != null && problem.before(failure)) {
                failure = problem;
                stopIndex = Math.min(stopIndex, problem.eventIndex());
            }
            wakeIdleCells();
            lock.notifyAll();
        }
    }

    /**
     * Caller side: waits until every cell has finished, then returns the failures: the one that
     * stopped the replay (the trace's or a cell's, earliest first) alone, or else every isolated
     * one in cell order; empty when every cell completed.
     */
    List<Failure> await() throws InterruptedException {
        synchronized (lock) {
            while (unfinished > 0 || !endOfTrace) {
                lock.wait();
            }
            Failure first = failure;
            List<Failure> isolated = new ArrayList<>();
            for (CellRunner c : cells) {
                if (c.failure != null) {
                    Failure f = new Failure(c.failedAt, c.order, c.failure, c.isolated);
                    if (c.isolated) {
                        isolated.add(f);
                    } else if (f.before(first)) {
                        first = f;
                    }
                }
            }
            return first != null ? List.of(first) : isolated;
        }
    }

    /** Cell side: the next batch for {@code cell}, or null to give its worker back (idle or finished). */
    Batch next(CellRunner cell) {
        synchronized (lock) {
            if (cell.cursor < published) {
                Batch b = ring[(int) (cell.cursor % ring.length)];
                if (!stopsBefore(b)) {
                    return b;
                }
            } else if (!endOfTrace) {
                cell.scheduled = false;
                return null;
            }
            finish(cell);
            return null;
        }
    }

    /** Cell side: the batch at {@code cell}'s cursor is applied. */
    void consumed(CellRunner cell) {
        synchronized (lock) {
            cell.cursor++;
            lock.notifyAll();
        }
    }

    /**
     * Cell side: applying the event at {@code eventIndex} threw; the cell stops. Allocates
     * nothing before the cell is finished, so that an OutOfMemoryError cannot strand the caller
     * in {@link #await}: the failure is recorded in the cell and gathered there.
     */
    void fail(CellRunner cell, long eventIndex, Throwable cause, boolean isolated) {
        synchronized (lock) {
            cell.failedAt = eventIndex;
            cell.failure = cause;
            cell.isolated = isolated;
            if (!isolated && eventIndex < stopIndex) {
                stopIndex = eventIndex;
            }
            finish(cell);
        }
    }

    private void finish(CellRunner cell) {
        cell.finished = true;
        cell.scheduled = false;
        unfinished--;
        lock.notifyAll();
    }

    /** Whether a failure before {@code batch}'s first event makes it useless. Holds the lock. */
    private boolean stopsBefore(Batch batch) {
        return batch.firstIndex() >= stopIndex;
    }

    private long minCursor() {
        long min = published;
        for (CellRunner c : cells) {
            if (!c.finished) {
                min = Math.min(min, c.cursor);
            }
        }
        return min;
    }

    private void wakeIdleCells() {
        for (CellRunner c : cells) {
            if (!c.finished && !c.scheduled) {
                c.scheduled = true;
                workers.execute(c);
            }
        }
    }
}
