package org.ptreplay.core.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * Prefetch timeliness and the outstanding-miss limit, with hand-derived times. Levels: L1 (extra
 * 0), L2 (extra 3,000 ps), memory (extra 100,000 ps); prefetches fill L2 (index 1).
 */
class MemoryTimingTest {
    private static final long[] EXTRA = {0, 3_000, 100_000};
    private static final int MEMORY = 2;

    @Test
    void aPrefetchedLineUsedBeforeItArrivesWaitsForTheRest() {
        MemoryTiming t = new MemoryTiming(EXTRA, 8, 1);
        t.at(0);
        t.prefetch(7, MEMORY);
        t.at(30_000);
        // Arrives at 100,000: 70,000 ps to go, more than the L2 hit's 3,000.
        assertEquals(70_000, t.demandExtraPs(7, 1));
        assertEquals(67_000, t.prefetchWaitPs());
    }

    @Test
    void aPrefetchedLineUsedAfterItArrivedCostsItsLevel() {
        MemoryTiming t = new MemoryTiming(EXTRA, 8, 1);
        t.at(0);
        t.prefetch(7, MEMORY);
        t.at(200_000);
        assertEquals(3_000, t.demandExtraPs(7, 1));
        assertEquals(0, t.prefetchWaitPs());
    }

    @Test
    void aPrefetchIsWaitedForOnce() {
        MemoryTiming t = new MemoryTiming(EXTRA, 8, 1);
        t.at(0);
        t.prefetch(7, MEMORY);
        t.at(10_000);
        assertEquals(90_000, t.demandExtraPs(7, 1));
        t.at(20_000);
        assertEquals(3_000, t.demandExtraPs(7, 1));
    }

    @Test
    void aLineFoundBeforeTheFillLevelIsNotWaitedFor() {
        MemoryTiming t = new MemoryTiming(EXTRA, 8, 1);
        t.at(0);
        t.prefetch(7, MEMORY);
        assertEquals(0, t.demandExtraPs(7, 0));
        // The pending prefetch still counts when the line is next found in L2.
        t.at(40_000);
        assertEquals(60_000, t.demandExtraPs(7, 1));
    }

    @Test
    void prefetchesBeyondTheOutstandingLimitStartWhenASlotFrees() {
        MemoryTiming t = new MemoryTiming(EXTRA, 2, 1);
        t.at(0);
        t.prefetch(1, MEMORY);
        t.prefetch(2, MEMORY);
        t.prefetch(3, MEMORY);
        t.at(0);
        assertEquals(100_000, t.demandExtraPs(1, 1));
        assertEquals(100_000, t.demandExtraPs(2, 1));
        // Line 3 waited for the first slot (free at 100,000): it arrives at 200,000.
        assertEquals(200_000, t.demandExtraPs(3, 1));
    }

    @Test
    void aDemandMissWaitsForAFreeSlot() {
        MemoryTiming t = new MemoryTiming(EXTRA, 1, 1);
        t.at(0);
        t.prefetch(1, MEMORY);
        t.at(50_000);
        // The only slot is busy until 100,000: the miss starts then and completes at 200,000.
        assertEquals(150_000, t.demandExtraPs(9, MEMORY));
        // A miss with a free slot pays the memory latency alone.
        t.at(300_000);
        assertEquals(100_000, t.demandExtraPs(10, MEMORY));
    }

    @Test
    void anL3PrefetchArrivesAfterTheL3Latency() {
        long[] extra = {0, 3_000, 20_000, 100_000};
        MemoryTiming t = new MemoryTiming(extra, 8, 1);
        t.at(0);
        t.prefetch(5, 2);
        t.at(5_000);
        assertEquals(15_000, t.demandExtraPs(5, 1));
    }

    @Test
    void independentMissesOverlapUpToTheSlots() {
        MemoryTiming t = new MemoryTiming(EXTRA, 2, 1);
        t.at(0);
        // Two misses issued at once share the two slots: each adds 100,000 / 2.
        assertEquals(50_000, t.independentExtraPs(1, MEMORY));
        assertEquals(50_000, t.independentExtraPs(2, MEMORY));
        // A third waits for the first slot (free at 100,000) and completes at 200,000: 200,000 / 2.
        assertEquals(100_000, t.independentExtraPs(3, MEMORY));
        // An L2 hit overlaps too: 3,000 / 2.
        assertEquals(1_500, t.independentExtraPs(4, 1));
    }

    @Test
    void anIndependentAccessSharesItsWaitForAPrefetch() {
        MemoryTiming t = new MemoryTiming(EXTRA, 4, 1);
        t.at(0);
        t.prefetch(7, MEMORY);
        t.at(30_000);
        // 70,000 to go (67,000 beyond the L2 hit), overlapped four ways.
        assertEquals(17_500, t.independentExtraPs(7, 1));
        assertEquals(16_750, t.prefetchWaitPs());
    }

    @Test
    void atLeastOneSlot() {
        assertThrows(IllegalArgumentException.class, () -> new MemoryTiming(EXTRA, 0, 1));
    }
}
