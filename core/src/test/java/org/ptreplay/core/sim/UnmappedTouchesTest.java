package org.ptreplay.core.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.ptreplay.core.value.SimResult;
import org.ptreplay.core.value.UnmappedTouches;
import org.ptreplay.trace.Flags;
import org.ptreplay.trace.TraceEvent;

/** Faults on exec-mapped memory in a perf recording are unmapped_touches, not divergences (issue 16, item 2). */
class UnmappedTouchesTest {
    private static final long A = 0x4000_0000L;

    /** 2 pages of a read-only mapping written (no permission), then 3 pages of the image (no VMA) read. */
    private static final List<TraceEvent> EVENTS = List.of(
            new TraceEvent.Mmap(1, 0, A, 8192, Flags.PROT_READ, Flags.MAP_PRIVATE | Flags.MAP_ANONYMOUS, -1, 0, A),
            new TraceEvent.Touch(1, 0, A, 8192, true),
            new TraceEvent.Touch(1, 0, 0x5555_5555_0000L, 3 * 4096, false));

    private static SimResult replay(boolean realFaults) {
        Kernel k = new Kernel(SimConfig.builder(new TestArch()).build());
        k.realFaults(realFaults);
        return k.replay(EVENTS);
    }

    @Test
    void inARecordingOfRealFaultsOnlyThePermissionFaultDiverges() {
        SimResult r = replay(true);
        assertEquals(new UnmappedTouches(1, 3), r.unmappedTouches());
        assertEquals(1, r.divergences().size(), r.divergences().toString());
        assertEquals(1, r.divergences().get(0).eventIndex());
        assertEquals(2, r.divergences().get(0).model());
    }

    @Test
    void elsewhereBothAreDivergences() {
        SimResult r = replay(false);
        assertEquals(UnmappedTouches.NONE, r.unmappedTouches());
        assertEquals(2, r.divergences().size(), r.divergences().toString());
        assertEquals(3, r.divergences().get(1).model());
    }
}
