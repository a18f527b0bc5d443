package org.ptreplay.core.cost;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.ptreplay.core.cost.CostOptions.Prefetch;
import org.ptreplay.spi.ops.Primitive;

/** Prices derived by hand from the fixtures' round numbers (see {@link Fixtures}). */
class ProfileCostModelTest {
    private static final long VMEMMAP = 1L << 50;

    private static ProfileCostModel x86() {
        return ProfileCostModel.create(Fixtures.tinyX86(), CostOptions.defaults());
    }

    private static ProfileCostModel arm64(int concurrency) {
        return ProfileCostModel.create(Fixtures.tinyArm64(), CostOptions.defaults().withConcurrency(concurrency));
    }

    @Test
    void memoryPrimitivesPayOpCostPlusWhereTheLineWasFound() {
        ProfileCostModel model = x86();
        // Cold: pte_access 1 ns + (memory 100 - L1 1) = 100 ns.
        assertEquals(100_000, model.accessPs(Primitive.PTE_R, 0x5000));
        // Same line, L1: 1 ns. xchg on L1: 20 ns. cmpxchg: 19 ns.
        assertEquals(1_000, model.accessPs(Primitive.PTE_W, 0x5008));
        assertEquals(20_000, model.accessPs(Primitive.PTE_XCHG, 0x5010));
        assertEquals(19_000, model.accessPs(Primitive.PTE_RMW, 0x5018));
        // A cold struct page read, then a refcount atomic on the same line: 100 ns, 18 ns.
        assertEquals(100_000, model.accessPs(Primitive.SP_R, VMEMMAP + 64 * 77));
        assertEquals(18_000, model.accessPs(Primitive.REF, VMEMMAP + 64 * 77));
    }

    /**
     * Prefetch timeliness on tiny-x86 with its prefetcher on (degree 2, fills L2; L1 1 ns, L2 4 ns,
     * memory 100 ns, 4 outstanding misses). Struct pages of pfns 0, 1, 2, … read back to back, with
     * nothing else charged: the clock is the sum of the prices. Lines 0 and 1 miss (100 ns each; line 1
     * trains the stream and asks for 2 and 3 at t = 100 ns, arriving at 199 ns). Lines 2 and 3 have
     * arrived (4 ns each) and ask for 4 (at 200 ns) and 5 (at 204 ns). Line 4 is read at 208 ns and
     * waits until 299 ns: 1 + 91 = 92 ns. From then on every third line waits, because a 4 ns read
     * runs two lines ahead of a 99 ns fetch.
     */
    @Test
    void aPrefetchedStructPageReadBeforeItArrivesWaitsForIt() {
        ProfileCostModel model = ProfileCostModel.create(Fixtures.tinyX86(), CostOptions.defaults().withPrefetch(Prefetch.ON));
        long[] prices = new long[8];
        for (int pfn = 0; pfn < prices.length; pfn++) {
            prices[pfn] = model.accessPs(Primitive.SP_R, VMEMMAP + 64L * pfn);
        }
        assertArrayEquals(new long[] {100_000, 100_000, 4_000, 4_000, 92_000, 4_000, 4_000, 92_000}, prices);
        assertEquals(2 * 88_000, model.prefetchWaitPs());
    }

    @Test
    void aLedgerClockDecidesWhenALineIsUsed() {
        ProfileCostModel model = ProfileCostModel.create(Fixtures.tinyX86(), CostOptions.defaults().withPrefetch(Prefetch.ON));
        long[] elapsed = {0};
        model.clock(() -> elapsed[0]);
        for (int pfn = 0; pfn < 4; pfn++) {
            elapsed[0] += model.accessPs(Primitive.SP_R, VMEMMAP + 64L * pfn);
        }
        // As above, but 200 ns of other work pass before pfn 4 is read: its line arrived at 299 ns.
        elapsed[0] += 200_000;
        assertEquals(4_000, model.accessPs(Primitive.SP_R, VMEMMAP + 64L * 4));
    }

