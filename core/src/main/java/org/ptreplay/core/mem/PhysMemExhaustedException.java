package org.ptreplay.core.mem;

/**
 * A folio or table allocation that physical memory could not satisfy: the model has no reclaim
 * and no OOM killer, so the replay stops at that event with one sentence.
 */
public final class PhysMemExhaustedException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    PhysMemExhaustedException(int order, long bytes) {
        super("simulated physical memory of " + (bytes >> 20) + " MiB has no free block of order " + order
                + " left (the model has no reclaim and no OOM killer)");
    }
}
