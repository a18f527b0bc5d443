package org.ptreplay.core.linux.mremap;

import org.ptreplay.core.cost.CostModel;
import org.ptreplay.spi.ops.Primitive;
import org.ptreplay.core.ledger.PathLedger;

/**
 * Batch-level accounting of a page-table walk that touches one or two cache lines at a time
 * (issue #8): the source and destination lines of {@code move_ptes}, eight entries each. Every
 * access to a line that is already tracked is an L1 hit that changes nothing but that line's LRU
 * stamp (checked with {@link CostModel#l1Resident} when the line was first touched), so it is only
 * counted here and applied to the cost model and the ledger in one step. Any other access is
 * performed by the caller the ordinary way, after {@link #hit} has applied the pending batch, so
 * the cache model sees the same accesses in the same order and ends in the same state.
 *
 * <p>Usage per access: {@code if (!run.hit(role, p, pa)) { ordinary access; run.track(role, pa); }},
 * and {@link #finish} before the path leaves the frame it charges under. Two roles, one per line
 * being walked; a line may be tracked under both.
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
    /** The tracked line of each role, -1 for none; any address in it, for {@link CostModel#recordL1Hits}. */
    private final long[] line = {-1, -1};
    private final long[] pa = new long[2];
    /** 1-based offset, in the pending batch, of the last access to each role's line; 0 for none. */
    private final int[] last = new int[2];
    private int accesses;
    /** Pending touches and plain charges, by primitive ordinal. */
    private final long[] touches = new long[NP];
    private final long[] charges = new long[NP];
    /** Bit i set when touches[i] or charges[i] may be non-zero. */
    private long used;

    L1Run(PathLedger ledger) {
        this.ledger = ledger;
        this.cost = ledger.cost();
        this.lineShift = cost.lineShift();
    }

    /**
     * Counts a touch of {@code p} at {@code at} into the batch when its line is tracked (under
     * either role) and returns true. Otherwise applies the pending batch and returns false: the
     * caller then makes the access the ordinary way and calls {@link #track}.
     */
    boolean hit(int role, Primitive p, long at) {
        long l = at >>> lineShift;
        int r;
        if (l == line[role]) {
            r = role;
        } else if (l == line[role ^ 1]) {
            r = role ^ 1;
        } else {
            flush();
            return false;
        }
        last[r] = ++accesses;
        touches[p.ordinal()]++;
        used |= 1L << p.ordinal();
        return true;
    }

    /** Counts a plain charge of {@code p} that belongs to a batched access (x86's PTEP_GET call). */
    void charge(Primitive p) {
        charges[p.ordinal()]++;
        used |= 1L << p.ordinal();
    }

    /**
     * After an ordinary access at {@code at}: tracks its line under {@code role} when the cost
     * model promises that further accesses to it are plain L1 hits, and drops the other role's
     * line if that access evicted it.
     */
    void track(int role, long at) {
        line[role] = cost.l1Resident(at) ? at >>> lineShift : -1;
        pa[role] = at;
        int other = role ^ 1;
        if (line[other] >= 0 && line[other] != line[role] && !cost.l1Resident(pa[other])) {
            line[other] = -1;
        }
    }

    /** Applies the pending batch, charges the ledger and forgets the tracked lines. */
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
    private void flush() {
        if (accesses != 0) {
            cost.recordL1Hits(pa[0], last[0], pa[1], last[1], accesses);
            accesses = 0;
            last[0] = 0;
            last[1] = 0;
        }
        for (long m = used; m != 0; m &= m - 1) {
            int i = Long.numberOfTrailingZeros(m);
            if (touches[i] != 0) {
                ledger.touchL1Hits(Primitive.byOrdinal(i), touches[i]);
                touches[i] = 0;
            }
            if (charges[i] != 0) {
                ledger.chargeEach(Primitive.byOrdinal(i), charges[i]);
                charges[i] = 0;
            }
        }
        used = 0;
    }
}