    /**
     * The pair-line prefetcher on tiny-x86 (no stream prefetcher; L2 4 ns, memory 100 ns, 4
     * outstanding misses). A cold struct page read costs 1 + 99 ns, and its pair is requested at the
     * same moment from memory: it arrives with the line, so read right after it it is an L2 hit,
     * 4 ns; read 30 ns into its flight, it waits for the 69 ns left, 1 + 69 ns (66 of them beyond
     * the L2 hit). Each miss takes two of the four slots (the pair, then the line): a third miss
     * issued at the same moment as two others waits for the first slot to free, at 99 ns, and
     * completes at 198 ns.
     */
    @Test
    void thePairOfAMissArrivesOneLatencyAfterItsRequest() {
        ProfileCostModel model = ProfileCostModel.create(Fixtures.tinyX86PairLines(0), CostOptions.defaults());
        long[] elapsed = {0};
        model.clock(() -> elapsed[0]);
        elapsed[0] += model.accessPs(Primitive.SP_R, VMEMMAP + 64L * 40);
        assertEquals(100_000, elapsed[0]);
        assertEquals(4_000, model.accessPs(Primitive.SP_R, VMEMMAP + 64L * 41));
        elapsed[0] = 1_000_000;
        assertEquals(100_000, model.accessPs(Primitive.SP_R, VMEMMAP + 64L * 51));
        elapsed[0] += 30_000;
        assertEquals(70_000, model.accessPs(Primitive.SP_R, VMEMMAP + 64L * 50));
        assertEquals(66_000, model.prefetchWaitPs());

        ProfileCostModel busy = ProfileCostModel.create(Fixtures.tinyX86PairLines(0), CostOptions.defaults());
        busy.clock(() -> 0);
        assertEquals(100_000, busy.accessPs(Primitive.SP_R, VMEMMAP + 64L * 60));
        assertEquals(100_000, busy.accessPs(Primitive.SP_R, VMEMMAP + 64L * 70));
        assertEquals(199_000, busy.accessPs(Primitive.SP_R, VMEMMAP + 64L * 80));
        // Its pair took the slot freed at 99 ns before it: it arrives at 198 ns as well.
        assertEquals(199_000, busy.accessPs(Primitive.SP_R, VMEMMAP + 64L * 81));
    }

    @Test
    void tailPageLoopsOverlapTheirMissesOnBothArchitectures() {
        // tiny-x86 (no prefetcher, 4 outstanding misses): a cold tail page costs the plain access
        // 1 ns + (100 - 1) / 4 ns; a cold struct page read of a serialized loop the whole 100 ns.
        ProfileCostModel x86 = x86();
        assertEquals(25_750, x86.accessPs(Primitive.TAIL_FREE, VMEMMAP + 64 * 100));
        assertEquals(25_750, x86.accessPs(Primitive.TAIL_PREP, VMEMMAP + 64 * 300));
        assertEquals(100_000, x86.accessPs(Primitive.SP_R, VMEMMAP + 64 * 500));
        // An L2 hit (line 0 evicted from L1 by four more lines of its set): 1 + 3 / 4 ns.
        for (long line = 0; line <= 32; line += 8) {
            x86.accessPs(Primitive.PTE_R, line * 64);
        }
        assertEquals(1_750, x86.accessPs(Primitive.TAIL_FREE, 0));
        // tiny-arm64 (prefetcher on, 4 outstanding misses): 2 ns + (102 - 2) / 4 ns, and 102 ns.
        ProfileCostModel arm64 = arm64(1);
        assertEquals(27_000, arm64.accessPs(Primitive.TAIL_FREE, VMEMMAP + 64 * 1000));
        assertEquals(27_000, arm64.accessPs(Primitive.TAIL_PREP, VMEMMAP + 64 * 2000));
        assertEquals(102_000, arm64.accessPs(Primitive.SP_R, VMEMMAP + 64 * 3000));
    }

    /**
     * Atomics without a return value (fork's folio_get and rmap duplication, the LRU batch's
     * reference) have their own price: arm64's posted STADD/STCLR (tiny-arm64: atomic_posted_ns 5
     * against atomic_add_ns 8); x86 has one kind (tiny-x86: both 18), docs/kernel-model.md §4.6.
     */
    @Test
    void atomicsWithoutAReturnArePricedByKindOnArm64AndAlikeOnX86() {
        ProfileCostModel arm64 = arm64(1);
        for (Primitive posted : new Primitive[] {Primitive.REF_POSTED, Primitive.MAP_POSTED, Primitive.AE_POSTED}) {
            assertEquals(5_000, arm64.l1HitPs(posted), posted.key());
        }
        for (Primitive returning : new Primitive[] {Primitive.REF, Primitive.MAP, Primitive.AE}) {
            assertEquals(8_000, arm64.l1HitPs(returning), returning.key());
        }
        // Cold, the line's latency is added to either kind: 5 + (102 - 2) ns.
        assertEquals(105_000, arm64.accessPs(Primitive.MAP_POSTED, VMEMMAP + 64 * 4000));
        ProfileCostModel x86 = x86();
        assertEquals(x86.l1HitPs(Primitive.REF), x86.l1HitPs(Primitive.REF_POSTED));
        assertEquals(18_000, x86.l1HitPs(Primitive.MAP_POSTED));
        assertEquals(18_000, x86.l1HitPs(Primitive.AE_POSTED));
    }

