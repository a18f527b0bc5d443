package org.ptreplay.tools.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ptreplay.trace.Flags;
import org.ptreplay.trace.TraceEvent;
import org.ptreplay.trace.TraceEvent.Fork;
import org.ptreplay.trace.TraceEvent.Madvise;
import org.ptreplay.trace.TraceEvent.Mmap;
import org.ptreplay.trace.TraceEvent.Mremap;
import org.ptreplay.trace.TraceEvent.Munmap;
import org.ptreplay.trace.TraceEvent.Touch;

/** The fixed-address generators, event by event. */
class BenchmarksTest {
    private static final long G = 1L << 30;
    private static final long M = 1L << 20;
    private static final int RW = Flags.PROT_READ | Flags.PROT_WRITE;
    private static final int ANON = Flags.MAP_PRIVATE | Flags.MAP_ANONYMOUS;
    private static final int MOVE_FIXED = Flags.MREMAP_MAYMOVE | Flags.MREMAP_FIXED;

    @Test
    void jainMremapTwoIterationsIsEightEvents() {
        List<TraceEvent> iteration = List.of(
                new Mmap(1, 0, G, M, RW, ANON, -1, 0, G),
                new Touch(1, 0, G, M, true),
                new Mremap(1, 0, G, M, M, MOVE_FIXED, G + M, G + M),
                new Munmap(1, 0, G + M, M, 0));
        List<TraceEvent> expected = new java.util.ArrayList<>(iteration);
        expected.addAll(iteration);
        assertEquals(expected, Generated.events(new JainMremap(), Map.of("iterations", "2")));
    }

    @Test
    void jainMremapMovesBySizeAndRecommends64kFolios() {
        List<TraceEvent> e = Generated.events(new JainMremap(), Map.of("iterations", "1", "size", "2M"));
        assertEquals(new Mremap(1, 0, G, 2 * M, 2 * M, MOVE_FIXED, G + 2 * M, G + 2 * M), e.get(2));
        assertEquals("64K=always", new JainMremap().recommendedThp(Map.of()));
    }

    /**
     * Dev Jain's mprotect program at 4 MiB and two loops, T2 (64K): 4 setup events, one madvise
     * pair per 2 MiB (2 × 2), three events per loop (2 × 3) and the exit: 15 events.
     */
    @Test
    void jainMprotectPopulatesSplitsVmasLoopsAndExits() {
        long page = 4096;
        TraceEvent.Mprotect ro = new TraceEvent.Mprotect(1, 0, G, 4 * M, Flags.PROT_READ, 0);
        TraceEvent.Mprotect rw = new TraceEvent.Mprotect(1, 0, G, 4 * M, RW, 0);
        Touch bzero = new Touch(1, 0, G, 4 * M, true);
        assertEquals(List.of(
                new Mmap(1, 0, G, 4 * M, RW, ANON, -1, 0, G),
                bzero,
                new Madvise(1, 0, G, 4 * M, Flags.MADV_NOHUGEPAGE, 0),
                bzero,
                new Madvise(1, 0, G, page, Flags.MADV_DONTFORK, 0),
                new Madvise(1, 0, G, page, Flags.MADV_DOFORK, 0),
                new Madvise(1, 0, G + 2 * M, page, Flags.MADV_DONTFORK, 0),
                new Madvise(1, 0, G + 2 * M, page, Flags.MADV_DOFORK, 0),
                ro, rw, bzero,
                ro, rw, bzero,
                new TraceEvent.Exit(1, 0, 0, true)),
                Generated.events(new JainMprotect(), Map.of("folio", "64K", "size", "4M", "loops", "2")));
    }

    /**
     * T1 PTE-maps its THPs with his madvise pair too (the VMA split splits the PMD); the default is
     * his program: T1, 40 loops of 1 GiB, 1149 events (4 + 512 × 2 + 40 × 3 + 1).
     */
    @Test
    void jainMprotectPmdSplitUsesHisMadvisePairAndDefaultsToHisProgram() {
        long page = 4096;
        List<TraceEvent> e = Generated.events(new JainMprotect(), Map.of("size", "4M", "loops", "1"));
        assertEquals(List.of(
                new Madvise(1, 0, G, page, Flags.MADV_DONTFORK, 0),
                new Madvise(1, 0, G, page, Flags.MADV_DOFORK, 0),
                new Madvise(1, 0, G + 2 * M, page, Flags.MADV_DONTFORK, 0),
                new Madvise(1, 0, G + 2 * M, page, Flags.MADV_DOFORK, 0)), e.subList(4, 8));
        assertEquals(12, e.size());
        List<TraceEvent> his = Generated.events(new JainMprotect(), Map.of());
        assertEquals(1149, his.size());
        assertEquals(80, Generated.only(his, TraceEvent.Mprotect.class).size());
        assertEquals(1 + 1024, Generated.only(his, Madvise.class).size());
        assertEquals(40 + 2, Generated.only(his, Touch.class).size());
        assertEquals(new Mmap(1, 0, G, G, RW, ANON, -1, 0, G), his.get(0));
    }

