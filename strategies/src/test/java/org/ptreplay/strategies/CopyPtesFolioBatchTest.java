package org.ptreplay.strategies;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ptreplay.testkit.FakeCopyContext;
import org.ptreplay.testkit.FakePteOps;
import org.ptreplay.spi.ops.Pte;
import org.ptreplay.spi.ops.PteOps;

class CopyPtesFolioBatchTest {
    private static final long FLAGS = Pte.PRESENT | Pte.WRITE | Pte.DIRTY | Pte.YOUNG;
    private static final int X86 = 1;

    private final CopyPtesFolioBatch strategy = new CopyPtesFolioBatch();

    /** 2 MiB (one PTE table) of 64K folios on x86: 32 folios of 16 pages, pfns 0x10000.. */
    private static FakeCopyContext table64k() {
        FakeCopyContext ctx = new FakeCopyContext(X86, 512);
        for (int f = 0; f < 32; f++) {
            ctx.mapFolio(0, 16 * f, 0x10000 + 16 * f, 16, FLAGS);
        }
        return ctx;
    }

    @Test
    void privateAnonFork64kFoliosBatchPerFolio() {
        // Per folio: one ptep_get, one lookup, folio_pte_batch reads entries 1..15 (hint 1):
        // 16 ptep_get per folio, 512 in all. Then one folio_ref_add(16), one rmap dup of 16
        // subpages, one wrprotect_ptes(16) of the parent and one set_ptes(16) in the child.
        // Scaled to 1 GiB (512 tables): REF = 512 * 32 = 16,384 against 262,144 per PTE.
        FakeCopyContext ctx = table64k();
        strategy.copyPteRange(ctx);
        assertEquals(512, ctx.ptepGetCalls);
        assertEquals(32, ctx.vmNormalFolioCalls);
        assertEquals(Collections.nCopies(32, 16), ctx.folioRefAddNr);
        assertEquals(0, ctx.folioGetCalls);
        assertEquals(Collections.nCopies(32, 16), ctx.dupAnonNr);
        assertEquals(512, FakePteOps.sum(ctx.dupAnonNr), "AE/MAP work stays per subpage");
        assertEquals(List.of(), ctx.dupFileNr);
        assertEquals(Collections.nCopies(32, 16), ctx.wrprotectNr);
        assertEquals(Collections.nCopies(32, 16), ctx.setNr);
        assertEquals(512, ctx.rss);
        assertEquals(List.of(PteOps.FPB_MERGE_WRITE | PteOps.FPB_RESPECT_DIRTY),
                ctx.folioPteBatchFlags.stream().distinct().toList(), "6.9 flags of a private mapping");
        assertEquals(Collections.nCopies(32, "copy_present_ptes;vm_normal_folio"), ctx.vmNormalFolioStacks);
        assertEquals("", ctx.ledger.stack());
        for (int i = 0; i < 512; i++) {
            long parent = ctx.entry(0, i);
            long child = ctx.entry(1, i);
            assertFalse(Pte.write(parent), "parent write-protected for COW");
            assertEquals(0x10000 + i, Pte.pfn(child));
            assertFalse(Pte.write(child), "child read-only");
            assertFalse(Pte.young(child), "child old");
            assertTrue(Pte.dirty(child), "a private child keeps dirty");
        }
    }

    @Test
    void sharedMappingNeitherWriteProtectsNorKeepsDirty() {
        FakeCopyContext ctx = table64k();
        ctx.cow = false;
        ctx.shared = true;
        ctx.softDirtyTracking = true;
        strategy.copyPteRange(ctx);
        assertEquals(List.of(), ctx.wrprotectNr);
        assertEquals(List.of(PteOps.FPB_MERGE_WRITE | PteOps.FPB_RESPECT_SOFT_DIRTY),
                ctx.folioPteBatchFlags.stream().distinct().toList(), "dirty ignored, soft-dirty tracked");
        long child = ctx.entry(1, 100);
        assertTrue(Pte.write(child));
        assertFalse(Pte.dirty(child), "mkclean in a shared mapping");
        assertTrue(Pte.write(ctx.entry(0, 100)));
    }

