package org.ptreplay.strategies;

import static org.ptreplay.strategies.KernelFrames.ZAP_PRESENT_PTES;

import org.ptreplay.spi.ops.Ledger;
import org.ptreplay.spi.ops.Pte;
import org.ptreplay.spi.ops.PteOps;
import org.ptreplay.spi.ops.ZapPtesContext;
import org.ptreplay.spi.Spi;
import org.ptreplay.spi.ZapPtesStrategy;

/**
 * {@code zap-ptes/folio-batch}: 10ebac4f95e7 "mm/memory: optimize unmap/zap with PTE-mapped THP"
 * (David Hildenbrand, 6.9). {@code zap_present_ptes} clears the entries that map consecutive pages
 * of one large folio as one batch: one lookup, one clear of nr entries, one rmap removal (its
 * mapcount work stays per subpage) and one gather entry of two slots instead of nr. When the
 * gather is full the loop stops after that batch, so the caller can flush inside the PTL and
 * call again (force_flush / force_break).
 */
public final class ZapPtesFolioBatch implements ZapPtesStrategy {

    @Override
    public String name() {
        return "zap-ptes/folio-batch";
    }

    @Override
    public String description() {
        return "zap clears PTEs of a large folio as one batch with a two-slot gather entry (10ebac4f95e7, 6.9)";
    }

    @Override
    public String spiVersion() {
        return Spi.VERSION;
    }

    @Override
    public long zapPteRange(ZapPtesContext ctx) {
        final int pageShift = ctx.geometry().pageShift();
        final long end = ctx.end();
        final boolean fullMm = ctx.fullMm();
        long addr = ctx.addr();
        long ptep = ctx.ptep();
        while (addr != end) {
            int nr = 1;
            long pte = ctx.ptepGet(ptep);
            if (Pte.present(pte)) {
                int maxNr = (int) ((end - addr) >>> pageShift);
                int zapped = zapPresentPtes(ctx, ptep, pte, addr, maxNr, fullMm);
                if (zapped < 0) {
                    return addr + ((long) -zapped << pageShift);
                }
                nr = zapped;
            } else if (!Pte.none(pte)) {
                // zap_nonpresent_ptes: the entry goes without a TLB entry or a page to free.
                ctx.clearFullPtes(addr, ptep, 1, fullMm);
            }
            addr += (long) nr << pageShift;
            ptep += 8L * nr;
        }
        return end;
    }

    /** Zaps a batch; returns its size, negated when the gather filled up (force_break). */
    private static int zapPresentPtes(ZapPtesContext ctx, long ptep, long pte, long addr, int maxNr, boolean fullMm) {
        Ledger ledger = ctx.ledger();
        ledger.enter(ZAP_PRESENT_PTES);
        long folio = ctx.vmNormalFolio(addr, pte);
        boolean large = folio != PteOps.NO_FOLIO && ctx.folioTestLarge(folio);
        if (folio == PteOps.NO_FOLIO) {
            // The zero page: cleared and flushed, but nothing to unmap or free.
            ctx.getAndClearFullPtes(addr, ptep, 1, fullMm);
            ctx.tlbRemoveTlbEntries(addr, 1);
            ledger.exit(ZAP_PRESENT_PTES);
            return 1;
        }
        int nr = 1;
        if (large && maxNr != 1) {
            // 6.9-6.16 zap flags ignore dirty and soft-dirty (and write, always): PteOps flags 0.
            nr = ctx.folioPteBatch(folio, ptep, pte, maxNr, 0);
        }
        // zap_present_folio_ptes decides by folio_test_anon. Anon: the a/d bits are not needed.
        // File: they are, but the folio_mark_dirty/accessed that follow have no primitive in the model.
        if (ctx.folioTestAnon(folio)) {
            ctx.clearFullPtes(addr, ptep, nr, fullMm);
        } else {
            ctx.getAndClearFullPtes(addr, ptep, nr, fullMm);
        }
        ctx.addRss(-nr);
        ctx.tlbRemoveTlbEntries(addr, nr);
        ctx.folioRemoveRmapPtes(folio, Pte.pfn(pte), nr);
        boolean full = ctx.tlbRemoveFolioPages(Pte.pfn(pte), nr);
        ledger.exit(ZAP_PRESENT_PTES);
        return full ? -nr : nr;
    }
}
