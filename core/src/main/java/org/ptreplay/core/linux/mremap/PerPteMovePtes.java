package org.ptreplay.core.linux.mremap;

import org.ptreplay.spi.ops.MovePtesContext;
import org.ptreplay.spi.ops.Pte;
import org.ptreplay.spi.MovePtesStrategy;
import org.ptreplay.spi.Spi;

/**
 * The classic {@code move_ptes} loop (≤ 6.16; docs/kernel-model.md §2.4 (a), as quoted in
 * 94dab12d86cf): per entry one {@code ptep_get}, and for a non-none entry one
 * {@code ptep_get_and_clear} and one {@code set_pte_at}. No struct page is looked at.
 */
public final class PerPteMovePtes implements MovePtesStrategy {

    @Override
    public String name() {
        return "move-ptes/per-pte";
    }

    @Override
    public String description() {
        return "classic per-PTE move_ptes loop of Linux <= 6.16";
    }

    @Override
    public String spiVersion() {
        return Spi.VERSION;
    }

    @Override
    public boolean movePtes(MovePtesContext ctx) {
        boolean needFlush = false;
        long oldPtep = ctx.oldPtep();
        long newPtep = ctx.newPtep();
        long newAddr = ctx.newAddr();
        long page = ctx.geometry().pageSize();
        for (long oldAddr = ctx.oldAddr(); oldAddr < ctx.oldEnd(); oldAddr += page, newAddr += page, oldPtep += 8, newPtep += 8) {
            if (Pte.none(ctx.ptepGet(oldPtep))) {
                continue;
            }
            long pte = ctx.ptepGetAndClear(oldAddr, oldPtep);
            needFlush |= Pte.present(pte);
            ctx.setPteAt(newAddr, newPtep, ctx.moveSoftDirtyPte(pte));
        }
        return needFlush;
    }
}
