package org.ptreplay.core.cost;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.TreeSet;

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

    /** tiny-x86 with the pair-line prefetcher and a stream prefetcher of {@code degree} lines (0: none). */
    private static CacheHierarchy pairLines(int degree) {
        return new CacheHierarchy(Fixtures.tinyX86PairLines(degree).proto().getMemory(), true, true);
    }

    @Test
    void aMissFetchesItsPairLineIntoL2AndNotL1() {
        CacheHierarchy cache = pairLines(0);
        // pfn 40 is line 2k of the vmemmap: its 128-byte pair is pfn 41's line, which comes into L2 only.
        long line41 = (VMEMMAP >>> 6) + 41;
        assertEquals(MEMORY, cache.access(VMEMMAP + 64L * 40));
        assertFalse(cache.contents(L1).containsKey(line41));
        assertTrue(cache.contents(L2).containsKey(line41));
        assertEquals(L2, cache.access(VMEMMAP + 64L * 41));
        // An odd line's pair is the line below it.
        assertEquals(MEMORY, cache.access(VMEMMAP + 64L * 45));
        assertEquals(L2, cache.access(VMEMMAP + 64L * 44));
        assertArrayEquals(new long[] {0, 2, 2}, cache.served());
    }

    @Test
    void anL2HitFetchesNoPairLine() {
        CacheHierarchy cache = pairLines(0);
        // Line 0x1000 alone through a stream (streams call for no pairs), then out of L1: four more
        // lines of its L1 set (line mod 8) miss and take the set's four ways. It stays in L2.
        long x = 0x1000L;
        cache.stream(x << 6, 64);
        for (long other = x + 8; other <= x + 32; other += 8) {
            assertEquals(MEMORY, cache.access(other << 6));
        }
        assertEquals(L2, cache.access(x << 6));
        // Found in L2, it was not fetched into it: its pair is not asked for.
        assertFalse(cache.contents(L2).containsKey(x + 1));
        assertEquals(MEMORY, cache.access((x + 1) << 6));
    }

    @Test
    void aLineTheStreamerFetchesBringsItsPairToo() {
        // Degree 3: pfn 0 misses (its pair, pfn 1, comes into L2); pfn 1 hits L2 and confirms the
        // ascending stream, which asks for pfns 2, 3 and 4. pfn 2 comes with its pair 3; pfn 4 with 5.
        CacheHierarchy cache = pairLines(3);
        assertEquals(MEMORY, cache.access(VMEMMAP));
        assertEquals(L2, cache.access(VMEMMAP + 64));
        assertEquals(Set.of(0L, 1L, 2L, 3L, 4L, 5L), pfns(cache, L2));
        assertEquals(Set.of(0L, 1L), pfns(cache, L1));
        // The same without pair lines: pfn 1 misses too, and the stream brings 2, 3 and 4.
        var memory = Fixtures.tinyX86PairLines(3).proto().getMemory().toBuilder();
        memory.getPrefetcherBuilder().setPairLines(false);
        CacheHierarchy plain = new CacheHierarchy(memory.build(), true, true);
        assertEquals(MEMORY, plain.access(VMEMMAP));
        assertEquals(MEMORY, plain.access(VMEMMAP + 64));
        assertEquals(Set.of(0L, 1L, 2L, 3L, 4L), pfns(plain, L2));
    }

    @Test
    void withoutPairLinesThePairOfAMissIsNotFetched() {
        // tiny-x86 as it is (pair_lines off), its stream prefetcher forced on.
        CacheHierarchy cache = cache(true);
        assertEquals(MEMORY, cache.access(VMEMMAP + 64L * 40));
        assertFalse(cache.contents(L2).containsKey((VMEMMAP >>> 6) + 41));
        assertEquals(MEMORY, cache.access(VMEMMAP + 64L * 41));
    }

    /** The pfns whose struct page lines level {@code k} holds. */
    private static Set<Long> pfns(CacheHierarchy cache, int k) {
        Set<Long> pfns = new TreeSet<>();
        for (long line : cache.contents(k).keySet()) {
            pfns.add(line - (VMEMMAP >>> 6));
        }
        return pfns;
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
