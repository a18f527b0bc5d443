package org.example.ptreplay.plugin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ptreplay.spi.ops.Pte;
import org.ptreplay.spi.KernelPath;
import org.ptreplay.spi.Provider;

class FolioCacheMovePtesTest {

    private static final FolioCacheMovePtes STRATEGY = new FolioCacheMovePtes();
    private static final long HEAD = 0x1000;

    /**
     * One 64-page folio mapped by 64 CONT entries, blocks 0, 2 and 3 writable, block 1 read-only
     * (with FPB_RESPECT_WRITE a batch ends at each write-bit change):
     * <pre>
     *   entry 0:  hint 16, cache empty  -> vm_normal_folio + folio_nr_pages; batch 0..15 (16)
     *   entry 16: hint 16, pfn cached   -> no lookup;                         batch 16..31 (16)
     *   entry 32: hint 16, pfn cached   -> no lookup;                         batch 32..63 (32)
     * </pre>
     * 3 ptep_get, 1 folio lookup (6.17's hint-batch would do 3), batches 16, 16, 32.
     */
    @Test
    void aLargeFolioSplitIntoSeveralBatchesIsLookedUpOnce() {
        FakeMovePtesContext ctx = new FakeMovePtesContext(64);
        ctx.folio(HEAD, 64);
        long[] expected = new long[64];
        for (int i = 0; i < 64; i++) {
            long flags = Pte.PRESENT | Pte.YOUNG | Pte.CONT | (i / 16 == 1 ? 0 : Pte.WRITE | Pte.DIRTY);
            ctx.oldTable[i] = Pte.make(HEAD + i, flags);
            expected[i] = Pte.mkSoftDirty(ctx.oldTable[i]);
        }

        assertTrue(STRATEGY.movePtes(ctx));

        assertEquals(3, ctx.ptepGets);
        assertEquals(1, ctx.folioLookups);
        assertEquals(1, ctx.folioNrPagesCalls);
        assertEquals(List.of(16, 16, 32), ctx.batches);
        assertEquals(Collections.nCopies(3, "mremap_folio_pte_batch"), ctx.frames);
        assertEquals(0, ctx.depth());
        // Read-only stays read-only: the batch never paints block 0's write bit over block 1.
        assertArrayEquals(expected, Arrays.copyOf(ctx.newTable, 64));
        assertTrue(Arrays.stream(ctx.oldTable).allMatch(Pte::none));
    }

    /** No CONT bit, as always on x86: the hint is 1, so 8 single-entry moves and no folio lookup. */
    @Test
    void withoutContpteEveryEntryMovesAloneWithoutALookup() {
        FakeMovePtesContext ctx = new FakeMovePtesContext(8);
        ctx.folio(HEAD, 16);
        for (int i = 0; i < 8; i++) {
            ctx.oldTable[i] = Pte.make(HEAD + i, Pte.PRESENT | Pte.WRITE);
        }

        assertTrue(STRATEGY.movePtes(ctx));

        assertEquals(8, ctx.ptepGets);
        assertEquals(0, ctx.folioLookups);
        assertEquals(Collections.nCopies(8, 1), ctx.batches);
    }

    /** Entries 0, 2, 3 are none: 4 reads, one move; a present entry moved, so the caller must flush. */
    @Test
    void noneEntriesAreReadAndSkipped() {
        FakeMovePtesContext ctx = new FakeMovePtesContext(4);
        ctx.oldTable[1] = Pte.make(0x2000, Pte.PRESENT);

        assertTrue(STRATEGY.movePtes(ctx));

        assertEquals(4, ctx.ptepGets);
        assertEquals(List.of(1), ctx.batches);
        assertEquals(Pte.mkSoftDirty(Pte.make(0x2000, Pte.PRESENT)), ctx.newTable[1]);
    }

    @Test
    void anEmptyExtentMovesNothingAndNeedsNoFlush() {
        FakeMovePtesContext ctx = new FakeMovePtesContext(4);

        assertFalse(STRATEGY.movePtes(ctx));

        assertEquals(4, ctx.ptepGets);
        assertEquals(List.of(), ctx.batches);
    }

    /** The last entry of an extent has max_nr 1: no hint, no lookup (as mremap_folio_pte_batch). */
    @Test
    void aSingleEntryExtentNeverLooksTheFolioUp() {
        FakeMovePtesContext ctx = new FakeMovePtesContext(1);
        ctx.folio(HEAD, 16);
        ctx.oldTable[0] = Pte.make(HEAD, Pte.PRESENT | Pte.CONT);

        assertTrue(STRATEGY.movePtes(ctx));

        assertEquals(0, ctx.folioLookups);
        assertEquals(List.of(1), ctx.batches);
    }

    @Test
    void identifiesItselfAsAMovePtesStrategyForThisSpi() {
        assertEquals("move-ptes/folio-cache", STRATEGY.name());
        assertEquals(KernelPath.MOVE_PTES, STRATEGY.path());
        assertTrue(Provider.NAME.matcher(STRATEGY.name()).matches());
        assertEquals(org.ptreplay.spi.Spi.VERSION, STRATEGY.spiVersion());
    }
}
