package org.ptreplay.tools.compare;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class PairingTest {

    @Test
    void theGroupIsTheArchWithItsOptionsAndTheProfile() {
        assertEquals("arm64:granule=64k/ampere-altra", Pairing.group("arm64:granule=64k/linux-6.17/ampere-altra", "arm64", "ampere-altra"));
        // A strategy argument with overrides holds a '/'.
        assertEquals("x86/generic-x86", Pairing.group("x86/linux-6.16+move-ptes/folio-batch/generic-x86", "x86", "generic-x86"));
        assertEquals("x86/p", Pairing.group("", "x86", "p"));
    }

    @Test
    void eachCellIsComparedWithTheFirstOfItsGroup() {
        assertArrayEquals(new int[] {0, 0, 2, 2, 4}, Pairing.baselines(List.of("x/a", "x/a", "y/a", "y/a", "x/b")));
        assertEquals(true, Pairing.leadsOthers(new int[] {0, 0, 2}, 0));
        assertEquals(false, Pairing.leadsOthers(new int[] {0, 0, 2}, 2));
    }

    @Test
    void theBaselineGoesFirstOnce() {
        assertEquals(List.of("b", "a", "c"), Pairing.baselineFirst("b", List.of("a", "b", "c")));
        assertEquals(List.of("z", "a"), Pairing.baselineFirst("z", List.of("a")));
        assertEquals(List.of("a", "b"), Pairing.baselineFirst(null, List.of("a", "b")));
    }
}
