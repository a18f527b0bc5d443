package org.example.ptreplay.plugin;

import org.ptreplay.spi.ops.Frame;
import org.ptreplay.spi.ops.Ledger;
import org.ptreplay.spi.ops.MovePtesContext;
import org.ptreplay.spi.ops.Pte;
import org.ptreplay.spi.ops.PteOps;
import org.ptreplay.spi.MovePtesStrategy;
import org.ptreplay.spi.Spi;

/**
 * {@code move-ptes/folio-cache}: a {@code move_ptes} variant that no kernel has, written the way
 * a kernel developer would prototype one in ptreplay.
 *
 * <p>It batches like Linux 6.17 (0b5be138ce00 "mm/mremap: avoid expensive folio lookup on mremap
 * folio pte batch": look the folio up only when {@code pte_batch_hint} says the entry starts a
 * contpte run) and ends batches where the write bit changes (04d1c9d60c6e, FPB_RESPECT_WRITE).
 * Its own idea: remember the last large folio looked up in this extent, and when the next present
 * entry maps a page inside it, skip {@code vm_normal_folio}. A large folio whose entries fall into
 * several batches (say a 2 MiB folio with a read-only 64 KiB block in the middle) then costs one
 * lookup instead of one per batch. The price: one {@code folio_nr_pages} read (page[1]'s struct
 * page line) per lookup, to learn where the folio ends.
 *
 * <p>How to write a strategy, step by step:
 * <ol>
 *   <li>Implement the SPI interface of the kernel path you change ({@link MovePtesStrategy} for the
 *       PTE loop of {@code move_ptes}); its name must start with that path's prefix
 *       ({@code move-ptes/}).</li>
 *   <li>Touch page tables and folios only through the context ({@link MovePtesContext}, which is a
 *       {@link PteOps}). Each call charges exactly what the kernel function costs on the
 *       architecture being simulated: that is how your variant gets counted and priced. Plain
 *       arithmetic on a {@code long} pte ({@link Pte}) is free, as register work is in the kernel.</li>
 *   <li>Wrap your own helper functions in frames ({@link Ledger#enter}/{@link Ledger#exit}) named
 *       like the kernel function you model, so the cost report attributes the charges made inside
 *       them to that frame. The caller has already entered {@code move_ptes}, and the context's
 *       helpers that are kernel functions ({@code vmNormalFolio}, {@code folioPteBatch}) open
 *       their own frames, as they do for the built-in strategies.</li>
 *   <li>Keep the loop allocation-free: it runs once per PTE.</li>
 *   <li>Keep no state between calls: one instance serves every extent of every replay, and the
 *       kernel drops the page-table locks between extents, so nothing learnt in one extent may be
 *       trusted in the next.</li>
 * </ol>
 */
public final class FolioCacheMovePtes implements MovePtesStrategy {

    /** The kernel's helper that decides the batch size; charges made while deciding go here. */
    private static final Frame MREMAP_FOLIO_PTE_BATCH = Frame.of("mremap_folio_pte_batch");

    /** Each entry is 8 bytes: {@code ptep + 8} is the next entry of the same table. */
    private static final int PTE_BYTES = 8;

    @Override
    public String name() {
        return "move-ptes/folio-cache";
    }

    @Override
    public String description() {
        return "6.17 hint-gated folio batching that skips vm_normal_folio for a pte inside the last"
                + " large folio looked up (example plugin)";
    }

    @Override
    public String version() {
        return "1.0.0";
    }

    @Override
    public String spiVersion() {
        // A compile-time constant: the plugin reports the SPI it was compiled against.
        return Spi.VERSION;
    }

