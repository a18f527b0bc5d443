package org.ptreplay.core.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ptreplay.spi.ops.ZapPtesContext;
import org.ptreplay.spi.Spi;
import org.ptreplay.spi.ZapPtesStrategy;
import org.ptreplay.trace.TextTrace;
import org.ptreplay.trace.TraceEvent;

/** The per-event step bound stops a model loop with one sentence naming the event. */
class StepWatchdogTest {

    /** A zap strategy that reads one entry and never makes progress: zap_pte_range would call it forever. */
    static final class StuckZap implements ZapPtesStrategy {
        @Override public String name() { return "zap-ptes/stuck"; }
        @Override public String description() { return "returns without progress"; }
        @Override public String spiVersion() { return Spi.VERSION; }

        @Override
        public long zapPteRange(ZapPtesContext ctx) {
            ctx.ptepGet(ctx.ptep());
            return ctx.addr();
        }
    }

    @Test
    void aLoopWithoutProgressEndsAtTheBoundNamingTheEvent() throws Exception {
        List<TraceEvent> events = TextTrace.parse(new java.io.StringReader("""
                mmap 0x40000000 64K prot=rw flags=private|anonymous = 0x40000000
                touch 0x40000000 64K write
                munmap 0x40000000 64K = 0
                """), "stuck.txt").events();
        Kernel k = new Kernel(SimConfig.builder(new TestArch()).zapPtes(new StuckZap()).build());
        ReplayException e = assertTimeoutPreemptively(Duration.ofSeconds(60),
                () -> assertThrows(ReplayException.class, () -> k.replay(events)));
        assertEquals(2, e.eventIndex());
        assertTrue(e.getMessage().startsWith("Event 2 (munmap of pid 1) took more than "), e.getMessage());
        assertTrue(e.getMessage().contains("looping"), e.getMessage());
    }
}
