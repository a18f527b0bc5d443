package org.ptreplay.core.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ptreplay.core.kernel.Primitive;
import org.ptreplay.trace.Flags;
import org.ptreplay.trace.TraceEvent;

/** Generic path behaviour on the test architecture. */
class KernelTest {
    private static final long A = 0x40_0000_0000L;
    private static final long U = TraceEvent.UNKNOWN_RESULT;
    private static final int RW = Flags.PROT_READ | Flags.PROT_WRITE;
    private static final int ANON = Flags.MAP_PRIVATE | Flags.MAP_ANONYMOUS;
    /** The zero page and the huge zero folio are allocated at start. */
    private static final long BASELINE_PAGES = 1 + 512;

    private static List<TraceEvent> mapTouchForkExit(long len) {
        List<TraceEvent> t = new ArrayList<>();
        t.add(new TraceEvent.Mmap(1, 0, A, len, RW, ANON | Flags.MAP_FIXED, -1, 0, U));
        t.add(new TraceEvent.Touch(1, 0, A, len, true));
        t.add(new TraceEvent.Fork(1, 0, 2, 0, 2));
        t.add(new TraceEvent.Exit(2, 0, 0, true));
        t.add(new TraceEvent.Exit(1, 0, 0, true));
        return t;
    }

    /**
     * 64K=always: the first write of each 64 KiB block scans its 16 entries with
     * ptep_get_lockless (all none), allocates one order-4 folio and zeroes 16 pages; the other
     * 15 pages of the block are then mapped and fault no more. 1 MiB ⇒ 16 faults.
     */
    @Test
    void mthpFaultsAllocateOneFolioPerBlock() {
        Kernel k = new Kernel(SimConfig.builder(new TestArch()).thp(ThpSpec.parse("64K=always")).build());
        k.apply(0, new TraceEvent.Mmap(1, 0, A, 1 << 20, RW, ANON | Flags.MAP_FIXED, -1, 0, U));
        k.apply(1, new TraceEvent.Touch(1, 0, A, 1 << 20, true));
        LedgerSnapshot s = k.result().ledger();
        String alloc = "fault;handle_mm_fault;do_anonymous_page;alloc_anon_folio";
        assertEquals(16, s.self(alloc).get(Primitive.PAGE_ALLOC));
        assertEquals(256, s.self(alloc).get(Primitive.PAGE_ZERO));
        assertEquals(256, s.self(alloc).get(Primitive.PTE_R));
        assertEquals(256, s.self("fault;handle_mm_fault;do_anonymous_page").get(Primitive.PTE_W));
        assertEquals(BASELINE_PAGES + 256 + 4, k.result().residentPages(), "folios + PUD, PMD, PTE tables + PGD");
    }

    /** Without mTHP a read maps the zero page: one store, no allocation of data pages. */
    @Test
    void readFaultMapsTheZeroPage() {
        Kernel k = new Kernel(SimConfig.builder(new TestArch()).build());
        k.apply(0, new TraceEvent.Mmap(1, 0, A, 8 * 4096, RW, ANON | Flags.MAP_FIXED, -1, 0, U));
        k.apply(1, new TraceEvent.Touch(1, 0, A, 8 * 4096, false));
        LedgerSnapshot s = k.result().ledger();
        assertEquals(8, s.self("fault;handle_mm_fault;do_anonymous_page").get(Primitive.PTE_W));
        assertEquals(0, s.inclusive("fault").get(Primitive.PAGE_ZERO));
    }

    /** fork then exit of both tasks returns every page and table: nothing leaks. */
    @Test
    void exitTearsEverythingDown() {
        Kernel k = new Kernel(SimConfig.builder(new TestArch()).build());
        SimResult r = k.replay(mapTouchForkExit(3 << 20));
        assertEquals(BASELINE_PAGES, r.residentPages());
        // 3 MiB = 768 pages; each of the two exits drops one reference per page.
        assertEquals(2 * 768, r.ledger().inclusive("exit").get(Primitive.REF));
        assertTrue(r.divergences().isEmpty(), r.divergences().toString());
    }

    @Test
    void sameInputGivesSameResult() {
        SimResult a = new Kernel(SimConfig.builder(new TestArch()).build()).replay(mapTouchForkExit(1 << 20));
        SimResult b = new Kernel(SimConfig.builder(new TestArch()).build()).replay(mapTouchForkExit(1 << 20));
        assertEquals(a.ledger().paths().keySet(), b.ledger().paths().keySet());
        assertEquals(a.ledger().totals(), b.ledger().totals());
    }

    /** PMD THP under MADV_HUGEPAGE: one leaf, no PTE writes; a partial munmap splits it. */
    @Test
    void pmdThpIsSplitByPartialMunmap() {
        Kernel k = new Kernel(SimConfig.builder(new TestArch()).build());
        long two = 2L << 20;
        k.apply(0, new TraceEvent.Mmap(1, 0, A, two, RW, ANON | Flags.MAP_FIXED, -1, 0, U));
        k.apply(1, new TraceEvent.Madvise(1, 0, A, two, Flags.MADV_HUGEPAGE, U));
        k.apply(2, new TraceEvent.Touch(1, 0, A, two, true));
        k.apply(3, new TraceEvent.Munmap(1, 0, A, 4096, U));
        LedgerSnapshot s = k.result().ledger();
        assertEquals(512, s.self("fault;handle_mm_fault;do_huge_pmd_anonymous_page").get(Primitive.PAGE_ZERO));
        // The split writes 512 PTEs with set_ptes and repopulates the PMD entry: 513 stores.
        assertEquals(513, s.inclusive("munmap;do_vmi_munmap;unmap_vmas;__split_huge_pmd").get(Primitive.PTE_W));
        assertEquals(1, s.self("munmap;do_vmi_munmap;unmap_vmas;zap_pte_range").get(Primitive.PTE_XCHG));
        assertEquals(List.of(new VmaInfo(A + 4096, A + two, k.vmas(1).get(0).flags(), true)), k.vmas(1));
    }

    @Test
    void badEventsAreOneSentenceWithTheIndex() {
        Kernel k = new Kernel(SimConfig.builder(new TestArch()).build());
        ReplayException e = assertThrows(ReplayException.class,
                () -> k.apply(7, new TraceEvent.Touch(1, 0, A, -5, true)));
        assertEquals(7, e.eventIndex());
        assertTrue(e.getMessage().startsWith("Event 7 "), e.getMessage());
    }
}
