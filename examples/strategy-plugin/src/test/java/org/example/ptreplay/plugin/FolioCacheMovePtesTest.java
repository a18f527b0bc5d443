package org.example.ptreplay.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ptreplay.spi.ops.Pte;
import org.ptreplay.testkit.FakeMoveContext;

/**
 * The strategy's loop on the testkit's fake context (one extent from table 0 to the same indexes
 * of table 1, arm64's contpte hint of 16 entries); the counts are derived by hand in each comment.
 */
class FolioCacheMovePtesTest {

    private static final FolioCacheMovePtes STRATEGY = new FolioCacheMovePtes();
    private static final int CONT_PTES = 16;
    private static final long HEAD = 0x1000;

    /**
     * One 64-page folio mapped by 64 CONT entries, blocks 0, 2 and 3 writable, block 1 read-only
     * (with FPB_RESPECT_WRITE a batch ends at each write-bit change):
     * <pre>
     *   entry 0:  hint 16, cache empty  -> vm_normal_folio + folio_nr_pages; folio_pte_batch reads
     *             entry 16 (read-only: stop)                           -> batch 0..15  (16)
     *   entry 16: hint 16, pfn cached   -> no lookup; reads entry 32 (writable: stop) -> batch 16..31 (16)
     *   entry 32: hint 16, pfn cached   -> no lookup; reads entry 48 (same: go on)    -> batch 32..63 (32)
     * </pre>
     * 3 ptep_get by the loop and 3 by folio_pte_batch, 1 folio lookup (6.17's hint-batch would do
     * 3), batches 16, 16, 32, each decided inside one mremap_folio_pte_batch frame.
     */
    @Test
    void aLargeFolioSplitIntoSeveralBatchesIsLookedUpOnce() {
        FakeMoveContext ctx = new FakeMoveContext(CONT_PTES, 0, 64);
        ctx.mapFolio(0, 0, HEAD, 64, Pte.PRESENT | Pte.YOUNG | Pte.CONT | Pte.WRITE | Pte.DIRTY);
        for (int i = 16; i < 32; i++) {
            ctx.setEntry(0, i, Pte.make(HEAD + i, Pte.PRESENT | Pte.YOUNG | Pte.CONT));
        }
        long[] expected = new long[64];
        for (int i = 0; i < 64; i++) {
            expected[i] = Pte.mkSoftDirty(ctx.entry(0, i));
        }

        assertTrue(STRATEGY.movePtes(ctx));

        assertEquals(6, ctx.ptepGetCalls);
        assertEquals(1, ctx.vmNormalFolioCalls);
        assertEquals(1, ctx.folioNrPagesCalls);
        assertEquals(List.of(16, 16, 32), ctx.getAndClearNr);
        // Its own function's frame per batch; the context's helpers open theirs (one lookup, three scans).
        assertEquals(List.of("mremap_folio_pte_batch", "vm_normal_folio", "folio_pte_batch",
                "mremap_folio_pte_batch", "folio_pte_batch", "mremap_folio_pte_batch", "folio_pte_batch"),
                ctx.ledger.entered);
        assertEquals("", ctx.ledger.stack());
        for (int i = 0; i < 64; i++) {
            // Read-only stays read-only: the batch never paints block 0's write bit over block 1.
            assertEquals(expected[i], ctx.entry(1, i), "entry " + i);
            assertTrue(Pte.none(ctx.entry(0, i)), "old entry " + i);
        }
    }

    /** No CONT bit, as always on x86: the hint is 1, so 8 single-entry moves and no folio lookup. */
    @Test
    void withoutContpteEveryEntryMovesAloneWithoutALookup() {
        FakeMoveContext ctx = new FakeMoveContext(CONT_PTES, 0, 8);
        ctx.mapFolio(0, 0, HEAD, 8, Pte.PRESENT | Pte.WRITE);

        assertTrue(STRATEGY.movePtes(ctx));

        assertEquals(8, ctx.ptepGetCalls);
        assertEquals(0, ctx.vmNormalFolioCalls);
        assertEquals(Collections.nCopies(8, 1), ctx.getAndClearNr);
    }

    /** Entries 0, 2, 3 are none: 4 reads, one move; a present entry moved, so the caller must flush. */
    @Test
    void noneEntriesAreReadAndSkipped() {
        FakeMoveContext ctx = new FakeMoveContext(CONT_PTES, 0, 4);
        ctx.setEntry(0, 1, Pte.make(0x2000, Pte.PRESENT));

        assertTrue(STRATEGY.movePtes(ctx));

        assertEquals(4, ctx.ptepGetCalls);
        assertEquals(List.of(1), ctx.getAndClearNr);
        assertEquals(Pte.mkSoftDirty(Pte.make(0x2000, Pte.PRESENT)), ctx.entry(1, 1));
    }

    @Test
    void anEmptyExtentMovesNothingAndNeedsNoFlush() {
        FakeMoveContext ctx = new FakeMoveContext(CONT_PTES, 0, 4);

        assertFalse(STRATEGY.movePtes(ctx));

        assertEquals(4, ctx.ptepGetCalls);
        assertEquals(List.of(), ctx.getAndClearNr);
    }

    /** The last entry of an extent has max_nr 1: no hint, no lookup (as mremap_folio_pte_batch). */
    @Test
    void aSingleEntryExtentNeverLooksTheFolioUp() {
        FakeMoveContext ctx = new FakeMoveContext(CONT_PTES, 0, 1);
        ctx.mapFolio(0, 0, HEAD, 16, Pte.PRESENT | Pte.CONT);

        assertTrue(STRATEGY.movePtes(ctx));

        assertEquals(0, ctx.vmNormalFolioCalls);
        assertEquals(List.of(1), ctx.getAndClearNr);
    }
}
