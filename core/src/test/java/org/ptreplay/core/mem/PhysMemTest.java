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

    @Test
    void doubleFreeIsRefused() {
        PhysMem m = new PhysMem(12, 9, Placement.SEQUENTIAL, 1);
        long a = m.alloc(0, PhysMem.KIND_ANON);
        m.free(a);
        assertThrows(IllegalStateException.class, () -> m.free(a));
    }
}
