package org.ptreplay.core.mem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.ptreplay.core.value.Placement;

class PhysMemTest {
    @Test
    void foliosAreNaturallyAlignedAndBuddiesMerge() {
        PhysMem m = new PhysMem(12, 9, Placement.SEQUENTIAL, 1);
        long a = m.alloc(0, PhysMem.KIND_ANON);
        long b = m.alloc(4, PhysMem.KIND_ANON);
        assertEquals(0, b % 16);
        assertEquals(b, m.head(b + 7));
        assertEquals(4, m.order(b + 7));
        m.free(a);
        m.free(b);
        assertEquals(0, m.allocatedPages());
        // Everything merged back: a fresh order-9 block comes from the same place.
        assertEquals(0, m.alloc(9, PhysMem.KIND_ANON));
    }

    @Test
    void scatteredOrderZeroPagesAreDistinctAndNotConsecutive() {
        PhysMem m = new PhysMem(12, 9, Placement.SCATTERED, 42);
        Set<Long> seen = new HashSet<>();
        long prev = m.alloc(0, PhysMem.KIND_ANON);
        seen.add(prev);
        int consecutive = 0;
        for (int i = 0; i < 1000; i++) {
            long p = m.alloc(0, PhysMem.KIND_ANON);
            if (p == prev + 1) consecutive++;
            assertEquals(true, seen.add(p));
            prev = p;
        }
        assertEquals(0, consecutive);
        // Deterministic per seed, different across seeds.
        assertEquals(new PhysMem(12, 9, Placement.SCATTERED, 42).alloc(0, PhysMem.KIND_ANON),
                new PhysMem(12, 9, Placement.SCATTERED, 42).alloc(0, PhysMem.KIND_ANON));
        assertNotEquals(new PhysMem(12, 9, Placement.SCATTERED, 42).alloc(0, PhysMem.KIND_ANON),
                new PhysMem(12, 9, Placement.SCATTERED, 7).alloc(0, PhysMem.KIND_ANON));
    }

    /**
     * aged:0.5 on 10,000 fresh order-0 allocations: a seeded draw per allocation scatters about
     * half of them, the others take the next pfn of the block being split. Two allocations in a
     * row are then pfn neighbours when both were sequential, about a quarter of the time (against
     * always for sequential placement).
     */
    @Test
    void agedPlacementScattersItsFractionAndKeepsTheRestSequential() {
        assertEquals(1.0, neighbours(Placement.SEQUENTIAL), 0.001);
        assertEquals(0.25, neighbours(Placement.parse("aged:0.5")), 0.02);
        assertEquals(0.0, neighbours(Placement.SCATTERED), 0.001);
        // Same seed, same pfns; sequential and scattered are the two ends.
        assertEquals(pfns(Placement.parse("aged:0.5"), 7, 100), pfns(Placement.parse("aged:0.5"), 7, 100));
        assertEquals(pfns(Placement.SEQUENTIAL, 7, 100), pfns(Placement.parse("aged:0"), 7, 100));
        assertEquals(pfns(Placement.SCATTERED, 7, 100), pfns(Placement.parse("aged:1"), 7, 100));
    }

    @Test
    void aFreedPageIsReusedWhateverThePlacement() {
        PhysMem m = new PhysMem(12, 9, Placement.SCATTERED, 3);
        long a = m.alloc(0, PhysMem.KIND_ANON);
        m.alloc(0, PhysMem.KIND_ANON);
        m.free(a);
        assertEquals(a, m.alloc(0, PhysMem.KIND_ANON));
    }

    /** The share of 10,000 consecutive order-0 allocations whose pfn follows the one before. */
    private static double neighbours(Placement placement) {
        java.util.List<Long> p = pfns(placement, 1, 10_000);
        int n = 0;
        for (int i = 1; i < p.size(); i++) {
            n += p.get(i) == p.get(i - 1) + 1 ? 1 : 0;
        }
        return n / (double) (p.size() - 1);
    }

    private static java.util.List<Long> pfns(Placement placement, long seed, int n) {
        PhysMem m = new PhysMem(12, 9, placement, seed);
        java.util.List<Long> out = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(m.alloc(0, PhysMem.KIND_ANON));
        }
        return out;
    }

    @Test
    void doubleFreeIsRefused() {
        PhysMem m = new PhysMem(12, 9, Placement.SEQUENTIAL, 1);
        long a = m.alloc(0, PhysMem.KIND_ANON);
        m.free(a);
        assertThrows(IllegalStateException.class, () -> m.free(a));
    }
}
