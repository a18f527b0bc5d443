package org.ptreplay.core.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ptreplay.spi.ops.ZapPtesContext;
import org.ptreplay.core.linux.mremap.NoPgtableMove;
import org.ptreplay.core.linux.memory.PerPteCopyPtes;
import org.ptreplay.core.linux.mremap.PerPteMovePtes;
import org.ptreplay.core.select.ResolvedKernel;
import org.ptreplay.core.value.Placement;
import org.ptreplay.core.value.ThpSpec;
import org.ptreplay.spi.KernelConfig;
import org.ptreplay.spi.KernelPath;
import org.ptreplay.spi.Spi;
import org.ptreplay.spi.Strategy;
import org.ptreplay.spi.ZapPtesStrategy;
import org.ptreplay.trace.Flags;
import org.ptreplay.trace.TraceEvent;

/** A cell that fails, even with an Error, releases the feed: the run ends with one sentence (issue 16, item 8). */
class CellFailureTest {

    /** Stands for a cell that exhausted the heap while zapping: the first zap throws OutOfMemoryError. */
    static final class ExhaustedZap implements ZapPtesStrategy {
        @Override public String name() { return "zap-ptes/exhausted"; }
        @Override public String description() { return "throws OutOfMemoryError"; }
        @Override public String spiVersion() { return Spi.VERSION; }
        @Override public long zapPteRange(ZapPtesContext ctx) { throw new OutOfMemoryError("Java heap space"); }
    }

    private static CellSpec exhausted() {
        Map<KernelPath, Strategy> s = new EnumMap<>(KernelPath.class);
        s.put(KernelPath.MOVE_PTES, new PerPteMovePtes());
        s.put(KernelPath.PGTABLE_MOVE, new NoPgtableMove());
        s.put(KernelPath.COPY_PTES, new PerPteCopyPtes());
        s.put(KernelPath.ZAP_PTES, new ExhaustedZap());
        s.put(KernelPath.CHANGE_PTES, new org.ptreplay.core.linux.mprotect.PerPteChangePtes());
        return new CellSpec(ReplayFixtures.X86, Map.of(), new ResolvedKernel("exhausted", "x86", s, Map.of(), KernelConfig.CURRENT, false),
                ReplayFixtures.profile("/org/ptreplay/core/profile/tiny-x86.txtpb"), ThpSpec.DEFAULT, Placement.DEFAULT, 0, 0, 1, false);
    }

    @Test
    void anOutOfMemoryErrorInOneCellEndsTheRunWithOneSentence() {
        List<CellSpec> cells = List.of(ReplayFixtures.cell("a", 1, false), exhausted(), ReplayFixtures.cell("c", 1, false));
        for (int threads : new int[] {1, 2, 3}) {
            ReplayFailedException e = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> assertThrows(ReplayFailedException.class,
                    () -> new ReplayEngine(cells, threads, 7).run(ReplayFixtures.source(ReplayFixtures.workload(10), -1), "mem.ptrace")));
            // The first zap is the child's exit at event 4.
            assertEquals(4, e.eventIndex());
            assertTrue(e.getMessage().startsWith("mem.ptrace, cell x86/exhausted/tiny-x86: event 4 ran out of memory"), e.getMessage());
            assertTrue(e.getMessage().contains("PTREPLAY_JAVA_OPTS=-Xmx"), e.getMessage());
        }
    }

    @Test
    void anEventTooLargeForTheHeapIsRefusedBeforeItRuns() {
        List<TraceEvent> events = List.of(
                new TraceEvent.Mmap(1, 0, 0x10_0000_0000L, 64L << 40, Flags.PROT_READ | Flags.PROT_WRITE,
                        Flags.MAP_PRIVATE | Flags.MAP_ANONYMOUS | Flags.MAP_NORESERVE, -1, 0, TraceEvent.UNKNOWN_RESULT),
                new TraceEvent.Touch(1, 0, 0x10_0000_0000L, 64L << 40, true));
        ReplayFailedException e = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> assertThrows(ReplayFailedException.class,
                () -> new ReplayEngine(List.of(ReplayFixtures.cell("a", 1, false)), 1).run(ReplayFixtures.source(events, -1), "big.ptrace")));
        assertEquals(1, e.eventIndex());
        assertTrue(e.getMessage().startsWith("big.ptrace, cell x86/a/tiny-x86: Event 1 (touch of pid 1) could need 64 TiB of simulated pages"),
                e.getMessage());
        assertTrue(e.getMessage().contains("PTREPLAY_JAVA_OPTS=-Xmx"), e.getMessage());
    }
}
