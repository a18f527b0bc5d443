package org.ptreplay.strategies;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ptreplay.testkit.FakeMoveContext;
import org.ptreplay.spi.ops.Pte;
import org.ptreplay.spi.ops.PteOps;
import org.ptreplay.spi.MovePtesStrategy;

class MovePtesStrategiesTest {
    private static final long FLAGS = Pte.PRESENT | Pte.WRITE | Pte.DIRTY | Pte.YOUNG;
    private static final int X86 = 1;
    private static final int CONTPTE = 16;

    private static final MovePtesStrategy FOLIO_BATCH = new MovePtesFolioBatch();
    private static final MovePtesStrategy HINT_BATCH = new MovePtesHintBatch();
    private static final MovePtesStrategy HINT_ONLY = new MovePtesHintOnly();
    private static final MovePtesStrategy PTL_HOLD = new MovePtesPtlHold();

    private static MovePtesStrategy respectWrite(MovePtesStrategy s) {
        return (MovePtesStrategy) s.configure(Map.of("respect-write", "on"));
    }

    /** 256 entries (1 MiB of 4K pages) of order-0 folios, pfns 0x1000.. */
    private static FakeMoveContext smallFolios() {
        FakeMoveContext ctx = new FakeMoveContext(X86, 0, 256);
        for (int i = 0; i < 256; i++) {
            ctx.mapFolio(0, i, 0x1000 + i, 1, FLAGS);
        }
        return ctx;
    }

    /** 256 CONT entries: 16 naturally aligned 64K folios, pfns 0x10000.. */
    private static FakeMoveContext contFolios() {
        FakeMoveContext ctx = new FakeMoveContext(CONTPTE, 0, 256);
        for (int f = 0; f < 16; f++) {
            ctx.mapFolio(0, 16 * f, 0x10000 + 16 * f, 16, FLAGS | Pte.CONT);
        }
        return ctx;
    }

    private static void assertMovedAll(FakeMoveContext ctx, int count, long firstPfn) {
        for (int i = 0; i < count; i++) {
            assertTrue(Pte.none(ctx.entry(0, i)), "source entry " + i + " cleared");
            long moved = ctx.entry(1, i);
            assertEquals(firstPfn + i, Pte.pfn(moved), "destination entry " + i);
            assertTrue(Pte.softDirty(moved), "moved entries are marked soft-dirty");
        }
    }

    @Test
    void folioBatchLooksUpEveryX86SmallFolioButTheLast() {
        // mremap_folio_pte_batch runs for each of the 256 present entries; max_nr is the entries
        // left in the extent, 1 only for the last one, which skips vm_normal_folio: 255 lookups.
        // Order-0 folios never batch: 256 clears and 256 sets of nr = 1.
        FakeMoveContext ctx = smallFolios();
        assertTrue(FOLIO_BATCH.movePtes(ctx));
        assertEquals(255, ctx.vmNormalFolioCalls);
        assertEquals(List.of(), ctx.folioPteBatchNr);
        assertEquals(Collections.nCopies(256, 1), ctx.getAndClearNr);
        assertEquals(Collections.nCopies(256, 1), ctx.setNr);
        assertEquals(256, ctx.ptepGetCalls);
        assertEquals(List.of(false), ctx.clearFull.stream().distinct().toList(), "mremap never clears with full");
        assertEquals(Collections.nCopies(255, "mremap_folio_pte_batch;vm_normal_folio"), ctx.vmNormalFolioStacks);
        assertEquals("", ctx.ledger.stack(), "frames balanced");
        assertMovedAll(ctx, 256, 0x1000);
    }

    @Test
    void hintGatedVariantsNeverLookUpOnX86() {
        // pte_batch_hint is 1 on x86: hint-batch returns before vm_normal_folio, hint-only never looks.
        for (MovePtesStrategy s : List.of(HINT_BATCH, HINT_ONLY)) {
            FakeMoveContext ctx = smallFolios();
            assertTrue(s.movePtes(ctx));
            assertEquals(0, ctx.vmNormalFolioCalls, s.name());
            assertEquals(Collections.nCopies(256, 1), ctx.getAndClearNr, s.name());
            assertEquals(Collections.nCopies(256, 1), ctx.setNr, s.name());
            assertEquals(256, ctx.ptepGetCalls, s.name());
            assertMovedAll(ctx, 256, 0x1000);
        }
    }

