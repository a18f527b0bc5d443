package org.ptreplay.tools.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ToleranceTest {

    @Test
    void exactAcceptsOnlyTheSameNumber() {
        Tolerance t = Tolerance.exact();
        assertTrue(t.accepts(16, 16));
        assertFalse(t.accepts(16, 16.0000001));
        assertEquals("0", t.formatError(16, 16));
        assertEquals("-1.00000", t.formatError(16, 15));
    }

    @Test
    void absoluteBandIncludesItsEdges() {
        Tolerance t = Tolerance.ratio();
        assertTrue(t.accepts(0.567, 0.617));
        assertTrue(t.accepts(0.567, 0.517));
        assertFalse(t.accepts(0.567, 0.6171));
        assertEquals("+0.050", t.formatError(0.567, 0.617));
        assertEquals("±0.05", t.describe());
    }

    @Test
    void relativeBandIsAFractionOfThePublishedValue() {
        Tolerance t = Tolerance.speedUp();
        assertTrue(t.accepts(20, 25));
        assertTrue(t.accepts(20, 15));
        assertFalse(t.accepts(20, 25.1));
        assertEquals("-50.0%", t.formatError(20, 10));
        assertEquals("±25%", t.describe());
    }

    @Test
    void bandsMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new Tolerance.Absolute(0));
        assertThrows(IllegalArgumentException.class, () -> new Tolerance.Relative(-0.1));
    }
}
