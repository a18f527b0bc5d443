package org.ptreplay.core.mem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ptreplay.core.value.BuddyInfo;
import org.ptreplay.core.value.Placement;

/**
 * The page allocator of the {@code buddy} placement on tiny zones whose pfn sequences are derived
 * by hand from docs/kernel-model.md §10: blocks of order 3 (8 pages) are the largest, the per-CPU
 * list moves {@code batch} pages at a time.
 */
class BuddyPlacementTest {
    /** One free order-3 block (a zone of 8 pages, freshly booted), batch 3, high 4; PMD order 3. */
    private static PhysMem fresh8() {
        return new PhysMem(12, 3, new Placement.Buddy(new BuddyInfo(8, List.of(0L, 0L, 0L, 1L), 0, 3, 4)), 1);
    }

    /**
     * Refill 1 splits the block at 0 ({@code expand} leaves 4 on the order-2 list, 2 on order 1, 1
     * on order 0) and takes 0, then 1 (order 0), then 2 (order 1, leaving 3): the list is 0, 1, 2.
     * Refill 2 takes 3, then 4 (order 2, leaving 6 and 5), then 5. Refill 3 takes 6 (leaving 7)
     * and 7, then the zone is used up and fresh memory starts above it, at 8.
     */
    @Test
    void aRefillSplitsTheSmallestBlockAndHandsOutAscendingPfns() {
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L), allocate(fresh8(), 10));
    }

    /** Freed pages go to the head of the per-CPU list: the next allocations take them back in reverse. */
    @Test
    void freedPagesComeBackLastFreedFirst() {
        PhysMem m = fresh8();
        allocate(m, 3);
        m.free(0);
        m.free(1);
        m.free(2);
        assertEquals(List.of(2L, 1L, 0L), allocate(m, 3));
    }

    /**
     * After pages 0…5 are handed out (two refills), the buddy lists hold only 6 at order 1.
     * Freeing 0, 1, 2, 3 puts the list at 3, 2, 1, 0: four pages reach {@code high}, so the
     * three oldest go back from the tail. 0 finds its buddy 1 in use and waits at order 0; 1
     * merges with it to an order-1 block at 0, whose buddy 2 is on the per-CPU list; 2's buddy 3
     * is on the list too. The list keeps 3. Then: 3 from the list, and a refill takes 2 (order 0),
     * 0 (order 1, leaving 1) and 1.
     */
    @Test
    void aListAtHighGivesItsOldestPagesBackToTheBuddyListsWhereTheyMerge() {
        PhysMem m = fresh8();
        allocate(m, 6);
        for (long p = 0; p < 4; p++) {
            m.free(p);
        }
        assertEquals(List.of(3L, 2L, 0L, 1L), allocate(m, 4));
    }

    /**
     * Two free order-0 pages somewhere in a zone of four order-3 blocks, one of which is free: the
     * refill takes both single pages before it splits the free block, and they lie at odd pfns
     * outside it (their buddies, the even pfns below, are in use).
     */
    @Test
    void aScatteredPoolOfSinglePagesIsUsedBeforeALargeBlockIsSplit() {
        PhysMem m = new PhysMem(12, 3, new Placement.Buddy(new BuddyInfo(32, List.of(2L, 0L, 0L, 1L), 0, 3, 64)), 5);
        List<Long> pfns = allocate(m, 10);
        long a = pfns.get(0);
        long b = pfns.get(1);
        long block = pfns.get(2);
        assertEquals(1, a % 2);
        assertEquals(1, b % 2);
        assertNotEquals(a, b);
        assertEquals(0, block % 8);
        assertTrue(block + 8 <= 32, "the free block lies in the zone");
        assertTrue(a / 8 != block / 8 && b / 8 != block / 8, "single pages lie outside the free block");
        for (int i = 0; i < 8; i++) {
            assertEquals(block + i, pfns.get(2 + i));
        }
    }

    /** Pages already on the per-CPU list at the start come before anything from the buddy lists. */
    @Test
    void pagesOnThePerCpuListAtTheStartComeFirst() {
        PhysMem m = new PhysMem(12, 3, new Placement.Buddy(new BuddyInfo(32, List.of(0L, 0L, 0L, 1L), 2, 3, 64)), 5);
        List<Long> pfns = allocate(m, 4);
        assertEquals(1, pfns.get(0) % 2);
        assertEquals(1, pfns.get(1) % 2);
        assertEquals(0, pfns.get(2) % 8);
        assertEquals(pfns.get(2) + 1, pfns.get(3));
    }

    /** A large folio takes the smallest free block that fits, whole, before splitting a larger one. */
    @Test
    void aLargeFolioTakesTheSmallestFreeBlockThatFits() {
        PhysMem m = new PhysMem(12, 3, new Placement.Buddy(new BuddyInfo(32, List.of(0L, 0L, 1L, 1L), 0, 3, 64)), 9);
        long folio = m.alloc(2, PhysMem.KIND_ANON);
        assertEquals(2, m.lastAllocFrom());
        assertEquals(4, folio % 8, "an order-2 free block lies at an odd multiple of 4");
        m.alloc(2, PhysMem.KIND_ANON);
        assertEquals(3, m.lastAllocFrom(), "the next one splits the order-3 block");
        m.free(folio);
        assertEquals(2, m.lastFreeTo(), "its buddy is in use: no merge");
    }

    @Test
    void theSameSeedGivesTheSamePfnsAndAnotherSeedOthers() {
        assertEquals(allocate(measured(7), 2000), allocate(measured(7), 2000));
        assertNotEquals(allocate(measured(7), 100), allocate(measured(8), 100));
    }

    /**
     * The measured machine: the 11,494 pages on the per-CPU list and the 1,234 free order-0 pages
     * come first, one at a time from all over the zone; then the 179 order-1 blocks (pairs of
     * neighbours), the 321 order-2 blocks, and so on.
     */
    @Test
    void theMeasuredMachineHandsOutSinglePagesThenEverLongerRuns() {
        List<Long> pfns = allocate(measured(1), 11_494 + 1_234 + 2 * 179 + 4 * 321);
        int singles = 11_494 + 1_234;
        assertEquals(0, neighbours(pfns.subList(0, singles)), 3);
        List<Long> pairs = pfns.subList(singles, singles + 2 * 179);
        for (int i = 0; i < pairs.size(); i += 2) {
            assertEquals(pairs.get(i) + 1, pairs.get(i + 1));
            assertEquals(0, pairs.get(i) % 2);
        }
        List<Long> quads = pfns.subList(singles + 2 * 179, pfns.size());
        for (int i = 0; i < quads.size(); i += 4) {
            assertEquals(List.of(quads.get(i), quads.get(i) + 1, quads.get(i) + 2, quads.get(i) + 3),
                    quads.subList(i, i + 4));
        }
    }

    private static PhysMem measured(long seed) {
        return new PhysMem(12, 9, new Placement.Buddy(BuddyInfo.MEASURED), seed);
    }

    private static int neighbours(List<Long> pfns) {
        int n = 0;
        for (int i = 1; i < pfns.size(); i++) {
            n += Math.abs(pfns.get(i) - pfns.get(i - 1)) == 1 ? 1 : 0;
        }
        return n;
    }

    private static List<Long> allocate(PhysMem m, int n) {
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(m.alloc(0, PhysMem.KIND_ANON));
        }
        return out;
    }
}
