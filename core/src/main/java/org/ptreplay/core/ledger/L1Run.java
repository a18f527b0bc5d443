package org.ptreplay.core.ledger;

import org.ptreplay.core.cost.CostModel;
import org.ptreplay.spi.ops.Primitive;

/**
 * Batch-level accounting of an L1 run (issue #8): while a page-table context has a run open on the
 * {@link PathLedger}, the last two cache lines touched are tracked, and every further touch of a
 * tracked line is an L1 hit that changes nothing but that line's LRU stamp (promised by
 * {@link CostModel#l1Resident} when the line was first touched), so it is only counted here and
 * applied to the cost model and the ledger in one step. Any other touch applies the pending batch
 * first and is then made the ordinary way, so the cache model sees the same accesses in the same
 * order and ends in the same state. Two lines: {@code move_ptes} walks a source and a destination
 * table side by side.
 *
 * <p>The ledger applies the batch before anything that depends on it: a frame change (the
 * counts belong to the path they were charged under), a user-data stream and a snapshot.
 */
final class L1Run {
    private static final int NP = Primitive.count();

    static {
        // One bit per primitive in {@link #used}.
        if (NP > Long.SIZE) {
            throw new ExceptionInInitializerError("L1Run tracks at most 64 primitives, not " + NP);
        }
    }

    private final PathLedger ledger;
    private final CostModel cost;
    private final int lineShift;
    /** The tracked line of each slot, -1 for none; any address in it, for {@link CostModel#recordL1Hits}. */
    private final long[] line = {-1, -1};
    private final long[] pa = new long[2];
    /** 1-based offset, in the pending batch, of the last access to each slot's line; 0 for none. */
    private final int[] last = new int[2];
    /** The slot touched last: a new line replaces the other one. */
    private int recent = 1;
    private int accesses;
    /** Pending touches, by primitive ordinal. */
    private final long[] touches = new long[NP];
    /** Bit i set when touches[i] may be non-zero. */
    private long used;

    L1Run(PathLedger ledger, CostModel cost) {
        this.ledger = ledger;
        this.cost = cost;
        this.lineShift = cost.lineShift();
    }

    /**
     * Counts a touch of {@code p} at {@code at} into the batch when its line is tracked and returns
     * true. Otherwise applies the pending batch and returns false: the caller then makes the
     * access the ordinary way and calls {@link #track}.
     */
    boolean hit(Primitive p, long at) {
        long l = at >>> lineShift;
        int r;
        if (l == line[0]) {
            r = 0;
        } else if (l == line[1]) {
            r = 1;
        } else {
            flush();
            return false;
        }
        last[r] = ++accesses;
        recent = r;
        touches[p.ordinal()]++;
        used |= 1L << p.ordinal();
        return true;
    }

    /**
     * After an ordinary access at {@code at} (whose line {@link #hit} did not track): tracks it in
     * place of the line touched less recently, when the cost model promises that further accesses
     * to it are plain L1 hits, and drops the other line if that access evicted it.
     */
    void track(long at) {
        int r = recent ^ 1;
        line[r] = cost.l1Resident(at) ? at >>> lineShift : -1;
        pa[r] = at;
        recent = r;
        int other = r ^ 1;
        // The other line was resident before this access (it was checked after the access before),
        // and the batched hits since stamped it without evicting anything.
        if (line[other] >= 0 && !cost.l1Kept(pa[other])) {
            line[other] = -1;
        }
    }

    /** Applies the pending batch and forgets the tracked lines. */
    void finish() {
        flush();
        line[0] = -1;
        line[1] = -1;
    }

    /**
     * Applies the pending accesses to the cost model and their charges to the ledger. Both happen
     * before the next ordinary access, so the ledger's clock, which prefetch timeliness reads at
     * every access, is where the per-access replay would have it.
     */
    void flush() {
        if (accesses == 0) {
            return;
        }
        cost.recordL1Hits(pa[0], last[0], pa[1], last[1], accesses);
        accesses = 0;
        last[0] = 0;
        last[1] = 0;
        for (long m = used; m != 0; m &= m - 1) {
            int i = Long.numberOfTrailingZeros(m);
            ledger.touchL1Hits(Primitive.byOrdinal(i), touches[i]);
            touches[i] = 0;
        }
        used = 0;
    }
}
