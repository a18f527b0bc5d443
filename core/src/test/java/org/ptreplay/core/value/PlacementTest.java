package org.ptreplay.core.value;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class PlacementTest {
    @Test
    void theSpellingsReadBack() {
        assertEquals(Placement.SEQUENTIAL, Placement.parse("sequential"));
        assertEquals(Placement.SCATTERED, Placement.parse("Scattered"));
        assertEquals(new Placement.Fraction(0.5), Placement.parse("aged"));
        assertEquals(new Placement.Fraction(0.25), Placement.parse("aged:0.25"));
        assertEquals(new Placement.Buddy(BuddyInfo.MEASURED), Placement.parse("buddy"));
        assertEquals(new Placement.Buddy(BuddyInfo.MEASURED.fresh()), Placement.parse("Buddy:fresh"));
        assertEquals(List.of(0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 5376L), BuddyInfo.MEASURED.fresh().nrFree());
        for (String s : new String[] {"sequential", "scattered", "aged:0.5", "aged:0.25", "aged:0.125", "buddy",
                "buddy:fresh", "buddy:100,50,25,0,0,0,0,0,0,0,1000"}) {
            assertEquals(s, Placement.parse(s).label());
        }
        assertEquals("buddy", Placement.DEFAULT.label());
    }

    @Test
    void freeBlocksPerOrderReadAsBuddyinfoListsThem() {
        Placement.Buddy p = (Placement.Buddy) Placement.parse("buddy:3, 2, 1");
        assertEquals(List.of(3L, 2L, 1L), p.free().nrFree());
        assertEquals(2, p.free().topOrder());
        // The measured zone and per-CPU list settings, an empty per-CPU list.
        assertEquals(BuddyInfo.MEASURED.zonePages(), p.free().zonePages());
        assertEquals(0, p.free().pcpCount());
        assertEquals(BuddyInfo.MEASURED.pcpBatch(), p.free().pcpBatch());
    }

    @Test
    void freeBlocksThatCannotFitTheZoneAreRefusedWithTheirArithmetic() {
        // A zone of 16 pages is two order-3 blocks; one is free, and 5 order-0 pages need two
        // blocks at 4 odd pfns each.
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new BuddyInfo(16, List.of(5L, 0L, 0L, 1L), 0, 1, 1));
        assertEquals("these free blocks do not fit a zone of 16 pages: laid out as docs/kernel-model.md §10 says they"
                + " need 3 blocks of order 3, the zone has 2", e.getMessage());
    }

    @Test
    void badSpellingsSayWhatIsAccepted() {
        for (String bad : new String[] {"aged:1.5", "aged:-0.1", "aged:x", "aged:", "random", "aged:NaN", "buddy:", "buddy:1,x",
                "buddy:7", "buddy:-1,2", "buddy:99999999,0,0,0,0,0,0,0,0,0,1"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Placement.parse(bad));
            assertEquals("placement must be buddy, buddy:fresh, buddy:N0,N1,... (free blocks per order), sequential,"
                    + " scattered, aged or aged:FRACTION with a FRACTION from 0 to 1, not '" + bad + "'", e.getMessage());
        }
    }
}
