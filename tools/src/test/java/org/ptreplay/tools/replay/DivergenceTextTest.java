package org.ptreplay.tools.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.ptreplay.core.value.Divergence;

class DivergenceTextTest {

    @Test
    void errorsAreNamedAndTheRelroMprotectIsExpected() {
        // examples/traces/python-list.strace, event 29: ld.so's mprotect(..., PROT_READ) of its RELRO.
        Divergence relro = new Divergence(29, "mprotect result", 0, -12);
        assertTrue(DivergenceText.expected(relro));
        assertEquals("event 29: mprotect result was 0x0 in the trace but -ENOMEM in the model. Expected: ld.so's RELRO"
                + " mprotect on memory execve mapped, which the trace does not show.", DivergenceText.describe(relro));
        Divergence munmap = new Divergence(3, "munmap result", -22, 0);
        assertFalse(DivergenceText.expected(munmap));
        assertEquals("event 3: munmap result was -EINVAL in the trace but 0x0 in the model.", DivergenceText.describe(munmap));
        // An mprotect that failed differently is not the known case.
        assertFalse(DivergenceText.expected(new Divergence(5, "mprotect result", 0, -13)));
    }
}
