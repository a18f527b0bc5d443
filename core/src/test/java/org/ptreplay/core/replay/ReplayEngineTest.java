package org.ptreplay.core.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ptreplay.core.cost.CostOptions;
import org.ptreplay.core.cost.ProfileCostModel;
import org.ptreplay.core.linux.mremap.NoPgtableMove;
import org.ptreplay.core.linux.memory.PerPteCopyPtes;
import org.ptreplay.core.linux.mremap.PerPteMovePtes;
import org.ptreplay.core.linux.memory.PerPteZapPtes;
import org.ptreplay.core.sim.Kernel;
import org.ptreplay.core.sim.SimConfig;
import org.ptreplay.core.value.SimResult;
import org.ptreplay.trace.TraceEvent;

/**
 * The engine on the core's test architecture, with 7-event batches so that a 40-round trace
 * (240 events) spans 35 batches and wraps the 16-slot feed twice.
 */
class ReplayEngineTest {
    private static final int BATCH = 7;

    private static List<CellSpec> cells() {
        return List.of(ReplayFixtures.cell("a", 1, false), ReplayFixtures.cell("b", 2, false),
                ReplayFixtures.cell("c", 4, false));
    }

    private static ReplayOutcome run(List<CellSpec> cells, int threads, List<TraceEvent> events) throws Exception {
        return new ReplayEngine(cells, threads, BATCH).run(ReplayFixtures.source(events, -1), "mem.ptrace");
    }

    @Test
    void resultsDoNotDependOnTheThreadCount() throws Exception {
        List<TraceEvent> events = ReplayFixtures.workload(40);
        ReplayOutcome one = run(cells(), 1, events);
        ReplayOutcome four = run(cells(), 4, events);
        assertEquals(240, one.events());
        assertEquals(3, one.cells().size());
        for (int i = 0; i < 3; i++) {
            assertEquals(one.cells().get(i).result(), four.cells().get(i).result(), "cell " + i);
        }
        assertEquals(1, one.host().threads());
        assertEquals(3, four.host().threads(), "no more workers than cells");
    }

    @Test
    void eachCellEqualsASequentialReplayOfTheWholeTrace() throws Exception {
        List<TraceEvent> events = ReplayFixtures.workload(40);
        ReplayOutcome out = run(cells(), 2, events);
        for (int i = 0; i < 3; i++) {
            CellSpec spec = cells().get(i);
            SimConfig config = SimConfig.builder(spec.arch())
                    .archOptions(out.cells().get(i).archOptions().options())
                    .movePtes(new PerPteMovePtes()).pgtableMove(new NoPgtableMove())
                    .copyPtes(new PerPteCopyPtes()).zapPtes(new PerPteZapPtes())
                    .cpus(out.cells().get(i).cpus())
                    .cost(ProfileCostModel.create(spec.profile(), CostOptions.defaults().withConcurrency(spec.concurrency())))
                    .build();
            SimResult sequential = new Kernel(config).replay(events);
            assertEquals(sequential, out.cells().get(i).result(), "cell " + i);
        }
    }

    @Test
    void entriesAreCountedFromTheTables() throws Exception {
        // Round r (0-based): the parent writes 16 new pages (16 faulted); the child inherits the
        // r + 1 mappings of 16 present entries (16 (r + 1) copied), writes 8 pages (8 COW faults)
        // and exits (16 (r + 1) zapped); the parent moves the new mapping (16 moved).
        // Three rounds: 48 moved, 16 (1 + 2 + 3) = 96 copied and zapped, 3 (16 + 8) = 72 faulted.
        ReplayOutcome out = run(List.of(ReplayFixtures.cell("a", 1, false)), 1, ReplayFixtures.workload(3));
        var n = out.cells().get(0).result().entries();
        assertEquals(48, n.moved());
        assertEquals(96, n.copied());
        assertEquals(96, n.zapped());
        assertEquals(72, n.faulted());
        assertEquals(n.total(), out.host().pteOps());
    }

    @Test
    void aBadEventStopsEveryCellWithTheSameSentenceWhateverTheThreads() throws Exception {
        List<TraceEvent> events = new ArrayList<>(ReplayFixtures.workload(40));
        events.set(150, new TraceEvent.Touch(0, 0, 0, 4096, false));
        for (int threads : new int[] {1, 2, 3}) {
            ReplayFailedException e = assertThrows(ReplayFailedException.class, () -> run(cells(), threads, events));
            assertEquals(150, e.eventIndex());
            assertEquals("mem.ptrace, cell x86/a/tiny-x86: Event 150 has pid 0, but pids must be positive.", e.getMessage());
        }
    }

    @Test
    void theEarliestStrictDivergenceWinsAcrossCells() throws Exception {
        List<TraceEvent> events = new ArrayList<>(ReplayFixtures.workload(10));
        // Event 6 maps round 1 at its fixed address; a recorded result of 0x1000 cannot match.
        TraceEvent.Mmap m = (TraceEvent.Mmap) events.get(6);
        events.set(6, new TraceEvent.Mmap(1, 0, m.addr(), m.length(), m.prot(), m.flags(), -1, 0, 0x1000));
        List<CellSpec> cells = List.of(ReplayFixtures.cell("lax", 1, false), ReplayFixtures.cell("strict", 1, true));
        ReplayFailedException e = assertThrows(ReplayFailedException.class, () -> run(cells, 2, events));
        assertEquals(6, e.eventIndex());
        assertTrue(e.getMessage().startsWith("mem.ptrace, cell x86/strict/tiny-x86: Stopped at the first divergence (strict): event 6:"),
                e.getMessage());
    }

    @Test
    void anUnreadableEventIsReportedAfterTheEventsBeforeIt() throws Exception {
        List<TraceEvent> events = ReplayFixtures.workload(40);
        ReplayEngine engine = new ReplayEngine(cells(), 2, BATCH);
        ReplayFailedException e = assertThrows(ReplayFailedException.class,
                () -> engine.run(ReplayFixtures.source(events, 100), "mem.ptrace"));
        assertEquals(100, e.eventIndex());
        assertEquals("mem.ptrace: event 100: truncated packet.", e.getMessage());
        assertEquals(100, engine.eventsDone(), "every cell applied the 100 events before the bad one");
    }

    @Test
    void badCellsAreRefusedBeforeTheReplayStarts() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ReplayEngine(List.of(ReplayFixtures.cell("a", 40, false)), 1));
        assertEquals("cell x86/a/tiny-x86: Concurrency 40 exceeds the 8 CPUs of machine profile tiny-x86.", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ReplayEngine(List.of(), 1));
        assertThrows(IllegalArgumentException.class, () -> new ReplayEngine(cells(), 0));
    }
}