    @Test
    void jainMprotectRecommendsTheThpOfItsTestCase() {
        JainMprotect g = new JainMprotect();
        assertEquals("enabled=always", g.recommendedThp(Map.of()));
        assertEquals("enabled=never,64K=always", g.recommendedThp(Map.of("folio", "64K")));
        assertEquals("enabled=never", g.recommendedThp(Map.of("folio", "4K")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> g.recommendedThp(Map.of("folio", "2M")));
        assertEquals("folio=2M is not a value jain-mprotect allows (did you mean '4K'?); allowed: pmd-split, 64K, 4K.",
                e.getMessage());
    }

    @Test
    void forkBenchPopulatesForksAndTheChildExits() {
        assertEquals(List.of(
                new Mmap(1, 0, G, 8 * M, RW, ANON, -1, 0, G),
                new Touch(1, 0, G, 8 * M, true),
                new Fork(1, 0, 2, 17, 2),
                new TraceEvent.Exit(2, 0, 0, true)),
                Generated.events(new ForkBench(), Map.of("size", "8M")));
        // One setting per folio size of David's table (issue #16 item 6): the size picks the mTHP size.
        assertEquals("4K: enabled=never; 16K: enabled=never,16K=always; 32K: enabled=never,32K=always;"
                + " 64K: enabled=never,64K=always; 128K: enabled=never,128K=always; 256K: enabled=never,256K=always;"
                + " 512K: enabled=never,512K=always; 1M: enabled=never,1M=always; 2M: enabled=always",
                new ForkBench().recommendedThp(Map.of()));
    }

    @Test
    void munmapBenchPopulatesThenUnmaps() {
        assertEquals(List.of(
                new Mmap(1, 0, G, G, RW, ANON, -1, 0, G),
                new Touch(1, 0, G, G, true),
                new Munmap(1, 0, G, G, 0)),
                Generated.events(new MunmapBench(), Map.of()));
    }

    /** pte-map=yes: one page of every 2 MiB made read-only and writable again, after the populate. */
    @Test
    void pteMapSplitsEveryPmdOfThePopulatedRange() {
        long page = 4096;
        assertEquals(List.of(
                new Mmap(1, 0, G, 4 * M, RW, ANON, -1, 0, G),
                new Touch(1, 0, G, 4 * M, true),
                new TraceEvent.Mprotect(1, 0, G, page, Flags.PROT_READ, 0),
                new TraceEvent.Mprotect(1, 0, G, page, RW, 0),
                new TraceEvent.Mprotect(1, 0, G + 2 * M, page, Flags.PROT_READ, 0),
                new TraceEvent.Mprotect(1, 0, G + 2 * M, page, RW, 0),
                new Munmap(1, 0, G, 4 * M, 0)),
                Generated.events(new MunmapBench(), Map.of("size", "4M", "pte-map", "yes")));
        List<TraceEvent> fork = Generated.events(new ForkBench(), Map.of("size", "4M", "pte-map", "yes"));
        assertEquals(new TraceEvent.Mprotect(1, 0, G + 2 * M, page, RW, 0), fork.get(5));
        assertEquals(new Fork(1, 0, 2, 17, 2), fork.get(6));
    }

    /** A and B for 1 GiB: B = A + 1 GiB (size rounded up to a GiB) + a 1 GiB gap. */
    @Test
    void mremapLargePudAlignedMovesBetweenGigabyteBoundaries() {
        List<TraceEvent> e = Generated.events(new MremapLarge(), Map.of("align", "pud", "moves", "3"));
        assertEquals(List.of(
                new Mmap(1, 0, G, G, RW, ANON, -1, 0, G),
                new Madvise(1, 0, G, G, Flags.MADV_NOHUGEPAGE, 0),
                new Touch(1, 0, G, G, true),
                new Mremap(1, 0, G, G, G, MOVE_FIXED, 3 * G, 3 * G),
                new Mremap(1, 0, 3 * G, G, G, MOVE_FIXED, G, G),
                new Mremap(1, 0, G, G, G, MOVE_FIXED, 3 * G, 3 * G)), e);
    }

    @Test
    void mremapLargePmdAlignedSitsTwoMegabytesAboveGigabyteBoundaries() {
        List<Mremap> moves = Generated.only(Generated.events(new MremapLarge(), Map.of("size", "3M", "moves", "2")), Mremap.class);
        long a = G + 2 * M;
        long b = G + 2 * M + G + G;
        assertEquals(List.of(
                new Mremap(1, 0, a, 3 * M, 3 * M, MOVE_FIXED, b, b),
                new Mremap(1, 0, b, 3 * M, 3 * M, MOVE_FIXED, a, a)), moves);
        assertEquals(0, a % (2 * M));
        assertEquals(2 * M, a % G);
    }

    @Test
    void mremapLargeUnalignedOffsetsTheTwoPlacesBy4kWithinTheirPmds() {
        List<Mremap> moves = Generated.only(Generated.events(new MremapLarge(),
                Map.of("size", "3M", "moves", "1", "align", "unaligned")), Mremap.class);
        Mremap m = moves.get(0);
        assertEquals(0, m.oldAddr() % (2 * M));
        assertEquals(4096, m.newAddr() % (2 * M));
    }

    @Test
    void sameParametersGiveTheSameEvents() {
        for (Generator g : List.of(new JainMremap(), new JainMprotect(), new ForkBench(), new MunmapBench(),
                new MremapLarge(), new Bigheap())) {
            Map<String, String> small = g instanceof Bigheap ? Map.of("limit", "4M", "cycles", "2")
                    : g instanceof JainMremap ? Map.of("iterations", "5") : Map.of("size", "4M");
            assertEquals(Generated.events(g, small), Generated.events(g, small), g.name());
        }
    }

    @Test
    void badParametersAreRefusedBeforeAnyEvent() {
        List<TraceEvent> sink = new java.util.ArrayList<>();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new MremapLarge().generate(Map.of("moves", "2", "align", "pdu"), sink::add));
        assertEquals("align=pdu is not a value mremap-large allows (did you mean 'pud'?); allowed: pud, pmd, unaligned.",
                e.getMessage());
        assertEquals(List.of(), sink);
        assertThrows(IllegalArgumentException.class, () -> new ForkBench().recommendedThp(Map.of("size", "65G")));
    }
}
