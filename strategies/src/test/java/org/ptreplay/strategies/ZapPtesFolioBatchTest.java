package org.ptreplay.strategies;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ptreplay.testkit.FakeZapContext;
import org.ptreplay.spi.ops.Pte;

class ZapPtesFolioBatchTest {
    private static final long FLAGS = Pte.PRESENT | Pte.WRITE | Pte.DIRTY | Pte.YOUNG;
    private static final int X86 = 1;
    private static final long PAGE = 4096;

    private final ZapPtesFolioBatch strategy = new ZapPtesFolioBatch();

    /** 1 MiB of 64K folios: 16 folios of 16 pages, pfns 0x10000.. */
    private static FakeZapContext folios64k(int gatherSlots) {
        FakeZapContext ctx = new FakeZapContext(X86, 256, gatherSlots);
        for (int f = 0; f < 16; f++) {
            ctx.mapFolio(0, 16 * f, 0x10000 + 16 * f, 16, FLAGS);
        }
        return ctx;
    }

    @Test
    void batchesUseTwoGatherSlotsAndStopWhenTheGatherIsFull() {
        // A 10-slot gather holds 5 batches (2 slots each): the first call stops after 5 folios
        // and returns the address after them, 80 pages in. Each resumed call zaps 5 more; the
        // fourth has one folio left and returns the end.
        FakeZapContext ctx = folios64k(10);
        long start = FakeZapContext.BASE;
        long stop = strategy.zapPteRange(ctx);
        assertEquals(start + 80 * PAGE, stop);
        assertTrue(Pte.none(ctx.entry(0, 79)));
        assertEquals(0x10050, Pte.pfn(ctx.entry(0, 80)), "the rest is untouched");
        assertEquals(Collections.nCopies(5, 16), ctx.gatherNr);

        ctx.flushAndResume(stop);
        assertEquals(start + 160 * PAGE, strategy.zapPteRange(ctx));
        ctx.flushAndResume(start + 160 * PAGE);
        assertEquals(start + 240 * PAGE, strategy.zapPteRange(ctx));
        ctx.flushAndResume(start + 240 * PAGE);
        assertEquals(ctx.end(), strategy.zapPteRange(ctx));

        for (int i = 0; i < 256; i++) {
            assertTrue(Pte.none(ctx.entry(0, i)), "entry " + i);
        }
        assertEquals(Collections.nCopies(16, 16), ctx.clearNr, "anon: clear_full_ptes");
        assertEquals(List.of(), ctx.getAndClearNr);
        assertEquals(Collections.nCopies(16, 16), ctx.rmapRemoveNr);
        assertEquals(256, ctx.gatheredPages);
        assertEquals(-256, ctx.rss);
        assertEquals(16, ctx.vmNormalFolioCalls);
        assertEquals(256, ctx.ptepGetCalls, "1 + 15 reads per folio");
        assertEquals(Collections.nCopies(16, "zap_present_ptes;vm_normal_folio"), ctx.vmNormalFolioStacks);
        assertEquals("", ctx.ledger.stack());
    }

    @Test
    void smallFoliosUseOneSlotEach() {
        // 4K folios: one slot per page, so a 10-slot gather is full after 10 entries.
        FakeZapContext ctx = new FakeZapContext(X86, 64, 10);
        for (int i = 0; i < 64; i++) {
            ctx.mapFolio(0, i, 0x1000 + i, 1, FLAGS);
        }
        assertEquals(FakeZapContext.BASE + 10 * PAGE, strategy.zapPteRange(ctx));
        assertEquals(Collections.nCopies(10, 1), ctx.gatherNr);
        assertEquals(List.of(), ctx.folioPteBatchNr);
    }

    @Test
    void fileMappingsGetAndClearAndExitPassesFull() {
        FakeZapContext ctx = folios64k(1000);
        ctx.anonFolios = false;
        ctx.fullMm = true;
        assertEquals(ctx.end(), strategy.zapPteRange(ctx));
        assertEquals(Collections.nCopies(16, 16), ctx.getAndClearNr);
        assertEquals(List.of(), ctx.clearNr);
        assertEquals(List.of(true), ctx.clearFull.stream().distinct().toList());
        assertEquals(List.of(0), ctx.folioPteBatchFlags.stream().distinct().toList(), "dirty and soft-dirty ignored");
    }

    @Test
    void zeroPageNoneAndLastEntry() {
        // Entry 0 none; entry 1 the zero page (cleared, range extended, nothing to free); entries
        // 2..17 a 16-page folio of which the range covers 2..16, then entry 17 is past the end.
        // The folio batches 15 (max_nr); nothing else reaches the gather.
        FakeZapContext ctx = new FakeZapContext(X86, 17, 1000);
        ctx.setEntry(0, 1, Pte.make(0x5, Pte.PRESENT | Pte.SPECIAL));
        ctx.mapFolio(0, 2, 0x10000, 16, FLAGS);
        assertEquals(ctx.end(), strategy.zapPteRange(ctx));
        assertEquals(List.of(1), ctx.getAndClearNr, "the zero page entry");
        assertEquals(List.of(15), ctx.clearNr);
        assertEquals(List.of(15), ctx.gatherNr);
        assertEquals(16, ctx.gatheredPages);
        assertEquals(-15, ctx.rss);
        assertEquals(0x1000f, Pte.pfn(ctx.entry(0, 17)), "past the range");
    }

    @Test
    void gatherFullOnTheLastBatchReturnsTheEnd() {
        FakeZapContext ctx = folios64k(32);
        assertEquals(ctx.end(), strategy.zapPteRange(ctx));
        assertEquals(16, ctx.gatherNr.size());
    }

    @Test
    void nonPresentEntriesAreClearedWithoutGathering() {
        FakeZapContext ctx = new FakeZapContext(X86, 2, 10);
        ctx.setEntry(0, 0, Pte.make(0x77, 0));
        assertEquals(ctx.end(), strategy.zapPteRange(ctx));
        assertEquals(List.of(1), ctx.clearNr);
        assertEquals(0, ctx.gatheredPages);
        assertEquals(List.of(), ctx.gatherNr);
    }
}
