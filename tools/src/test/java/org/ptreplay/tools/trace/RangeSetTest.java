package org.ptreplay.tools.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RangeSetTest {

    @Test
    void adjacentAndOverlappingRangesMerge() {
        RangeSet s = new RangeSet();
        s.add(0x1000, 0x3000);
        s.add(0x3000, 0x5000);   // adjacent above
        s.add(0x0000, 0x1000);   // adjacent below
        s.add(0x2000, 0x4000);   // inside: no new bytes
        assertEquals(1, s.size());
        assertEquals(0x5000, s.bytes());
        assertTrue(s.covers(0x0000, 0x5000));
    }

    @Test
    void removeSplitsARangeAndCountsOnlyWhatWasThere() {
        RangeSet s = new RangeSet();
        s.add(0x1000, 0x9000);              // 32K
        s.remove(0x3000, 0x4000);           // a hole of 4K in the middle
        s.remove(0x8000, 0xa000);           // the top 4K, and 4K that was never there
        assertEquals(2, s.size());
        assertEquals(0x8000 - 0x1000 - 0x1000, s.bytes());
        assertTrue(s.covers(0x1000, 0x3000));
        assertFalse(s.covers(0x2000, 0x5000), "the hole");
        assertFalse(s.covers(0x7000, 0x9000), "the removed top");
        assertTrue(s.covers(0x4000, 0x8000));
    }

    @Test
    void removeAcrossSeveralRanges() {
        RangeSet s = new RangeSet();
        s.add(0x1000, 0x2000);
        s.add(0x3000, 0x4000);
        s.add(0x5000, 0x7000);
        s.remove(0x1800, 0x6000);   // keeps [0x1000, 0x1800) and [0x6000, 0x7000)
        assertEquals(0x800 + 0x1000, s.bytes());
        assertEquals(2, s.size());
    }

    @Test
    void aCopyIsIndependent() {
        RangeSet s = new RangeSet();
        s.add(0, 0x2000);
        RangeSet c = s.copy();
        c.remove(0, 0x1000);
        assertEquals(0x2000, s.bytes());
        assertEquals(0x1000, c.bytes());
    }

    @Test
    void emptyRangesChangeNothing() {
        RangeSet s = new RangeSet();
        s.add(0x2000, 0x2000);
        s.add(0x3000, 0x1000);
        assertEquals(0, s.size());
        assertTrue(s.covers(0x5000, 0x5000));
        assertFalse(s.covers(0x5000, 0x5001));
    }

    @Test
    void coveredBytesCountsOnlyTheOverlap() {
        RangeSet s = new RangeSet();
        s.add(0x1000, 0x3000);
        s.add(0x5000, 0x6000);
        assertEquals(0x1000 + 0x1000, s.coveredBytes(0x2000, 0x8000), "the top half of the first, all of the second");
        assertEquals(0, s.coveredBytes(0x3000, 0x5000), "the gap");
        assertEquals(0x800, s.coveredBytes(0x1400, 0x1c00), "inside one range");
    }
}