    @Test
    void fileRmapForFileBackedMappings() {
        FakeCopyContext ctx = table64k();
        ctx.anonFolios = false;
        strategy.copyPteRange(ctx);
        assertEquals(List.of(), ctx.dupAnonNr);
        assertEquals(Collections.nCopies(32, 16), ctx.dupFileNr);
        assertEquals(512, ctx.rss);
    }

    @Test
    void smallFoliosGoOneByOne() {
        // 4K folios: per entry a lookup, folio_get, a one-page rmap dup, wrprotect_ptes(1), set_ptes(1).
        FakeCopyContext ctx = new FakeCopyContext(X86, 512);
        for (int i = 0; i < 512; i++) {
            ctx.mapFolio(0, i, 0x1000 + i, 1, FLAGS);
        }
        strategy.copyPteRange(ctx);
        assertEquals(512, ctx.vmNormalFolioCalls);
        assertEquals(512, ctx.folioGetCalls);
        assertEquals(List.of(), ctx.folioRefAddNr);
        assertEquals(Collections.nCopies(512, 1), ctx.dupAnonNr);
        assertEquals(Collections.nCopies(512, 1), ctx.wrprotectNr);
        assertEquals(Collections.nCopies(512, 1), ctx.setNr);
        assertEquals(512, ctx.ptepGetCalls);
    }

    @Test
    void anyWritableEntryMakesTheBatchWriteProtect() {
        // The first entry is read-only, the rest writable: folio_pte_batch ignores write and
        // reports any_writable, so the whole batch is write-protected in the parent.
        FakeCopyContext ctx = new FakeCopyContext(X86, 16);
        ctx.mapFolio(0, 0, 0x20000, 16, FLAGS);
        ctx.setEntry(0, 0, Pte.wrprotect(ctx.entry(0, 0)));
        strategy.copyPteRange(ctx);
        assertEquals(List.of(16), ctx.wrprotectNr);
        for (int i = 0; i < 16; i++) {
            assertFalse(Pte.write(ctx.entry(0, i)), "parent entry " + i);
            assertFalse(Pte.write(ctx.entry(1, i)), "child entry " + i);
        }
    }

    @Test
    void readOnlyBatchIsNotWriteProtectedAgain() {
        FakeCopyContext ctx = new FakeCopyContext(X86, 16);
        ctx.mapFolio(0, 0, 0x20000, 16, Pte.PRESENT | Pte.YOUNG);
        strategy.copyPteRange(ctx);
        assertEquals(List.of(), ctx.wrprotectNr);
        assertEquals(List.of(16), ctx.setNr);
    }

    @Test
    void lastEntryOfTheRangeIsNotBatched() {
        // 17 entries: folio 0 batches 16; entry 16 starts folio 1 but max_nr is 1 there, so it
        // takes the small-folio path (folio_get) although its folio is large.
        FakeCopyContext ctx = new FakeCopyContext(X86, 17);
        ctx.mapFolio(0, 0, 0x10000, 16, FLAGS);
        ctx.mapFolio(0, 16, 0x10010, 16, FLAGS);
        strategy.copyPteRange(ctx);
        assertEquals(List.of(16), ctx.folioRefAddNr);
        assertEquals(1, ctx.folioGetCalls);
        assertEquals(List.of(16, 1), ctx.setNr);
        assertTrue(Pte.none(ctx.entry(1, 17)), "nothing copied past the range");
    }

    @Test
    void zeroPageAndNoneEntries() {
        // Entry 0 none (a read only), entry 1 the zero page (special: no folio, no ref, no rmap,
        // no RSS), entry 2 a small folio.
        FakeCopyContext ctx = new FakeCopyContext(X86, 3);
        ctx.setEntry(0, 1, Pte.make(0x5, Pte.PRESENT | Pte.SPECIAL | Pte.YOUNG));
        ctx.mapFolio(0, 2, 0x3000, 1, FLAGS);
        strategy.copyPteRange(ctx);
        assertEquals(3, ctx.ptepGetCalls);
        assertEquals(2, ctx.vmNormalFolioCalls);
        assertEquals(1, ctx.folioGetCalls);
        assertEquals(1, ctx.rss);
        assertEquals(List.of(1, 1), ctx.setNr);
        assertTrue(Pte.none(ctx.entry(1, 0)));
        assertTrue(Pte.special(ctx.entry(1, 1)));
        assertFalse(Pte.young(ctx.entry(1, 1)), "the child's zero-page entry is old too");
    }
}
