package org.ptreplay.core.cost;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.ptreplay.core.profile.proto.Memory;

/**
 * {@link CacheHierarchy#recordL1Hits} against the same hits made one by one, on tiny-x86 (L1 =
 * 8 sets x 4 ways): lines 0, 8, 16, 24, 32 share L1 set 0, so which of A = 0 and B = 8 a fifth
 * line evicts depends on the stamps the run left. Results: 0 = L1, 1 = L2, 2 = memory.
 */
class L1RunsTest {
    private static final long A = 0;
    private static final long B = 8 * 64;

    @Test
    void aRunLeavesTheStampsTheSingleAccessesLeave() {
        CacheHierarchy single = new CacheHierarchy(Fixtures.tinyX86().proto().getMemory(), false, true);
        CacheHierarchy batched = new CacheHierarchy(Fixtures.tinyX86().proto().getMemory(), false, true);
        for (CacheHierarchy c : new CacheHierarchy[] {single, batched}) {
            c.access(A);
            c.access(B);
        }
        // B, A, A: A ends most recent, though B was before the run.
        single.access(B);
        single.access(A);
        single.access(A);
        assertTrue(batched.l1Resident(A) && batched.l1Resident(B));
        batched.recordL1Hits(new long[] {A, B}, new int[] {3, 1}, 3);
        for (CacheHierarchy c : new CacheHierarchy[] {single, batched}) {
            c.access(16 * 64);
            c.access(24 * 64);
            // The fifth line of set 0 evicts the least recent: B.
            c.access(32 * 64);
        }
        assertEquals(0, batched.access(A));
        assertEquals(1, batched.access(B));
        assertEquals(0, single.access(A));
        assertEquals(1, single.access(B));
        assertArrayEquals(single.served(), batched.served());
    }

    @Test
    void noRunsWhenThePrefetcherTrainsOnL1Hits() {
        Memory m = Fixtures.tinyArm64().proto().getMemory();
        // tiny-arm64's prefetcher fills L1: an L1 hit trains it, so a hit is not just a stamp.
        CacheHierarchy c = new CacheHierarchy(m, true, true);
        c.access(A);
        assertFalse(c.l1Resident(A));
        CacheHierarchy off = new CacheHierarchy(m, false, true);
        off.access(A);
        assertTrue(off.l1Resident(A));
    }
}
