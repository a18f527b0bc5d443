package org.ptreplay.strategies;

import static org.ptreplay.strategies.KernelFrames.MREMAP_FOLIO_PTE_BATCH;

import org.ptreplay.spi.ops.Ledger;
import org.ptreplay.spi.ops.MovePtesContext;
import org.ptreplay.spi.ops.PteOps;

/**
 * {@code mremap_folio_pte_batch} (mm/mremap.c) in its merged forms: f822a9a81a31 (6.17-rc1) looks
 * the folio up for every present entry unless it is the last one of the extent; 0b5be138ce00
 * (6.17-rc2) first asks {@code pte_batch_hint} and skips the lookup when the hint is 1;
 * 04d1c9d60c6e (6.17.y) ends the batch where the write bit changes.
 */
final class MremapFolioPteBatch {
    private MremapFolioPteBatch() {
    }

    static int nrPtes(MovePtesContext ctx, long addr, long ptep, long pte, int maxNr,
                      boolean hintGate, boolean respectWrite) {
        Ledger ledger = ctx.ledger();
        ledger.enter(MREMAP_FOLIO_PTE_BATCH);
        int nr = batch(ctx, addr, ptep, pte, maxNr, hintGate, respectWrite);
        ledger.exit(MREMAP_FOLIO_PTE_BATCH);
        return nr;
    }

    private static int batch(MovePtesContext ctx, long addr, long ptep, long pte, int maxNr,
                             boolean hintGate, boolean respectWrite) {
        // One entry left in the extent: nothing to batch, so no lookup (f822a9a81a31).
        if (maxNr == 1) {
            return 1;
        }
        // The hint is 1 on x86 and on non-CONT arm64 entries: a lookup could not pay off (0b5be138ce00).
        if (hintGate && ctx.pteBatchHint(ptep, pte) == 1) {
            return 1;
        }
        long folio = ctx.vmNormalFolio(addr, pte);
        boolean large = folio != PteOps.NO_FOLIO && ctx.folioTestLarge(folio);
        if (!large) {
            return 1;
        }
        // 6.17 folio_pte_batch ignores dirty, soft-dirty and write; the fix respects write.
        return ctx.folioPteBatch(folio, ptep, pte, maxNr, respectWrite ? PteOps.FPB_RESPECT_WRITE : 0);
    }
}
