package org.ptreplay.tools.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class FormatTest {

    @Test
    void durationsPickAUnitAndThreeSignificantDigits() {
        // Picoseconds in.
        assertEquals("0 ns", Format.duration(0), "zero in the unit most figures have");
        assertEquals("1 ps", Format.duration(1));
        assertEquals("999 ps", Format.duration(999));
        assertEquals("1 ns", Format.duration(1_000));
        assertEquals("999 ns", Format.duration(999_000));
        assertEquals("1 µs", Format.duration(1_000_000));
        assertEquals("1.23 ms", Format.duration(1_234_567_000));
        assertEquals("2.04 ms", Format.duration(2_040_000_000));
        assertEquals("12.3 s", Format.duration(12_345_678_901_000L));
        assertEquals("-2.04 ms", Format.duration(-2_040_000_000));
        assertEquals("+2.04 ms", Format.signedDuration(2_040_000_000));
    }

    @Test
    void numbersIgnoreTheDefaultLocale() {
        Locale saved = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            assertEquals("1,234,567", Format.integer(1_234_567));
            assertEquals("+25,500", Format.signedInteger(25_500));
            assertEquals("12.3%", Format.percent(0.1234));
            assertEquals("0.42", Format.decimal(0.42));
            assertEquals("1,481", Format.decimal(1480.95));
            assertEquals("1200.00", Format.coord(1200));
        } finally {
            Locale.setDefault(saved);
        }
    }

    @Test
    void ratiosAndOddValues() {
        assertEquals("×4.98", Format.ratio(2_552_000 / 512_000.0));
        assertEquals("n/a", Format.decimal(Double.NaN));
        assertEquals("0", Format.decimal(0));
    }

    @Test
    void ticksLandOnOneTwoOrFiveTimesAPowerOfTen() {
        // 2.59 ms / 5 = 518 µs, rounded up to 1, 2 or 5 × 10^k: 1 ms steps, 3 ms top.
        assertEquals(new Ticks(1_000_000, 3_000_000), Ticks.of(2_590_000));
        // 2.4 ms / 5 = 480 µs: 500 µs steps, 2.5 ms top.
        assertEquals(new Ticks(500_000, 2_500_000), Ticks.of(2_400_000));
        // 4.3 ms / 5 = 860 µs: 1 ms steps up to 5 ms.
        assertEquals(new Ticks(1_000_000, 5_000_000), Ticks.of(4_300_000));
        assertEquals(List.of(0L, 1_000_000L, 2_000_000L, 3_000_000L, 4_000_000L, 5_000_000L), Ticks.of(4_300_000).values());
        assertEquals(new Ticks(1, 1), Ticks.of(0));
        assertEquals(new Ticks(1, 3), Ticks.of(3));
    }
}
