package org.ptreplay.core.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.ptreplay.core.value.FaultFallbacks;
import org.ptreplay.core.value.SimResult;
import org.ptreplay.core.value.ThpSpec;
import org.ptreplay.spi.ops.Primitive;
import org.ptreplay.trace.TraceEvent;

/** The mTHP and PMD THP fallbacks in a 4 MiB machine; counts derived in fixtures/fault-fallback.txt. */
class FaultFallbackTest {
    private static final ThpSpec THP = ThpSpec.parse("enabled=always,1M=always,64K=always");

    private static Kernel kernel(long physMemBytes) {
        return new Kernel(SimConfig.builder(new TestArch()).thp(THP).physMemBytes(physMemBytes).build());
    }

    private static List<TraceEvent> firstEvents(int n) {
        return TextFixtures.load("fault-fallback").subList(0, n);
    }

    @Test
    void largeFoliosFallBackOrderByOrderWhenTheBuddyHasNoBlock() {
        SimResult r = kernel(4L << 20).replay(firstEvents(5));
        assertTrue(r.divergences().isEmpty(), r.divergences().toString());
        assertEquals(new FaultFallbacks(1, 2), r.fallbacks());
        // Folios: one 1M, fifteen 64K, one 4K: 17 allocations, 256 + 240 + 1 pages faulted.
        assertEquals(256 + 15 * 16 + 1, r.entries().faulted());
        assertEquals(17, r.ledger().syscalls().get("touch").counts().get(Primitive.MEMCG), "one charge per folio");
        assertEquals(1 + 512 + 1 + 3 + 256 + 240 + 1, r.residentPages(), "zero, huge zero, tables, folios");
    }

    @Test
    void unboundedMemoryNeverFallsBack() {
        SimResult r = kernel(Long.MAX_VALUE).replay(TextFixtures.load("fault-fallback"));
        assertEquals(new FaultFallbacks(0, 0), r.fallbacks());
        assertEquals(1, r.entries().faulted(), "one PMD leaf maps the whole 2M");
    }

    @Test
    void anOrder0FailureStopsTheReplayWithOneSentence() {
        Kernel k = kernel(4L << 20);
        ReplayException e = assertThrows(ReplayException.class, () -> k.replay(TextFixtures.load("fault-fallback")));
        assertEquals("Event 5 (touch of pid 1) needs more memory than the cell has: simulated physical memory of 4 MiB"
                + " has no free block of order 0 left (the model has no reclaim and no OOM killer).",
                e.getMessage());
    }
}
