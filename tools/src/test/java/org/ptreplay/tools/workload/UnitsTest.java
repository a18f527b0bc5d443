package org.ptreplay.tools.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class UnitsTest {

    @Test
    void sizesTakeBinaryUnitsInAnyCase() {
        assertEquals(OptionalLong.of(4096), Units.parseSize("4096"));
        assertEquals(OptionalLong.of(64L << 10), Units.parseSize("64K"));
        assertEquals(OptionalLong.of(64L << 10), Units.parseSize("64kib"));
        assertEquals(OptionalLong.of(64L << 10), Units.parseSize("64KB"));
        assertEquals(OptionalLong.of(1L << 20), Units.parseSize("1m"));
        assertEquals(OptionalLong.of(1L << 30), Units.parseSize("1G"));
        assertEquals(OptionalLong.of(2L << 40), Units.parseSize("2T"));
    }

    @Test
    void malformedOrOverflowingSizesAreRefused() {
        for (String bad : new String[] {"", "G", "1Q", "-1", "1.5G", "1 G", "1GG", "8589934592G", "1B"}) {
            assertTrue(Units.parseSize(bad).isEmpty(), bad);
        }
    }

    @Test
    void countsAreDigitsOnly() {
        assertEquals(OptionalLong.of(10000), Units.parseCount("10000"));
        assertTrue(Units.parseCount("1e4").isEmpty());
        assertTrue(Units.parseCount("10K").isEmpty());
        assertTrue(Units.parseCount("99999999999999999999").isEmpty());
    }

    @Test
    void sizesPrintInTheirShortestExactForm() {
        assertEquals("1G", Units.formatSize(1L << 30));
        assertEquals("64K", Units.formatSize(64L << 10));
        assertEquals("1025K", Units.formatSize(1025L << 10));
        assertEquals("4100", Units.formatSize(4100));
        assertEquals("0", Units.formatSize(0));
    }
}
