package org.ptreplay.core.mem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.BitSet;
import org.junit.jupiter.api.Test;
import org.ptreplay.core.value.BuddyInfo;

class FreeLayoutTest {
    /**
     * Every free block of the measured machine, and every page on its per-CPU list: inside the
     * zone, naturally aligned, no page free twice, and no block whose buddy holds a free page (it
     * would have merged).
     */
    @Test
    void theMeasuredFreeMemoryIsABuddyAllocatorsFreeMemory() {
        BuddyInfo info = BuddyInfo.MEASURED;
        FreeLayout layout = new FreeLayout(info, 3);
        assertEquals(5376L * 1024, layout.endPfn());
        BitSet free = new BitSet();
        long pages = 0;
        for (int o = 0; o <= layout.topOrder(); o++) {
            for (long i = 0; i < layout.count(o); i++) {
                pages += mark(free, layout.pfn(o, i), o, layout.endPfn());
            }
        }
        for (long i = 0; i < layout.pcpCount(); i++) {
            pages += mark(free, layout.pcpPfn(i), 0, layout.endPfn());
        }
        assertEquals(pages, free.cardinality(), "no page is free twice");
        assertEquals(517_708 + 1452L * 1024 + 11_494, pages);
        for (int o = 0; o < layout.topOrder(); o++) {
            for (long i = 0; i < layout.count(o); i++) {
                long buddy = layout.pfn(o, i) ^ (1L << o);
                assertEquals(-1, free.nextSetBit((int) buddy) < buddy + (1L << o) ? 0 : -1,
                        "the buddy of an order-" + o + " block holds no free page");
            }
        }
    }

    @Test
    void consecutiveSinglePagesComeFromAllOverTheZone() {
        FreeLayout layout = new FreeLayout(BuddyInfo.MEASURED, 3);
        BitSet blocks = new BitSet();
        for (long i = 0; i < 1000; i++) {
            blocks.set((int) (layout.pcpPfn(i) >> 10));
        }
        // 11,494 + 1,234 single pages at 512 a block need 25 blocks; their share of the zone's
        // 3,924 non-free blocks is 48, and a thousand of them fall into nearly all of those.
        assertTrue(blocks.cardinality() > 40, "single pages from " + blocks.cardinality() + " blocks");
        assertFalse(layout.pcpPfn(0) + 1 == layout.pcpPfn(1));
    }

    private static long mark(BitSet free, long pfn, int order, long end) {
        long n = 1L << order;
        assertEquals(0, pfn % n, "naturally aligned");
        assertTrue(pfn >= 0 && pfn + n <= end, "inside the zone");
        free.set((int) pfn, (int) (pfn + n));
        return n;
    }
}
