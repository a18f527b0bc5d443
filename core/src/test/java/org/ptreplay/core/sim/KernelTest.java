package org.ptreplay.core.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.ptreplay.spi.ops.Primitive;
import org.ptreplay.trace.TraceEvent;
import org.ptreplay.core.value.LedgerSnapshot;
import org.ptreplay.core.value.SimResult;
import org.ptreplay.core.value.ThpSpec;
import org.ptreplay.core.value.VmaInfo;

/**
 * Generic path behaviour on the test architecture. Event sequences are text files in
 * {@code fixtures/} whose comments derive the counts asserted here.
 */
class KernelTest {
    private static final long A = 0x40_0000_0000L;
    /** The zero page and the huge zero folio are allocated at start. */
    private static final long BASELINE_PAGES = 1 + 512;

    /** 64K=always: one order-4 folio per 64 KiB block, 16 faults for 1 MiB. */
    @Test
    void mthpFaultsAllocateOneFolioPerBlock() {
        Kernel k = new Kernel(SimConfig.builder(new TestArch()).thp(ThpSpec.parse("64K=always")).build());
        k.replay(TextFixtures.load("mthp-fault-1m"));
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
        k.replay(TextFixtures.load("read-fault-zero-page"));
        LedgerSnapshot s = k.result().ledger();
        assertEquals(8, s.self("fault;handle_mm_fault;do_anonymous_page").get(Primitive.PTE_W));
        assertEquals(0, s.inclusive("fault").get(Primitive.PAGE_ZERO));
    }

    /** fork then exit of both tasks returns every page and table: nothing leaks. */
    @Test
    void exitTearsEverythingDown() {
        Kernel k = new Kernel(SimConfig.builder(new TestArch()).build());
        SimResult r = k.replay(TextFixtures.load("fork-exit-3m"));
        assertEquals(BASELINE_PAGES, r.residentPages());
        // Per exit one reference drop per page (768 4K folios, 2 tasks), plus, at the first exit,
        // lru_add_drain's folios_put for the 768 mod 31 = 24 folios still in this CPU's LRU batch.
        assertEquals(2 * 768 + 24, r.ledger().inclusive("exit").get(Primitive.REF));
        assertEquals(24, r.ledger().inclusive("exit;mmput;exit_mmap;lru_add_drain").get(Primitive.REF));
        assertTrue(r.divergences().isEmpty(), r.divergences().toString());
    }

    @Test
    void sameInputGivesSameResult() {
        List<TraceEvent> events = TextFixtures.load("fork-exit-3m");
        SimResult a = new Kernel(SimConfig.builder(new TestArch()).build()).replay(events);
        SimResult b = new Kernel(SimConfig.builder(new TestArch()).build()).replay(events);
        assertEquals(a.ledger().paths().keySet(), b.ledger().paths().keySet());
        assertEquals(a.ledger().totals(), b.ledger().totals());
    }

    /** PMD THP under MADV_HUGEPAGE: one leaf, no PTE writes; a partial munmap's VMA split splits it. */
    @Test
    void pmdThpIsSplitByPartialMunmap() {
        Kernel k = new Kernel(SimConfig.builder(new TestArch()).build());
        long two = 2L << 20;
        k.replay(TextFixtures.load("pmd-thp-split"));
        LedgerSnapshot s = k.result().ledger();
        assertEquals(512, s.self("fault;handle_mm_fault;do_huge_pmd_anonymous_page").get(Primitive.PAGE_ZERO));
        assertEquals(513, s.inclusive("munmap;do_vmi_munmap;vma_adjust_trans_huge;__split_huge_pmd")
                .get(Primitive.PTE_W));
        assertEquals(0, s.inclusive("munmap;do_vmi_munmap;unmap_vmas;__split_huge_pmd").get(Primitive.PTE_W));
        assertEquals(1, s.self("munmap;do_vmi_munmap;unmap_vmas;zap_pte_range").get(Primitive.PTE_XCHG));
        assertEquals(List.of(new VmaInfo(A + 4096, A + two, k.vmas(1).get(0).flags(), true)), k.vmas(1));
    }

    /**
     * A VMA split inside a PMD THP splits the PMD ({@code vma_adjust_trans_huge}): the madvise
     * pair of David's and Dev Jain's {@code pte_map_thps} leaves 512 PTEs, which fork copies.
     */
    @Test
    void vmaSplitSplitsAStraddlingPmd() {
        Kernel k = new Kernel(SimConfig.builder(new TestArch()).build());
        k.replay(TextFixtures.load("pmd-thp-madvise-split"));
        LedgerSnapshot s = k.result().ledger();
        long splits = s.paths().keySet().stream().filter(p -> p.endsWith("__split_huge_pmd")).count();
        assertEquals(1, splits, s.paths().keySet().toString());
        assertEquals(513, s.inclusive("madvise;vma_adjust_trans_huge;__split_huge_pmd").get(Primitive.PTE_W));
        // fork finds a PTE table: 512 entries read in the parent and written in the child.
        String copyPteRange = "fork;dup_mm;dup_mmap;copy_page_range;copy_pte_range";
        assertEquals(512, s.self(copyPteRange).get(Primitive.PTE_R));
        assertEquals(512, s.self(copyPteRange).get(Primitive.PTE_W));
        assertFalse(s.paths().containsKey("fork;dup_mm;dup_mmap;copy_page_range;copy_huge_pmd"));
        assertEquals(1, k.vmas(1).size());
    }

