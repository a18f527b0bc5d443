package org.ptreplay.core.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ptreplay.trace.TraceEvent;
import org.ptreplay.core.value.Divergence;
import org.ptreplay.core.value.SimResult;

/**
 * Bad sequences: traces whose recorded results the model cannot reproduce. A lax replay reports
 * exactly one divergence at a known event and goes on to the end; a strict one stops there with
 * the same sentence. The fixtures' comments say why the model answers as it does.
 */
class DivergenceFixturesTest {

    @ParameterizedTest
    @CsvSource({
        "mremap-unmapped,       3, mremap result,                         0x4000100000, -14",
        "touch-after-munmap,    2, touch pages without access (SIGSEGV),  0,             2",
        "mprotect-beyond-mapping, 1, mprotect result,                     0,           -12"})
    void oneDivergenceAtTheKnownEvent(String fixture, long index, String what, String recorded, long model) {
        List<TraceEvent> events = TextFixtures.load(fixture);
        SimResult r = new Kernel(SimConfig.builder(new TestArch()).build()).replay(events);
        Divergence expected = new Divergence(index, what, Long.decode(recorded), model);
        assertEquals(List.of(expected), r.divergences());
        assertEquals(events.size(), r.events(), "a lax replay goes on to the end");

        Kernel strict = new Kernel(SimConfig.builder(new TestArch()).strict(true).build());
        ReplayException e = assertThrows(ReplayException.class, () -> strict.replay(events));
        assertEquals(index, e.eventIndex());
        assertEquals("Stopped at the first divergence (strict): " + expected.describe(), e.getMessage());
        assertEquals(index + 1, strict.result().events(), "nothing after the divergent event was applied");
    }
}