    /**
     * A lone uncharge_batch: 4 value-returning page_counter atomics and 7 per-CPU counter updates
     * of two L1 accesses; the shrinker bit is a posted atomic (arm64 STSET), priced alike on x86.
     */
    @Test
    void aLoneUnchargeBatchAndTheShrinkerBitArePricedFromTheirAtomics() {
        ProfileCostModel x86 = x86();
        // 4 x 18 + 7 x 2 x 1 = 86 ns; 18 ns.
        assertEquals(86_000, x86.costPs(Primitive.UNCHARGE_BATCH, 1));
        assertEquals(18_000, x86.costPs(Primitive.SHRINKER_BIT, 1));
        ProfileCostModel arm64 = arm64(1);
        // 4 x 8 + 7 x 2 x 2 = 60 ns; the posted kind, 5 ns.
        assertEquals(60_000, arm64.costPs(Primitive.UNCHARGE_BATCH, 1));
        assertEquals(5_000, arm64.costPs(Primitive.SHRINKER_BIT, 1));
    }

    @Test
    void l2HitAddsTheL2LatencyOverL1() {
        ProfileCostModel model = x86();
        // Five lines of L1 set 0 (lines 0, 8, 16, 24, 32): the fifth evicts line 0 from L1 only.
        for (long line = 0; line <= 32; line += 8) {
            model.accessPs(Primitive.PTE_R, line * 64);
        }
        // pte_access 1 ns + (L2 4 ns - L1 1 ns) = 4 ns.
        assertEquals(4_000, model.accessPs(Primitive.PTE_R, 0));
        assertArrayEquals(new long[] {0, 1, 5}, model.servedByLevel());
    }

    @Test
    void x86NonMemoryPrices() {
        ProfileCostModel model = x86();
        assertEquals(63_000, model.costPs(Primitive.PTL, 3));
        assertEquals(40_000, model.costPs(Primitive.RMAPLOCK, 1));
        assertEquals(500_000, model.costPs(Primitive.INVLPG, 5));
        assertEquals(30_000, model.costPs(Primitive.X86_FULL, 1));
        // One shootdown to 3 CPUs: 2000 + 150 x 3 = 2450 ns; to nobody: nothing.
        assertEquals(2_450_000, model.costPs(Primitive.IPI, 3));
        assertEquals(0, model.costPs(Primitive.IPI, 0));
        // 4096 bytes at 16 bytes/ns = 256 ns per page.
        assertEquals(512_000, model.costPs(Primitive.PAGE_ZERO, 2));
        assertEquals(256_000, model.costPs(Primitive.PT_ALLOC, 1));
        assertEquals(90_000, model.costPs(Primitive.PAGE_ALLOC, 1));
        assertEquals(80_000, model.costPs(Primitive.PT_FREE, 1));
        assertEquals(70_000, model.costPs(Primitive.SYSCALL, 1));
        assertEquals(500, model.costPs(Primitive.NOTIFIER, 1));
        assertEquals(0, model.costPs(Primitive.PTEP_GET, 10));
    }

    @Test
    void vmaWorkPrices() {
        ProfileCostModel model = x86();
        // vma_walk_ns 10, vma_store_ns 100; a VMA-layer slab object is two cmpxchg: 2 x 19 ns.
        assertEquals(30_000, model.costPs(Primitive.VMA_WALK, 3));
        assertEquals(200_000, model.costPs(Primitive.VMA_STORE, 2));
        assertEquals(38_000, model.costPs(Primitive.VMA_ALLOC, 1));
        // The arm64 fixture's cmpxchg is 12 ns.
        assertEquals(24_000, arm64(1).costPs(Primitive.VMA_ALLOC, 1));
    }

    @Test
    void loopWorkIsPricedInCyclesAtTheProfilesClockAndFoliosFreeAtPageFreePrice() {
        ProfileCostModel model = x86();
        // tiny-x86 at 1 GHz: 30 cycles = 30 ns per iteration, 12 = 12 ns per entry, 40 = 40 ns per batch.
        assertEquals(30_000, model.costPs(Primitive.PTE_ITER, 1));
        assertEquals(192_000, model.costPs(Primitive.PTE_ENTRY, 16));
        assertEquals(40_000, model.costPs(Primitive.PTE_BATCH, 1));
        // page_free_ns 80 per folio whatever its order; a tail page is a plain access: 1 ns on L1.
        assertEquals(80_000, model.costPs(Primitive.FOLIO_FREE, 1));
        model.accessPs(Primitive.SP_R, 0x9000);
        assertEquals(1_000, model.accessPs(Primitive.TAIL_FREE, 0x9008));
    }

    @Test
    void pageZeroFollowsThePageSize() {
        var model = ProfileCostModel.create(Fixtures.tinyX86(), CostOptions.defaults().withPageBytes(16384));
        // 16384 / 16 = 1024 ns.
        assertEquals(1_024_000, model.costPs(Primitive.PAGE_ZERO, 1));
    }