    @Test
    void contpteFoliosMoveInSixteenBatchesOfSixteen() {
        // Each batch starts on a block boundary with hint 16 and max_nr >= 16: one ptep_get, one
        // lookup (folio-batch, hint-batch), and folio_pte_batch stops at the folio end without a
        // read. 16 batches, 16 ptep_get per MiB instead of 256 for the per-PTE loop.
        for (MovePtesStrategy s : List.of(FOLIO_BATCH, HINT_BATCH)) {
            FakeMoveContext ctx = contFolios();
            assertTrue(s.movePtes(ctx));
            assertEquals(16, ctx.vmNormalFolioCalls, s.name());
            assertEquals(Collections.nCopies(16, 16), ctx.folioPteBatchNr, s.name());
            assertEquals(Collections.nCopies(16, 16), ctx.getAndClearNr, s.name());
            assertEquals(Collections.nCopies(16, 16), ctx.setNr, s.name());
            assertEquals(16, ctx.ptepGetCalls, s.name());
            assertMovedAll(ctx, 256, 0x10000);
        }
        FakeMoveContext ctx = contFolios();
        assertTrue(HINT_ONLY.movePtes(ctx));
        assertEquals(0, ctx.vmNormalFolioCalls, "hint-only trusts the hint");
        assertEquals(Collections.nCopies(16, 16), ctx.getAndClearNr);
        assertEquals(16, ctx.ptepGetCalls);
        assertMovedAll(ctx, 256, 0x10000);
    }

    @Test
    void perPteLoopIsTheComparisonPoint() {
        // ptl-hold moves entry by entry as 4.19-6.16 did: 256 reads, 256 single clears and sets.
        FakeMoveContext ctx = contFolios();
        assertTrue(PTL_HOLD.movePtes(ctx));
        assertEquals(256, ctx.ptepGetCalls);
        assertEquals(256, ctx.ptepGetAndClearCalls);
        assertEquals(List.of(), ctx.getAndClearNr);
        assertEquals(Collections.nCopies(256, 1), ctx.setNr);
        assertEquals(0, ctx.vmNormalFolioCalls);
        assertMovedAll(ctx, 256, 0x10000);
    }

    @Test
    void onlyPtlHoldHoldsTheLockAcrossExtents() {
        assertTrue(PTL_HOLD.holdPtlAcrossExtents());
        for (MovePtesStrategy s : List.of(FOLIO_BATCH, HINT_BATCH, HINT_ONLY)) {
            assertFalse(s.holdPtlAcrossExtents(), s.name());
        }
    }

    @Test
    void hintOnlyClipsTheHintToTheExtent() {
        // The extent starts 4 entries into a CONT block and covers 8: hint 12, clipped to 8.
        FakeMoveContext ctx = new FakeMoveContext(CONTPTE, 4, 8);
        ctx.mapFolio(0, 0, 0x10000, 16, FLAGS | Pte.CONT);
        assertTrue(HINT_ONLY.movePtes(ctx));
        assertEquals(List.of(8), ctx.getAndClearNr);
        assertEquals(List.of(8), ctx.setNr);
        assertEquals(0x10004, Pte.pfn(ctx.entry(1, 4)));
        assertEquals(0x10000, Pte.pfn(ctx.entry(0, 0)), "entries outside the extent stay");
    }

    @Test
    void x86LargeFolioBatchesUnderFolioBatchOnly() {
        // One 16-page folio on x86 (hint 1). folio-batch looks it up and folio_pte_batch reads
        // entries 1..15: 16 ptep_get, one batch. hint-batch sees hint 1 and moves page by page.
        FakeMoveContext ctx = new FakeMoveContext(X86, 0, 16);
        ctx.mapFolio(0, 0, 0x20000, 16, FLAGS);
        FOLIO_BATCH.movePtes(ctx);
        assertEquals(List.of(16), ctx.setNr);
        assertEquals(16, ctx.ptepGetCalls);

        FakeMoveContext gated = new FakeMoveContext(X86, 0, 16);
        gated.mapFolio(0, 0, 0x20000, 16, FLAGS);
        HINT_BATCH.movePtes(gated);
        assertEquals(Collections.nCopies(16, 1), gated.setNr);
        assertEquals(0, gated.vmNormalFolioCalls);
    }

    /** A 16-page x86 folio whose first 8 entries are writable and the last 8 read-only (after an mprotect). */
    private static FakeMoveContext halfWritable() {
        FakeMoveContext ctx = new FakeMoveContext(X86, 0, 16);
        ctx.mapFolio(0, 0, 0x20000, 16, FLAGS);
        for (int i = 8; i < 16; i++) {
            ctx.setEntry(0, i, Pte.wrprotect(ctx.entry(0, i)));
        }
        return ctx;
    }

