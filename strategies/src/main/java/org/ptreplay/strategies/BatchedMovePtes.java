package org.ptreplay.strategies;

import org.ptreplay.spi.ops.MovePtesContext;
import org.ptreplay.spi.ops.Pte;
import org.ptreplay.spi.MovePtesStrategy;

/**
 * The batched {@code move_ptes} loop of 6.17 (f822a9a81a31): per present entry a batch size from
 * {@link #nrPtes}, then one {@code get_and_clear_full_ptes(nr)} at the source and one
 * {@code set_ptes(nr)} at the destination. None entries cost one read; a non-present entry moves
 * on its own. The variants differ only in how they size the batch.
 */
abstract class BatchedMovePtes implements MovePtesStrategy {

    /**
     * How many entries from {@code ptep} (present, value {@code pte}) move as one batch, between 1
     * and {@code maxNr}, the entries left in the extent.
     */
    protected abstract int nrPtes(MovePtesContext ctx, long addr, long ptep, long pte, int maxNr);

    @Override
    public final boolean movePtes(MovePtesContext ctx) {
        final int pageShift = ctx.geometry().pageShift();
        final long oldEnd = ctx.oldEnd();
        long oldAddr = ctx.oldAddr();
        long newAddr = ctx.newAddr();
        long oldPtep = ctx.oldPtep();
        long newPtep = ctx.newPtep();
        boolean forceFlush = false;
        while (oldAddr < oldEnd) {
            int nr = 1;
            long oldPte = ctx.ptepGet(oldPtep);
            if (!Pte.none(oldPte)) {
                if (Pte.present(oldPte)) {
                    int maxNr = (int) ((oldEnd - oldAddr) >>> pageShift);
                    nr = nrPtes(ctx, oldAddr, oldPtep, oldPte, maxNr);
                    // Any present entry moved: flush before the PTLs drop (eb66ae030829).
                    forceFlush = true;
                }
                // The a/d bits of the whole batch come back ORed into the first entry.
                long pte = ctx.getAndClearFullPtes(oldAddr, oldPtep, nr, false);
                ctx.setPtes(newAddr, newPtep, ctx.moveSoftDirtyPte(pte), nr);
            }
            oldAddr += (long) nr << pageShift;
            newAddr += (long) nr << pageShift;
            oldPtep += 8L * nr;
            newPtep += 8L * nr;
        }
        return forceFlush;
    }
}
