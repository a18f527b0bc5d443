package org.ptreplay.strategies;

import org.ptreplay.spi.ops.MovePtesContext;
import org.ptreplay.spi.ops.Pte;
import org.ptreplay.spi.MovePtesStrategy;
import org.ptreplay.spi.Spi;

/**
 * {@code move-ptes/ptl-hold}: no kernel has it. The classic per-PTE loop of 4.19–6.16
 * ({@code ptep_get}, {@code ptep_get_and_clear}, {@code set_pte_at} per entry), but
 * {@code move_page_tables} keeps the PTL across consecutive extents that share a source table
 * and flushes once for all of them: the trade-off raised when LATENCY_LIMIT was removed (Mel
 * Gorman, Message-ID 20180606183803.k7qaw2xnbvzshv34@techsingularity.net) and when the flush moved
 * inside the PTL (eb66ae030829). Fewer PTL and flush charges, at the price of longer hold times
 * and a flush over a wider range.
 */
public final class MovePtesPtlHold implements MovePtesStrategy {

    @Override
    public String name() {
        return "move-ptes/ptl-hold";
    }

    @Override
    public String description() {
        return "per-PTE move holding the PTL and deferring the flush across the extents of one table (no kernel has it)";
    }

    @Override
    public String spiVersion() {
        return Spi.VERSION;
    }

    @Override
    public boolean holdPtlAcrossExtents() {
        return true;
    }

    @Override
    public boolean movePtes(MovePtesContext ctx) {
        final int pageShift = ctx.geometry().pageShift();
        final long oldEnd = ctx.oldEnd();
        long oldAddr = ctx.oldAddr();
        long newAddr = ctx.newAddr();
        long oldPtep = ctx.oldPtep();
        long newPtep = ctx.newPtep();
        boolean forceFlush = false;
        for (; oldAddr < oldEnd; oldAddr += 1L << pageShift, newAddr += 1L << pageShift, oldPtep += 8, newPtep += 8) {
            long oldPte = ctx.ptepGet(oldPtep);
            if (Pte.none(oldPte)) {
                continue;
            }
            forceFlush |= Pte.present(oldPte);
            long pte = ctx.ptepGetAndClear(oldAddr, oldPtep);
            ctx.setPteAt(newAddr, newPtep, ctx.moveSoftDirtyPte(pte));
        }
        return forceFlush;
    }
}