    /**
     * The loop of {@code move_ptes}. When this is called the caller has taken the rmap locks if
     * needed, mapped and locked both tables and entered lazy MMU mode; after it returns, the caller
     * flushes the old range if we report that a present entry moved (eb66ae030829), then unlocks.
     */
    @Override
    public boolean movePtes(MovePtesContext ctx) {
        int pageShift = ctx.geometry().pageShift();
        long oldAddr = ctx.oldAddr();
        long newAddr = ctx.newAddr();
        long oldPtep = ctx.oldPtep();
        long newPtep = ctx.newPtep();
        long oldEnd = ctx.oldEnd();
        // One per extent, not per PTE: the cache lives exactly as long as the locks are held.
        LastFolio last = new LastFolio();
        boolean movedPresent = false;

        while (oldAddr < oldEnd) {
            int nr = 1;
            // max_nr: a batch never runs past the extent (which never crosses a table).
            int maxNr = (int) ((oldEnd - oldAddr) >>> pageShift);

            // ptep_get: one PTEP_GET call; on arm64 a CONT entry reads its whole block.
            long pte = ctx.ptepGet(oldPtep);
            if (!Pte.none(pte)) {
                if (Pte.present(pte)) {
                    nr = batchSize(ctx, last, oldAddr, oldPtep, pte, maxNr);
                    // Whatever else happens, a present entry moved: the old range must be flushed.
                    movedPresent = true;
                }
                // get_and_clear_full_ptes(nr, full = 0): nr PTE_XCHG; arm64 unfolds a contpte
                // block only when the batch covers it partly.
                long moved = ctx.getAndClearFullPtes(oldAddr, oldPtep, nr, false);
                // move_soft_dirty_pte: register work, no charge. (uffd-wp clearing is not modelled
                // by the context, so there is nothing to do for it here.)
                moved = ctx.moveSoftDirtyPte(moved);
                // set_ptes(nr): nr PTE_W; arm64 writes CONT directly when VA and PA are aligned.
                ctx.setPtes(newAddr, newPtep, moved, nr);
            }
            oldAddr += (long) nr << pageShift;
            newAddr += (long) nr << pageShift;
            oldPtep += (long) nr * PTE_BYTES;
            newPtep += (long) nr * PTE_BYTES;
        }
        return movedPresent;
    }

    /**
     * {@code mremap_folio_pte_batch} with the folio cache: how many entries from {@code ptep} map
     * consecutive pages of one large folio with the same write bit, or 1.
     */
    private static int batchSize(MovePtesContext ctx, LastFolio last, long addr, long ptep, long pte, int maxNr) {
        Ledger ledger = ctx.ledger();
        ledger.enter(MREMAP_FOLIO_PTE_BATCH);
        try {
            if (maxNr == 1) {
                return 1;
            }
            // 0b5be138ce00: a hint of 1 means "not the start of a contpte run". On x86 the hint
            // is always 1, so x86 never pays for a folio lookup (the 6.17-rc1 regression).
            if (ctx.pteBatchHint(ptep, pte) == 1) {
                return 1;
            }
            long folio;
            if (last.contains(Pte.pfn(pte))) {
                // The variant's whole point: no vm_normal_folio, so no struct page read.
                folio = last.folio;
            } else {
                // vm_normal_folio: one SP_R on the page's struct page line, one more for a tail
                // page (compound_head); folio_test_large reads a line already charged.
                folio = ctx.vmNormalFolio(addr, pte);
                if (folio == PteOps.NO_FOLIO || !ctx.folioTestLarge(folio)) {
                    return 1;
                }
                // folio_nr_pages: one SP_R (page[1]). Core names a folio by its head pfn, so the
                // folio covers pfns [folio, folio + nr_pages).
                last.remember(folio, ctx.folioNrPages(folio));
            }
            // folio_pte_batch: one ptep_get per pte_batch_hint step, clipped to the folio's end.
            return ctx.folioPteBatch(folio, ptep, pte, maxNr, PteOps.FPB_RESPECT_WRITE);
        } finally {
            ledger.exit(MREMAP_FOLIO_PTE_BATCH);
        }
    }

    /** The last large folio looked up in this extent, as its pfn range. */
    private static final class LastFolio {
        private long folio = PteOps.NO_FOLIO;
        private long endPfn;

        boolean contains(long pfn) {
            // NO_FOLIO is -1, so before the first lookup no pfn (always >= 0) falls inside.
            return pfn >= folio && pfn < endPfn;
        }

        void remember(long headPfn, int nrPages) {
            folio = headPfn;
            endPfn = headPfn + nrPages;
        }
    }
}
