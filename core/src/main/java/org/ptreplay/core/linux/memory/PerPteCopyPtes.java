package org.ptreplay.core.linux.memory;

import org.ptreplay.spi.ops.CopyPtesContext;
import org.ptreplay.spi.ops.Pte;
import org.ptreplay.spi.ops.PteOps;
import org.ptreplay.spi.CopyPtesStrategy;
import org.ptreplay.spi.Spi;

/**
 * The per-PTE {@code copy_pte_range} / {@code copy_present_pte} of Linux ≤ 6.8
 * (docs/kernel-model.md §3.2; batched by f8d937761d65 in 6.9): per present entry one struct page
 * lookup, one {@code folio_get}, the rmap duplication, the parent's write-protect when COW, and one
 * {@code set_pte_at} of the old, clean-if-shared child entry.
 */
public final class PerPteCopyPtes implements CopyPtesStrategy {

    @Override
    public String name() {
        return "copy-ptes/per-pte";
    }

    @Override
    public String description() {
        return "per-PTE copy_pte_range of Linux <= 6.8";
    }

    @Override
    public String spiVersion() {
        return Spi.VERSION;
    }

    @Override
    public void copyPteRange(CopyPtesContext ctx) {
        long page = ctx.geometry().pageSize();
        long src = ctx.srcPtep();
        long dst = ctx.dstPtep();
        for (long addr = ctx.addr(); addr < ctx.end(); addr += page, src += 8, dst += 8) {
            long pte = ctx.ptepGet(src);
            if (!Pte.present(pte)) {
                continue;
            }
            long folio = ctx.vmNormalFolio(addr, pte);
            if (folio != PteOps.NO_FOLIO) {
                ctx.folioGet(folio);
                if (ctx.folioTestAnon(folio)) {
                    ctx.folioDupAnonRmapPtes(folio, Pte.pfn(pte), 1);
                } else {
                    ctx.folioDupFileRmapPtes(folio, Pte.pfn(pte), 1);
                }
                ctx.addRss(1);
            }
            if (ctx.cow() && Pte.write(pte)) {
                ctx.ptepSetWrprotect(addr, src);
                pte = Pte.wrprotect(pte);
            }
            if (ctx.shared()) {
                pte = Pte.mkclean(pte);
            }
            ctx.setPteAt(addr, dst, Pte.mkold(pte));
        }
    }
}
