package org.ptreplay.core.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.ptreplay.core.cost.CostModel;
import org.ptreplay.spi.ops.Frame;
import org.ptreplay.spi.ops.Primitive;
import org.ptreplay.core.value.LedgerSnapshot;
import org.ptreplay.trace.TraceEvent;

class PathLedgerTest {
    private static final Frame MREMAP = Frame.of("mremap");
    private static final Frame MOVE = Frame.of("move_ptes");

    /** Prices: 3 ps per charge of n (whatever n), 5 ps per memory access. */
    private static final CostModel PRICES = new CostModel() {
        public long costPs(Primitive p, long n) { return 3; }
        public long accessPs(Primitive p, long pa) { return 5; }
        public long streamPs(long pa, long length, boolean write) { return 0; }
    };

    @Test
    void chargesGoToThePathAndTheEventKind() {
        PathLedger l = new PathLedger(PRICES);
        l.beginEvent(TraceEvent.Kind.MREMAP);
        l.enter(MREMAP);
        l.charge(Primitive.SYSCALL);
        l.enter(MOVE);
        l.touch(Primitive.PTE_R, 0x1000);
        l.touch(Primitive.PTE_R, 0x1008);
        l.charge(Primitive.IPI, 3);
        l.exit(MOVE);
        l.exit(MREMAP);
        LedgerSnapshot s = l.snapshot();
        assertEquals(2, s.self("mremap;move_ptes").get(Primitive.PTE_R));
        assertEquals(3, s.self("mremap;move_ptes").get(Primitive.IPI));
        assertEquals(13, s.paths().get("mremap;move_ptes").ps());
        assertEquals(1, s.self("mremap").get(Primitive.SYSCALL));
        assertEquals(2, s.inclusive("mremap").get(Primitive.PTE_R));
        assertEquals(1, s.syscalls().get("mremap").calls());
        assertEquals(16, s.syscalls().get("mremap").ps());
        assertEquals(16, s.totalPs());
    }

    /**
     * The same path charged under two event kinds is one path entry (2 reads, 2 x 5 ps), while each
     * kind keeps its own figures; a charge made between frames (depth 0) counts for its kind and
     * the totals but belongs to no path.
     */
    @Test
    void pathsMergeAcrossKindsAndKindsStaySeparate() {
        PathLedger l = new PathLedger(PRICES);
        l.beginEvent(TraceEvent.Kind.MREMAP);
        l.enter(MOVE);
        l.touch(Primitive.PTE_R, 0x1000);
        l.exit(MOVE);
        l.beginEvent(TraceEvent.Kind.FORK);
        l.enter(MOVE);
        l.touch(Primitive.PTE_R, 0x2000);
        l.exit(MOVE);
        l.charge(Primitive.PT_ALLOC);
        LedgerSnapshot s = l.snapshot();
        assertEquals(java.util.Set.of("move_ptes"), s.paths().keySet());
        assertEquals(2, s.self("move_ptes").get(Primitive.PTE_R));
        assertEquals(10, s.paths().get("move_ptes").ps());
        assertEquals(1, s.syscalls().get("mremap").counts().get(Primitive.PTE_R));
        assertEquals(5, s.syscalls().get("mremap").ps());
        assertEquals(1, s.syscalls().get("fork").counts().get(Primitive.PTE_R));
        assertEquals(1, s.syscalls().get("fork").counts().get(Primitive.PT_ALLOC));
        assertEquals(8, s.syscalls().get("fork").ps());
        assertEquals(1, s.totals().get(Primitive.PT_ALLOC));
        assertEquals(13, s.totalPs());
    }

    /**
     * A per-PTE zap of a large folio alternates the PTE line, each page's struct page and the
     * folio's head: an L1 run keeps the lines touched last (L1Run.LINES, four), so only each
     * page's own new line is an ordinary access, and the run's hits count and cost the same.
     * Every line is L1-resident in this model, so only the run's line count limits batching.
     */
    @Test
    void anL1RunBatchesTouchesOfTheFourLinesTouchedLast() {
        long[] ordinary = new long[1];
        long[] batched = new long[1];
        CostModel resident = new CostModel() {
            public long costPs(Primitive p, long n) { return 3; }
            public long accessPs(Primitive p, long pa) { ordinary[0]++; return 5; }
            public long streamPs(long pa, long length, boolean write) { return 0; }
            public boolean l1Resident(long pa) { return true; }
            public void recordL1Hits(long[] pa, int[] last, int accesses) { batched[0] += accesses; }
            public long l1HitPs(Primitive p) { return 5; }
            public int lineShift() { return 6; }
        };
        PathLedger l = new PathLedger(resident);
        l.beginEvent(TraceEvent.Kind.MUNMAP);
        l.enter(MOVE);
        l.openL1Run();
        long head = 0x10_0000;
        // Eight pages: their PTEs share one line.
        for (int page = 0; page < 8; page++) {
            long pte = 0x1000 + 8L * page;
            long structPage = head + 64L * page;
            l.touch(Primitive.PTE_R, pte);
            l.touch(Primitive.SP_R, structPage);
            l.touch(Primitive.SP_R, head);
            l.touch(Primitive.MAP, structPage);
            l.touch(Primitive.PTE_W, pte);
        }
        l.closeL1Run();
        l.exit(MOVE);
        // The PTE line and the head once, each page's struct page once but the head's own (page 0).
        assertEquals(2 + 7, ordinary[0]);
        assertEquals(8 * 5 - 9, batched[0]);
        LedgerSnapshot s = l.snapshot();
        assertEquals(16, s.self("move_ptes").get(Primitive.SP_R));
        assertEquals(8, s.self("move_ptes").get(Primitive.MAP));
        assertEquals(8 * 5 * 5, s.totalPs());
    }

    @Test
    void unbalancedExitIsAProgrammingError() {
        PathLedger l = new PathLedger(CostModel.FREE);
        l.enter(MREMAP);
        assertThrows(IllegalStateException.class, () -> l.exit(MOVE));
    }
}
