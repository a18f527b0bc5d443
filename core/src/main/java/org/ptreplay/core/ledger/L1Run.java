package org.ptreplay.core.ledger;

import java.util.Arrays;

import org.ptreplay.core.cost.CostModel;
import org.ptreplay.spi.ops.Primitive;

/**
 * Batch-level accounting of an L1 run (issue #8): while a page-table context has a run open on the
 * {@link PathLedger}, the last {@value #LINES} cache lines touched are tracked, and every further touch of a
 * tracked line is an L1 hit that changes nothing but that line's LRU stamp (promised by
 * {@link CostModel#l1Resident} when the line was first touched), so it is only counted here and
 * applied to the cost model and the ledger in one step. Any other touch applies the pending batch
 * first and is then made the ordinary way, so the cache model sees the same accesses in the same
 * order and ends in the same state. {@value #LINES} lines: {@code move_ptes} walks a source and a
 * destination table side by side; a per-PTE zap or copy of a large folio's pages alternates the
 * PTE line, each page's struct page and the folio's head page (and, in a copy, the destination's
 * PTE line), of which only the struct page is new per entry.
 *
 * <p>The ledger applies the batch before anything that depends on it: a frame change (the
 * counts belong to the path they were charged under), a user-data stream and a snapshot.
 */
final class L1Run {
    private static final int NP = Primitive.count();

    static {
        // One bit per primitive in {@link #pending}.
        if (NP > Long.SIZE) {
            throw new ExceptionInInitializerError("L1Run tracks at most 64 primitives, not " + NP);
        }
    }

    /** Lines tracked at once. */
    static final int LINES = 4;

    private final PathLedger ledger;
    private final CostModel cost;
    private final int lineShift;
    /** The tracked line of each slot, -1 for none. */
    private final long[] line = new long[LINES];
    /** Any address in each slot's line, for {@link CostModel#recordL1Hits}. */
    private final long[] pa = new long[LINES];
    /** 1-based offset, in the pending batch, of the last access to each slot's line; 0 for none. */
    private final int[] last = new int[LINES];
    /** When each slot's line was touched last, in touches of tracked or tracking lines: a new line replaces the least recent. */
    private final long[] used = new long[LINES];
    private long ticks;
    /** The slot touched last, looked at first: a walk touches one line several times in a row. */
    private int recent;
    private int accesses;
    /** Pending touches, by primitive ordinal. */
    private final long[] touches = new long[NP];
    /** Bit i set when touches[i] may be non-zero. */
    private long pending;

    L1Run(PathLedger ledger, CostModel cost) {
        this.ledger = ledger;
        this.cost = cost;
        this.lineShift = cost.lineShift();
        Arrays.fill(line, -1);
    }

    /**
     * Counts a touch of {@code p} at {@code at} into the batch when its line is tracked and returns
     * true. Otherwise applies the pending batch and returns false: the caller then makes the
     * access the ordinary way and calls {@link #track}.
     */
    boolean hit(Primitive p, long at) {
        long l = at >>> lineShift;
        int r = recent;
        if (line[r] != l) {
            r = 0;
            while (line[r] != l) {
                if (++r == LINES) {
                    flush();
                    return false;
                }
            }
            recent = r;
        }
        last[r] = ++accesses;
        used[r] = ++ticks;
        touches[p.ordinal()]++;
        pending |= 1L << p.ordinal();
        return true;
    }

    /**
     * After an ordinary access at {@code at} (whose line {@link #hit} did not track): drops every
     * tracked line that access evicted, and tracks its line in place of the line touched least
     * recently (or of none) when the cost model promises that further accesses to it are plain
     * L1 hits.
     */
    void track(long at) {
        // The tracked lines were resident before this access (each was checked after the access
        // before), and the batched hits since stamped them without evicting anything.
        for (int i = 0; i < LINES; i++) {
            if (line[i] >= 0 && !cost.l1Kept(pa[i])) {
                line[i] = -1;
            }
        }
        if (!cost.l1Resident(at)) {
            return;
        }
        int r = 0;
        for (int i = 1; i < LINES && line[r] >= 0; i++) {
            if (line[i] < 0 || used[i] < used[r]) {
                r = i;
            }
        }
        line[r] = at >>> lineShift;
        pa[r] = at;
        used[r] = ++ticks;
        recent = r;
    }

    /** Applies the pending batch and forgets the tracked lines. */
    void finish() {
        flush();
        Arrays.fill(line, -1);
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
        cost.recordL1Hits(pa, last, accesses);
        accesses = 0;
        Arrays.fill(last, 0);
        for (long m = pending; m != 0; m &= m - 1) {
            int i = Long.numberOfTrailingZeros(m);
            ledger.touchL1Hits(Primitive.byOrdinal(i), touches[i]);
            touches[i] = 0;
        }
        pending = 0;
    }
}