    @Test
    void withoutRespectWriteTheBatchMakesReadOnlyEntriesWritable() {
        // 6.17.0's bug (fixed by 04d1c9d60c6e): write is ignored, so one batch of 16 takes the
        // first entry's bits and set_ptes writes all 16 writable.
        FakeMoveContext ctx = halfWritable();
        FOLIO_BATCH.movePtes(ctx);
        assertEquals(List.of(0), ctx.folioPteBatchFlags);
        assertEquals(List.of(16), ctx.setNr);
        assertTrue(Pte.write(ctx.entry(1, 15)));
    }

    @Test
    void respectWriteEndsTheBatchAtTheWriteBitChange() {
        // Batch 1: read 0, lookup, folio_pte_batch reads 1..8 and stops at 8 (read-only): nr 8.
        // Batch 2: read 8, lookup, reads 9..15: nr 8. ptep_get = 1 + 8 + 1 + 7 = 17.
        FakeMoveContext ctx = halfWritable();
        respectWrite(FOLIO_BATCH).movePtes(ctx);
        assertEquals(List.of(PteOps.FPB_RESPECT_WRITE, PteOps.FPB_RESPECT_WRITE), ctx.folioPteBatchFlags);
        assertEquals(List.of(8, 8), ctx.setNr);
        assertEquals(2, ctx.vmNormalFolioCalls);
        assertEquals(17, ctx.ptepGetCalls);
        assertTrue(Pte.write(ctx.entry(1, 7)));
        assertFalse(Pte.write(ctx.entry(1, 8)));
    }

    /** A 128K folio as two CONT blocks, the second read-only (a block has one set of permissions). */
    private static FakeMoveContext twoContBlocks() {
        FakeMoveContext ctx = new FakeMoveContext(CONTPTE, 0, 32);
        ctx.mapFolio(0, 0, 0x40000, 32, FLAGS | Pte.CONT);
        for (int i = 16; i < 32; i++) {
            ctx.setEntry(0, i, Pte.wrprotect(ctx.entry(0, i)));
        }
        return ctx;
    }

    @Test
    void hintBatchRespectWriteSplitsBetweenContBlocks() {
        // Without the option: hint 16, then one read of entry 16, which matches when write is
        // ignored: one batch of 32, 2 ptep_get. With it, entry 16 differs: batches of 16 and 16,
        // 3 ptep_get (entry 0, entry 16 in the scan, entry 16 again as the next batch's start).
        FakeMoveContext ctx = twoContBlocks();
        HINT_BATCH.movePtes(ctx);
        assertEquals(List.of(32), ctx.setNr);
        assertEquals(2, ctx.ptepGetCalls);

        FakeMoveContext fixed = twoContBlocks();
        respectWrite(HINT_BATCH).movePtes(fixed);
        assertEquals(List.of(16, 16), fixed.setNr);
        assertEquals(2, fixed.vmNormalFolioCalls);
        assertEquals(3, fixed.ptepGetCalls);
        assertFalse(Pte.write(fixed.entry(1, 16)));
    }

    @Test
    void noneAndNonPresentEntries() {
        // Entry 0 none, entry 1 a non-present (swap-like) entry, entry 2 present: the none entry
        // costs a read only; the non-present one moves alone; only the present one needs a flush.
        FakeMoveContext ctx = new FakeMoveContext(X86, 0, 3);
        ctx.setEntry(0, 1, Pte.make(0x77, Pte.SOFT_DIRTY));
        ctx.mapFolio(0, 2, 0x3000, 1, FLAGS);
        assertTrue(FOLIO_BATCH.movePtes(ctx));
        assertEquals(List.of(1, 1), ctx.getAndClearNr);
        assertEquals(0, ctx.vmNormalFolioCalls, "the present entry is the last of the extent");
        assertEquals(0x77, Pte.pfn(ctx.entry(1, 1)));
    }

    @Test
    void nonPresentEntriesNeedNoFlush() {
        for (MovePtesStrategy s : List.of(FOLIO_BATCH, HINT_BATCH, HINT_ONLY, PTL_HOLD)) {
            FakeMoveContext ctx = new FakeMoveContext(X86, 0, 64);
            ctx.setEntry(0, 5, Pte.make(0x77, 0));
            assertFalse(s.movePtes(ctx), s.name());
            assertEquals(64, ctx.ptepGetCalls, s.name() + ": every entry read once");
            assertEquals(List.of(1), ctx.setNr, s.name());
            assertEquals(0x77, Pte.pfn(ctx.entry(1, 5)), s.name());
        }
    }
}
