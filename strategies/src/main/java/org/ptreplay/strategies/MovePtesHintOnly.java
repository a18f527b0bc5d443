package org.ptreplay.strategies;

import static org.ptreplay.strategies.KernelFrames.MREMAP_FOLIO_PTE_BATCH;

import org.ptreplay.spi.ops.MovePtesContext;
import org.ptreplay.spi.Spi;

/**
 * {@code move-ptes/hint-only}: David Hildenbrand's proposal in the thread of the 0b5be138ce00
 * hotfix (Message-ID 20250807185819.199865-1-lorenzo.stoakes@oracle.com, 2025-08-07), never
 * merged: the batch is {@code pte_batch_hint()} itself, clipped to the extent, with no folio
 * lookup. The hint is a guarantee (the entries to the end of a CONT block are CONT, of one folio,
 * with one set of permissions), so no scan is needed; x86 and non-CONT arm64 entries move alone.
 */
public final class MovePtesHintOnly extends BatchedMovePtes {

    @Override
    public String name() {
        return "move-ptes/hint-only";
    }

    @Override
    public String description() {
        return "mremap PTE batching by pte_batch_hint alone, no folio lookup (unmerged proposal, 2025-08-07)";
    }

    @Override
    public String spiVersion() {
        return Spi.VERSION;
    }

    @Override
    protected int nrPtes(MovePtesContext ctx, long addr, long ptep, long pte, int maxNr) {
        ctx.ledger().enter(MREMAP_FOLIO_PTE_BATCH);
        int nr = Math.min(ctx.pteBatchHint(ptep, pte), maxNr);
        ctx.ledger().exit(MREMAP_FOLIO_PTE_BATCH);
        return nr;
    }
}