    /**
     * do_huge_pmd_wp_page (mm/huge_memory.c, since the PageAnonExclusive rework of 6c287605fd56):
     * a leaf is reused when its head is AnonExclusive or, failing that, when the folio's refcount
     * is 1; only then is it split. After fork the folio is shared; once the child has exited the
     * parent's write reuses the leaf, while the child still maps it the leaf is split.
     */
    @Test
    void pmdWpFaultReusesALeafNobodyElseMapsAndSplitsAShared() {
        Kernel k = new Kernel(SimConfig.builder(new TestArch()).build());
        k.replay(TextFixtures.load("pmd-thp-fork-reuse"));
        LedgerSnapshot reused = k.result().ledger();
        String wp = "fault;handle_mm_fault;do_huge_pmd_wp_page";
        assertTrue(reused.paths().containsKey(wp), reused.paths().keySet().toString());
        assertTrue(reused.paths().keySet().stream().noneMatch(p -> p.contains("__split_huge_pmd")),
                reused.paths().keySet().toString());
        assertTrue(reused.paths().keySet().stream().noneMatch(p -> p.contains("wp_page_copy")));
        // The head's AE line twice (the test, then the set) and the leaf rewritten once.
        assertEquals(2, reused.self(wp).get(Primitive.AE));
        assertEquals(1, reused.self(wp).get(Primitive.PTE_W));

        Kernel shared = new Kernel(SimConfig.builder(new TestArch()).build());
        shared.replay(TextFixtures.load("pmd-thp-fork-split"));
        LedgerSnapshot s = shared.result().ledger();
        assertEquals(513, s.inclusive(wp + ";__split_huge_pmd").get(Primitive.PTE_W));
        assertTrue(s.paths().keySet().stream().anyMatch(p -> p.endsWith("wp_page_copy")), s.paths().keySet().toString());
    }

    /**
     * mprotect of a whole PMD THP changes the leaf in place ({@code change_huge_pmd}), never
     * splitting it; the test arch keeps the generic {@code pmdp_invalidate_ad}, which flushes.
     */
    @Test
    void mprotectOfAWholePmdLeafChangesItInPlace() {
        Kernel k = new Kernel(SimConfig.builder(new TestArch()).build());
        k.replay(TextFixtures.load("pmd-thp-mprotect"));
        LedgerSnapshot s = k.result().ledger();
        assertTrue(s.paths().keySet().stream().noneMatch(p -> p.contains("__split_huge_pmd")), s.paths().keySet().toString());
        String change = "mprotect;mprotect_fixup;change_huge_pmd";
        assertEquals(2, s.self(change).get(Primitive.PTL));
        assertEquals(2, s.self(change).get(Primitive.PTE_XCHG));
        assertEquals(2, s.self(change).get(Primitive.PTE_W));
        assertEquals(2, s.self(change).get(Primitive.SHADOW_SYNC));
        assertEquals(1, s.self(change).get(Primitive.SP_R));
        assertEquals(1, s.self(change).get(Primitive.AE));
        assertEquals(2, s.self(change).get(Primitive.INVLPG));
        assertEquals(2, s.inclusive("mprotect;mprotect_fixup;tlb_end_vma").get(Primitive.X86_FULL));
        assertEquals(0, s.inclusive("mprotect").get(Primitive.PTEP_GET));
        // The write touch after mprotect(rw) finds the leaf writable again: no write-protect fault.
        assertFalse(s.paths().keySet().stream().anyMatch(p -> p.endsWith("do_huge_pmd_wp_page")));
    }

    /**
     * fork write-protects each parent PMD leaf with one locked update, and only a leaf that was
     * writable costs the shadow leaf sync: fixtures/pmd-leaf-wrprotect.txt derives the counts.
     */
    @Test
    void forkWriteProtectsEachWritableLeafOnce() {
        Kernel k = new Kernel(SimConfig.builder(new TestArch()).build());
        k.replay(TextFixtures.load("pmd-leaf-wrprotect"));
        LedgerSnapshot s = k.result().ledger();
        String copy = "fork;dup_mm;dup_mmap;copy_page_range;copy_huge_pmd";
        assertEquals(6, s.self(copy).get(Primitive.SHADOW_SYNC_RMW));
        assertEquals(2, s.self(copy).get(Primitive.SHADOW_LEAF_RMW));
        assertEquals(6, s.totals().get(Primitive.SHADOW_SYNC_RMW));
        assertEquals(2, s.totals().get(Primitive.SHADOW_LEAF_RMW));
        assertEquals(1, s.self("mprotect;mprotect_fixup;change_huge_pmd").get(Primitive.SHADOW_SYNC));
        assertEquals(1, s.totals().get(Primitive.SHADOW_SYNC));
        assertEquals(0, s.inclusive("munmap").get(Primitive.SHADOW_LEAF_RMW));
        assertTrue(s.paths().keySet().stream().noneMatch(p -> p.contains("__split_huge_pmd")), s.paths().keySet().toString());
    }

    @Test
    void badEventsAreOneSentenceWithTheIndex() {
        Kernel k = new Kernel(SimConfig.builder(new TestArch()).build());
        ReplayException e = assertThrows(ReplayException.class,
                () -> k.apply(7, new TraceEvent.Touch(1, 0, A, -5, true)));
        assertEquals(7, e.eventIndex());
        assertTrue(e.getMessage().startsWith("Event 7 "), e.getMessage());
    }

    /** A failed exec leaves the mm alone (issue 16, item 3): the mapping is still there after it. */
    @Test
    void aFailedExecKeepsTheMm() {
        Kernel k = new Kernel(SimConfig.builder(new TestArch()).build());
        SimResult r = k.replay(TextFixtures.load("exec-failed"));
        assertTrue(r.divergences().isEmpty(), r.divergences().toString());
        assertEquals(1, k.vmas(1).size());
    }
}
