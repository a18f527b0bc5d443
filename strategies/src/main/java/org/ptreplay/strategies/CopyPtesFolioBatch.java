package org.ptreplay.strategies;

import static org.ptreplay.strategies.KernelFrames.COPY_PRESENT_PTES;

import org.ptreplay.spi.ops.CopyPtesContext;
import org.ptreplay.spi.ops.Ledger;
import org.ptreplay.spi.ops.Pte;
import org.ptreplay.spi.ops.PteOps;
import org.ptreplay.spi.CopyPtesStrategy;
import org.ptreplay.spi.Spi;

/**
 * {@code copy-ptes/folio-batch}: f8d937761d65 "mm/memory: optimize fork() with PTE-mapped THP"
 * (David Hildenbrand, 6.9). {@code copy_present_ptes} batches the entries that map consecutive
 * pages of one large folio: one lookup, one {@code folio_ref_add(nr)}, one rmap call (whose
 * AnonExclusive and mapcount work stays per subpage), one {@code wrprotect_ptes(nr)} of the parent
 * and one {@code set_ptes(nr)} in the child. Small folios go the per-entry way of 6.8.
 * Pinned pages are not modelled, so the copy-a-page fallback and -EAGAIN never happen.
 */
public final class CopyPtesFolioBatch implements CopyPtesStrategy {

    @Override
    public String name() {
        return "copy-ptes/folio-batch";
    }

    @Override
    public String description() {
        return "fork copies PTEs of a large folio as one batch (f8d937761d65, 6.9)";
    }

    @Override
    public String spiVersion() {
        return Spi.VERSION;
    }

    @Override
    public void copyPteRange(CopyPtesContext ctx) {
        final int pageShift = ctx.geometry().pageShift();
        final long end = ctx.end();
        long addr = ctx.addr();
        long srcPtep = ctx.srcPtep();
        long dstPtep = ctx.dstPtep();
        while (addr != end) {
            int nr = 1;
            long pte = ctx.ptepGet(srcPtep);
            // None entries are skipped; non-present ones do not occur (no swap in the model).
            if (Pte.present(pte)) {
                int maxNr = (int) ((end - addr) >>> pageShift);
                nr = copyPresentPtes(ctx, srcPtep, dstPtep, pte, addr, maxNr);
            }
            addr += (long) nr << pageShift;
            srcPtep += 8L * nr;
            dstPtep += 8L * nr;
        }
    }

    /** Copies the entry at {@code srcPtep} and the rest of its batch; returns how many. */
    private static int copyPresentPtes(CopyPtesContext ctx, long srcPtep, long dstPtep, long pte, long addr, int maxNr) {
        Ledger ledger = ctx.ledger();
        ledger.enter(COPY_PRESENT_PTES);
        long folio = ctx.vmNormalFolio(addr, pte);
        boolean large = folio != PteOps.NO_FOLIO && ctx.folioTestLarge(folio);
        int nr = 1;
        if (folio == PteOps.NO_FOLIO) {
            // The zero page (special): copied as it is, no refcount, no rmap, no RSS.
            copyPtes(ctx, srcPtep, dstPtep, pte, addr, 1);
        } else if (large && maxNr != 1) {
            // 6.9-6.16 flags: dirty is ignored in shared mappings, soft-dirty unless tracked,
            // write always, but reported as any_writable (6.17's FPB_MERGE_WRITE).
            int flags = PteOps.FPB_MERGE_WRITE
                    | (ctx.shared() ? 0 : PteOps.FPB_RESPECT_DIRTY)
                    | (ctx.softDirtyTracking() ? PteOps.FPB_RESPECT_SOFT_DIRTY : 0);
            int batch = ctx.folioPteBatch(folio, srcPtep, pte, maxNr, flags);
            nr = batch & PteOps.BATCH_NR_MASK;
            ctx.folioRefAdd(folio, nr);
            dupRmap(ctx, folio, pte, nr);
            if ((batch & PteOps.BATCH_ANY_WRITABLE) != 0) {
                pte = Pte.mkwrite(pte);
            }
            copyPtes(ctx, srcPtep, dstPtep, pte, addr, nr);
        } else {
            ctx.folioGet(folio);
            dupRmap(ctx, folio, pte, 1);
            copyPtes(ctx, srcPtep, dstPtep, pte, addr, 1);
        }
        ledger.exit(COPY_PRESENT_PTES);
        return nr;
    }

    private static void dupRmap(CopyPtesContext ctx, long folio, long pte, int nr) {
        // The folio decides, not the VMA: a private file mapping holds anon folios after COW.
        if (ctx.folioTestAnon(folio)) {
            ctx.folioDupAnonRmapPtes(folio, Pte.pfn(pte), nr);
        } else {
            ctx.folioDupFileRmapPtes(folio, Pte.pfn(pte), nr);
        }
        ctx.addRss(nr);
    }

    /**
     * {@code __copy_present_ptes}: a COW mapping write-protects the parent's writable entries (no
     * flush here: fork flushes the whole parent mm at the end of dup_mmap); the child's entries are
     * read-only for COW, clean for a shared mapping, and old.
     */
    private static void copyPtes(CopyPtesContext ctx, long srcPtep, long dstPtep, long pte, long addr, int nr) {
        if (ctx.cow() && Pte.write(pte)) {
            ctx.wrprotectPtes(addr, srcPtep, nr);
            pte = Pte.wrprotect(pte);
        }
        if (ctx.shared()) {
            pte = Pte.mkclean(pte);
        }
        ctx.setPtes(addr, dstPtep, Pte.mkold(pte), nr);
    }
}
