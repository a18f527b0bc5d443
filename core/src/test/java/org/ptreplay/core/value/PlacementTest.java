package org.ptreplay.core.value;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PlacementTest {
    @Test
    void theSpellingsReadBack() {
        assertEquals(Placement.SEQUENTIAL, Placement.parse("sequential"));
        assertEquals(Placement.SCATTERED, Placement.parse("Scattered"));
        assertEquals(new Placement(0.5), Placement.parse("aged"));
        assertEquals(new Placement(0.25), Placement.parse("aged:0.25"));
        for (String s : new String[] {"sequential", "scattered", "aged:0.5", "aged:0.25", "aged:0.125"}) {
            assertEquals(s, Placement.parse(s).label());
        }
        assertEquals("aged:0.5", Placement.DEFAULT.label());
    }

    @Test
    void badSpellingsSayWhatIsAccepted() {
        for (String bad : new String[] {"aged:1.5", "aged:-0.1", "aged:x", "aged:", "random", "aged:NaN"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Placement.parse(bad));
            assertEquals("placement must be sequential, scattered, aged or aged:FRACTION with a FRACTION from 0 to 1,"
                    + " not '" + bad + "'", e.getMessage());
        }
    }
}
