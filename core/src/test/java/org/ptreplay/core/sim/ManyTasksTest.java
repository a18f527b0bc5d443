package org.ptreplay.core.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ptreplay.core.value.SimResult;
import org.ptreplay.trace.Flags;
import org.ptreplay.trace.TraceEvent;

/**
 * Exits cost the exiting group, not the task table (issue 16, item 9): 100,000 threads created and
 * exited one by one were 10^10 table scans before; the timeout only guards against that return.
 */
class ManyTasksTest {
    private static final int THREADS = 100_000;

    @Test
    void oneHundredThousandThreadExitsAreLinear() {
        List<TraceEvent> events = new ArrayList<>();
        long flags = Flags.CLONE_VM | Flags.CLONE_THREAD;
        for (int i = 0; i < THREADS; i++) {
            events.add(new TraceEvent.Fork(1, 0, 2 + i, flags, 2 + i));
        }
        for (int i = 0; i < THREADS; i++) {
            events.add(new TraceEvent.Exit(2 + i, 0, 0, false));
        }
        // The group exit of pid 1 finds it alone and tears its mm down.
        events.add(new TraceEvent.Exit(1, 0, 0, true));
        Kernel k = new Kernel(SimConfig.builder(new TestArch()).build());
        SimResult r = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> k.replay(events));
        assertEquals(2L * THREADS + 1, r.events());
        assertTrue(r.divergences().isEmpty(), r.divergences().toString());
        assertEquals(1 + 512, r.residentPages(), "every mm torn down: only the zero pages remain");
    }

    @Test
    void aGroupExitTakesEveryThreadOfTheGroupAndNoOther() {
        long thread = Flags.CLONE_VM | Flags.CLONE_THREAD;
        List<TraceEvent> events = List.of(
                new TraceEvent.Fork(1, 0, 2, thread, 2),
                new TraceEvent.Fork(1, 0, 3, 0, 3),
                new TraceEvent.Fork(3, 0, 4, thread, 4),
                new TraceEvent.Exit(2, 0, 0, true));
        Kernel k = new Kernel(SimConfig.builder(new TestArch()).build());
        k.replay(events);
        // Group 1 (pids 1 and 2) is gone, so pid 2 is free again; group 3 (pids 3 and 4) lives, so 4 is not.
        assertEquals(2, k.apply(4, new TraceEvent.Fork(5, 0, 2, 0, TraceEvent.UNKNOWN_RESULT)));
        assertEquals(-22, k.apply(5, new TraceEvent.Fork(5, 0, 4, 0, TraceEvent.UNKNOWN_RESULT)));
    }
}
