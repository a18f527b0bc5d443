package org.ptreplay.core.linux.memory;

import org.ptreplay.spi.ops.Pte;
import org.ptreplay.spi.ops.PteOps;
import org.ptreplay.spi.ops.ZapPtesContext;
import org.ptreplay.spi.Spi;
import org.ptreplay.spi.ZapPtesStrategy;

/**
 * The per-PTE {@code zap_pte_range} of Linux ≤ 6.8 (docs/kernel-model.md §4.1; batched by
 * 10ebac4f95e7 in 6.9): per present entry one struct page lookup, one
 * {@code ptep_get_and_clear_full}, the rmap removal and one gather slot; a full gather ends the
 * call so that the frame can flush.
 */
public final class PerPteZapPtes implements ZapPtesStrategy {

    @Override
    public String name() {
        return "zap-ptes/per-pte";
    }

    @Override
    public String description() {
        return "per-PTE zap_pte_range of Linux <= 6.8";
    }

    @Override
    public String spiVersion() {
        return Spi.VERSION;
    }

    @Override
    public long zapPteRange(ZapPtesContext ctx) {
        long page = ctx.geometry().pageSize();
        long ptep = ctx.ptep();
        for (long addr = ctx.addr(); addr < ctx.end(); addr += page, ptep += 8) {
            long pte = ctx.ptepGet(ptep);
            if (!Pte.present(pte)) {
                continue;
            }
            long folio = ctx.vmNormalFolio(addr, pte);
            ctx.getAndClearFullPtes(addr, ptep, 1, ctx.fullMm());
            ctx.tlbRemoveTlbEntries(addr, 1);
            if (folio == PteOps.NO_FOLIO) {
                continue;
            }
            ctx.addRss(-1);
            ctx.folioRemoveRmapPtes(folio, Pte.pfn(pte), 1);
            if (ctx.tlbRemoveFolioPages(Pte.pfn(pte), 1)) {
                return addr + page;
            }
        }
        return ctx.end();
    }
}
