package org.ptreplay.core.cost;

import java.util.function.LongSupplier;
import org.ptreplay.spi.ops.Primitive;

/**
 * Turns charges into simulated time, in picoseconds (integers, so sums are exact and
 * deterministic). Built from a machine profile and the cell's cache model; the ledger calls it
 * once per charge.
 */
public interface CostModel {

    /** A model that prices everything at zero: counts only. */
    CostModel FREE = new CostModel() {
        @Override
        public long costPs(Primitive p, long n) {
            return 0;
        }

        @Override
        public long accessPs(Primitive p, long pa) {
            return 0;
        }

        @Override
        public long streamPs(long pa, long length, boolean write) {
            return 0;
        }

        @Override
        public long unitPs(Primitive p) {
            return 0;
        }

        // No cache state: every access is free and changes nothing, so any run may be batched.
        @Override
        public boolean l1Resident(long pa) {
            return true;
        }

        @Override
        public void recordL1Hits(long[] pa, int[] last, int accesses) {
        }

        @Override
        public long l1HitPs(Primitive p) {
            return 0;
        }

        @Override
        public int lineShift() {
            return 6;
        }
    };

    /** One charge of {@code p} with multiplicity {@code n} that touches no modelled memory. */
    long costPs(Primitive p, long n);

    /**
     * The price per unit of {@code p} when {@link #costPs}{@code (p, n)} is that price times
     * {@code n} and has no other effect once a ledger has attached its {@link #clock}; -1 when it
     * is not (a price that depends on {@code n} otherwise, or no price, which {@link #costPs}
     * reports). A ledger then charges {@code p} without calling the model. The default: -1.
     */
    default long unitPs(Primitive p) {
        return -1;
    }

    /** One memory-touching {@code p} at simulated physical address {@code pa}, through the cache model. */
    long accessPs(Primitive p, long pa);

    /** User data [pa, pa + length) streamed through the caches by the workload (touch events). */
    long streamPs(long pa, long length, boolean write);

    /**
     * The kernel writes [pa, pa + length) whole (page zeroing): the lines go through the caches as
     * a user-data stream does, and the time is the caller's own charge ({@code PAGE_ZERO}). A
     * model without caches ignores it.
     */
    default void writeLines(long pa, long length) {
    }

    /**
     * Batch-level accounting (issue #8): whether a memory access at {@code pa} now is priced as
     * an L1 hit and changes no model state but what {@link #recordL1Hits} records. A model that
     * cannot promise it returns false (the default), and callers then use {@link #accessPs}.
     */
    default boolean l1Resident(long pa) {
        return false;
    }

    /**
     * {@link #l1Resident} for the line of {@code pa}, which was {@link #l1Resident} just before the
     * last {@link #accessPs} with nothing else made of the model since: whether that access left
     * it in L1. A model may answer it without a lookup; the default asks {@link #l1Resident}.
     */
    default boolean l1Kept(long pa) {
        return l1Resident(pa);
    }

    /**
     * Records {@code accesses} consecutive memory accesses, all to the distinct lines of the
     * addresses in {@code pa}, each {@link #l1Resident} before the run, with the last access to the
     * line of {@code pa[i]} at 1-based offset {@code last[i]} (0: not touched; distinct lines have
     * distinct offsets): the model ends in exactly the state that as many {@link #accessPs} calls
     * would leave. Prices come from {@link #l1HitPs}. The arrays are the caller's: read them only
     * during the call.
     */
    default void recordL1Hits(long[] pa, int[] last, int accesses) {
        throw new UnsupportedOperationException("this cost model has no L1 runs");
    }

    /** What {@link #accessPs} returns for {@code p} on an {@link #l1Resident} line. */
    default long l1HitPs(Primitive p) {
        throw new UnsupportedOperationException("this cost model has no L1 runs");
    }

    /**
     * Gives the model the simulated time of the cell: the picoseconds charged so far, read before
     * each memory access (prefetch timeliness, docs/profiles.md "Memory timing"). The ledger that
     * prices with this model attaches itself; without it the model counts the prices it returned.
     */
    default void clock(LongSupplier elapsedPs) {
    }

    /** log2 of the cache line size: accesses whose addresses agree above it touch one line. */
    default int lineShift() {
        throw new UnsupportedOperationException("this cost model has no L1 runs");
    }
}