    @Test
    void streamIsPricedAtTheZeroingBandwidth() {
        // 4096 bytes / 16 bytes per ns = 256 ns.
        assertEquals(256_000, x86().streamPs(0x9000, 4096, true));
        assertEquals(0, x86().streamPs(0x9000, 0, false));
    }

    @Test
    void arm64TlbiAndDsbGrowWithConcurrency() {
        // Every TLBI also pays tlbi_per_cpu (1 ns) x (4 - 1) for the fixture's 4 CPUs.
        ProfileCostModel alone = arm64(1);
        assertEquals(13_000, alone.costPs(Primitive.TLBI_VA, 1));
        assertEquals(200_000, alone.costPs(Primitive.DSB, 1));
        ProfileCostModel four = arm64(4);
        // base + slope x (4 - 1) + 3: 10 + 15 + 3, 20 + 18 + 3, 30 + 21 + 3; the DSB 200 + 300 ns.
        assertEquals(28_000, four.costPs(Primitive.TLBI_VA, 1));
        assertEquals(16 * 28_000, four.costPs(Primitive.TLBI_VA, 16));
        assertEquals(41_000, four.costPs(Primitive.TLBI_RANGE, 1));
        assertEquals(54_000, four.costPs(Primitive.TLBI_ASID, 1));
        assertEquals(500_000, four.costPs(Primitive.DSB, 1));
        assertEquals(25_000, four.costPs(Primitive.UNFOLD, 1));
    }

    @Test
    void arm64TlbiGrowsWithTheMachineAtEqualConcurrency() {
        ProfileCostModel one = ProfileCostModel.create(Fixtures.tinyArm64(), CostOptions.defaults().withCpus(1));
        ProfileCostModel sixtyFour = ProfileCostModel.create(Fixtures.tinyArm64(), CostOptions.defaults().withCpus(64));
        // tlbi_per_cpu x (cpus - 1): 0 and 63 ns on top of the 10, 20, 30 ns bases.
        assertEquals(10_000, one.costPs(Primitive.TLBI_VA, 1));
        assertEquals(73_000, sixtyFour.costPs(Primitive.TLBI_VA, 1));
        assertEquals(83_000, sixtyFour.costPs(Primitive.TLBI_RANGE, 1));
        assertEquals(93_000, sixtyFour.costPs(Primitive.TLBI_ASID, 1));
        // The DSB waits for the concurrent issuers only.
        assertEquals(one.costPs(Primitive.DSB, 1), sixtyFour.costPs(Primitive.DSB, 1));
    }

    @Test
    void otherArchitecturesPrimitivesAreRefused() {
        var x86 = assertThrows(IllegalStateException.class, () -> x86().costPs(Primitive.TLBI_VA, 1));
        assertEquals("Machine profile tiny-x86 (x86) has no price for TLBI_VA: the profile and the simulated architecture do not match.",
                x86.getMessage());
        assertThrows(IllegalStateException.class, () -> arm64(1).costPs(Primitive.IPI, 2));
        assertThrows(IllegalStateException.class, () -> arm64(1).costPs(Primitive.INVLPG, 1));
    }

    @Test
    void accessOfANonMemoryPrimitiveIsAProgrammingError() {
        assertThrows(IllegalArgumentException.class, () -> x86().accessPs(Primitive.PTL, 0));
    }

    @Test
    void concurrencyCannotExceedTheCpus() {
        var e = assertThrows(IllegalArgumentException.class, () -> arm64(5));
        assertEquals("Concurrency 5 exceeds the 4 CPUs of machine profile tiny-arm64.", e.getMessage());
        var bigger = ProfileCostModel.create(Fixtures.tinyArm64(), CostOptions.defaults().withCpus(8).withConcurrency(5));
        assertEquals(8, bigger.cpus());
        // 10 + 5 x 4 + 1 x 7 = 37 ns.
        assertEquals(37_000, bigger.costPs(Primitive.TLBI_VA, 1));
    }

    @Test
    void prefetchOptionOverridesTheProfile() {
        // tiny-arm64 prefetches into L1 (degree 2): of 16 sequential struct pages only the first two miss.
        ProfileCostModel asProfiled = arm64(1);
        ProfileCostModel off = ProfileCostModel.create(Fixtures.tinyArm64(), CostOptions.defaults().withPrefetch(Prefetch.OFF));
        for (int pfn = 0; pfn < 16; pfn++) {
            asProfiled.accessPs(Primitive.SP_R, VMEMMAP + 64L * pfn);
            off.accessPs(Primitive.SP_R, VMEMMAP + 64L * pfn);
        }
        assertArrayEquals(new long[] {14, 2}, asProfiled.servedByLevel());
        assertArrayEquals(new long[] {0, 16}, off.servedByLevel());
    }
}
