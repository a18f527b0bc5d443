package org.ptreplay.core.cost;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The tiny-x86 hierarchy: L1 = 8 sets x 4 ways, L2 = 16 sets x 8 ways, 64-byte lines, so line n
 * goes to L1 set n mod 8 and L2 set n mod 16. Access results: 0 = L1, 1 = L2, 2 = memory.
 */
class CacheHierarchyTest {
    private static final int L1 = 0;
    private static final int L2 = 1;
    private static final int MEMORY = 2;
    private static final long TABLE = 0x40_0000L;
    private static final long VMEMMAP = 1L << 50;

    private static CacheHierarchy cache(boolean prefetch) {
        return new CacheHierarchy(Fixtures.tinyX86().proto().getMemory(), prefetch, true);
    }

    @Test
    void coldSequentialPteWalkMissesOncePerEightEntries() {
        CacheHierarchy cache = cache(false);
        // 64 entries of 8 bytes = 8 lines: entry i misses iff it starts a line (i % 8 == 0).
        for (int i = 0; i < 64; i++) {
            assertEquals(i % 8 == 0 ? MEMORY : L1, cache.access(TABLE + 8L * i), "entry " + i);
        }
        assertArrayEquals(new long[] {56, 0, 8}, cache.served());
    }

    @Test
    void reWalkOfASmallRangeHitsL1() {
        CacheHierarchy cache = cache(false);
        // 8 lines, one per L1 set: they all stay in the 32-line L1.
        for (int i = 0; i < 64; i++) {
            cache.access(TABLE + 8L * i);
        }
        for (int i = 0; i < 64; i++) {
            assertEquals(L1, cache.access(TABLE + 8L * i), "entry " + i);
        }
    }

    @Test
    void leastRecentlyUsedLineIsEvictedFirst() {
        CacheHierarchy cache = cache(false);
        // Lines 0, 8, 16, 24, 32 all map to L1 set 0 (4 ways); in L2 they spread over sets 0 and 8.
        long a = 0, b = 8 * 64, c = 16 * 64, d = 24 * 64, e = 32 * 64;
        for (long pa : new long[] {a, b, c, d}) {
            assertEquals(MEMORY, cache.access(pa));
        }
        assertEquals(L1, cache.access(a));    // a becomes most recent: LRU order b, c, d, a
        assertEquals(MEMORY, cache.access(e)); // evicts b from L1
        assertEquals(L1, cache.access(a));
        assertEquals(L2, cache.access(b));    // b was only evicted from L1; refilling it evicts c
        assertEquals(L2, cache.access(c));
        assertEquals(L1, cache.access(e));
    }

    @Test
    void scatteredStructPageReadsAllMissEvenWithPrefetch() {
        CacheHierarchy cache = cache(true);
        // pfn = 1009 k: no two in the same 4 KiB vmemmap page (64 struct pages per page), none sequential.
        for (int k = 0; k < 100; k++) {
            assertEquals(MEMORY, cache.access(VMEMMAP + 64L * (1009L * k)), "pfn " + 1009 * k);
        }
    }

    @Test
    void sequentialStructPagesArePrefetchedWithinTheirPage() {
        CacheHierarchy cache = cache(true);
        // pfns 0..63 share one 4 KiB vmemmap page. Lines 0 and 1 miss (the second confirms the
        // stream and prefetches 2..3 into L2); every later line was prefetched one step ahead.
        for (int pfn = 0; pfn < 64; pfn++) {
            assertEquals(pfn < 2 ? MEMORY : L2, cache.access(VMEMMAP + 64L * pfn), "pfn " + pfn);
        }
        // pfn 64 starts the next vmemmap page: the prefetcher does not cross it.
        assertEquals(MEMORY, cache.access(VMEMMAP + 64L * 64));
    }

    /**
     * fork of a large folio reads the head page's struct page between consecutive subpages, in
     * the same vmemmap page. The head stays in L1, so the L2 streamer, which sees L1 misses only,
     * still finds the subpage stream: the head's miss and subpage 1 train it, every later
     * subpage line is in L2.
     */
    @Test
    void anL1HitBetweenSequentialLinesDoesNotBreakTheStream() {
        CacheHierarchy cache = cache(true);
        long head = VMEMMAP;
        assertEquals(MEMORY, cache.access(head));
        for (int pfn = 1; pfn < 64; pfn++) {
            assertEquals(pfn == 1 ? MEMORY : L2, cache.access(VMEMMAP + 64L * pfn), "pfn " + pfn);
            assertEquals(L1, cache.access(head), "head after pfn " + pfn);
        }
    }

    @Test
    void withoutPrefetchEverySequentialStructPageMisses() {
        CacheHierarchy cache = cache(false);
        for (int pfn = 0; pfn < 64; pfn++) {
            assertEquals(MEMORY, cache.access(VMEMMAP + 64L * pfn), "pfn " + pfn);
        }
    }

    @Test
    void smallStreamDisplacesOnlyWhatLruWould() {
        CacheHierarchy cache = cache(false);
        cache.access(TABLE);
        // 16 lines: 2 per L1 set, so the PTE line (1 of 3 lines in its set) stays in L1.
        cache.stream(0x10_0000L, 16 * 64);
        assertEquals(L1, cache.access(TABLE));
        // 64 lines: 8 per L1 set (evicts it from L1), 4 per L2 set (it stays in L2).
        cache.stream(0x20_0000L, 64 * 64);
        assertEquals(L2, cache.access(TABLE));
    }

    @Test
    void streamLargerThanTheLargestLevelDisplacesEverything() {
        CacheHierarchy cache = cache(false);
        cache.access(TABLE);
        cache.stream(0x10_0000L, 1L << 30); // 1 GiB: simulated as a flush plus its last 128 lines
        assertEquals(MEMORY, cache.access(TABLE));
        // The stream's last line is still cached; its first is long gone.
        assertEquals(L1, cache.access(0x10_0000L + (1L << 30) - 64));
        assertEquals(MEMORY, cache.access(0x10_0000L));
    }

    @Test
    void streamsAreNotDemandAccesses() {
        CacheHierarchy cache = cache(false);
        cache.stream(0, 4096);
        assertArrayEquals(new long[] {0, 0, 0}, cache.served());
    }
}
