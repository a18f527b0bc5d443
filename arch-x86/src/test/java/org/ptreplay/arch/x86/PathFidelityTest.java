package org.ptreplay.arch.x86;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.ptreplay.spi.KernelConfig;
import org.ptreplay.spi.ops.Primitive;
import org.ptreplay.core.sim.Kernel;
import org.ptreplay.core.value.LedgerSnapshot;
import org.ptreplay.core.value.PrimitiveCounts;

/**
 * The kernel rules the core must follow on the real x86 MMU, each with a scenario that fails
 * without the rule: the per-VMA flush of munmap, the PMD stride of the freed-table flush,
 * {@code try_realign_addr}, and mprotect's gather and {@code pte_needs_flush}. Each trace is a
 * text file in {@code fixtures/} whose comment derives the counts asserted here.
 */
class PathFidelityTest {
    private static final String FLUSH = ";flush_tlb_mm_range;flush_tlb_func";
    private static final String END_VMA = "munmap;do_vmi_munmap;unmap_vmas;tlb_end_vma;tlb_flush_mmu_tlbonly" + FLUSH;

    private static Kernel kernel() {
        return new Kernel(Trace.x86().cpus(1).build());
    }

    /** munmap of two VMAs flushes at tlb_end_vma once per VMA, nothing inside zap_pte_range. */
    @Test
    void munmapFlushesOncePerVma() {
        Kernel k = kernel();
        Trace.fixture("munmap-two-vmas").run(k);
        LedgerSnapshot s = k.result().ledger();
        assertEquals(16, s.self(END_VMA).get(Primitive.INVLPG));
        assertEquals(0, s.self(END_VMA).get(Primitive.X86_FULL));
        assertTrue(s.inclusive("munmap;do_vmi_munmap;unmap_vmas;zap_pte_range").get(Primitive.INVLPG) == 0);
        // 8 written pages are freed after the last flush; the zero page is never gathered.
        assertEquals(8, s.inclusive("munmap;do_vmi_munmap;tlb_finish_mmu").get(Primitive.REF));
    }

    /** After mremap, the one flush in tlb_finish_mmu is for the freed tables, at PMD stride (§4.3). */
    @Test
    void freedTablesAfterMremapFlushAtPmdStride() {
        Kernel k = kernel();
        Trace.fixture("mremap-freed-tables").run(k);
        LedgerSnapshot s = k.result().ledger();
        String finish = "mremap;do_vmi_munmap;tlb_finish_mmu;tlb_flush_mmu;tlb_flush_mmu_tlbonly" + FLUSH;
        assertEquals(2, s.self(finish).get(Primitive.INVLPG));
        assertEquals(0, s.self(finish).get(Primitive.X86_FULL));
        assertEquals(3, s.inclusive("mremap;do_vmi_munmap").get(Primitive.PT_FREE));
        assertTrue(s.inclusive("mremap;do_vmi_munmap;unmap_vmas").get(Primitive.INVLPG) == 0);
    }

    private static LedgerSnapshot realignScenario(boolean realign, String fixture) {
        Kernel k = new Kernel(Trace.x86().cpus(1).pgtableMove(new PmdMove()).kernelConfig(new KernelConfig(true, true, true, realign, true, true, true)).build());
        Trace.fixture(fixture).run(k);
        return k.result().ledger();
    }

    /**
     * try_realign_addr (af8ca1c14906, v6.7; docs/kernel-model.md §2.2): a VMA moved to the same
     * offset in another PMD is aligned down on both sides into whole-PMD moves; without it the
     * leading partial PMD moves PTE by PTE.
     */
    @Test
    void realignTurnsTheLeadingPartialPmdIntoATableMove() {
        String mp = "mremap;move_page_tables;move_ptes";
        String pmd = "mremap;move_page_tables;move_normal_pmd";
        LedgerSnapshot on = realignScenario(true, "realign-vma-start");
        assertEquals(2, on.self(pmd).get(Primitive.RMAPLOCK));
        assertEquals(0, on.inclusive(mp).get(Primitive.PTE_XCHG));
        LedgerSnapshot off = realignScenario(false, "realign-vma-start");
        assertEquals(1, off.self(pmd).get(Primitive.RMAPLOCK));
        assertEquals(256, off.self(mp).get(Primitive.PTE_XCHG));
    }

    /** The VMA-start condition (correction to §2.2): the same move of the tail of a VMA is not realigned. */
    @Test
    void realignNeedsTheMoveToStartItsVma() {
        LedgerSnapshot s = realignScenario(true, "realign-vma-tail");
        assertEquals(1, s.self("mremap;move_page_tables;move_normal_pmd").get(Primitive.RMAPLOCK));
        assertEquals(256, s.self("mremap;move_page_tables;move_ptes").get(Primitive.PTE_XCHG));
    }

    /** mprotect flushes only the entries whose change x86's pte_needs_flush says the TLB could hold. */
    @Test
    void mprotectFlushesOnlyEntriesThatChangeOnX86() {
        Kernel k = kernel();
        Trace.fixture("mprotect-flushes").run(k);
        LedgerSnapshot s = k.result().ledger();
        PrimitiveCounts pte = s.self("mprotect;mprotect_fixup;change_pte_range");
        assertEquals(48, pte.get(Primitive.PTEP_GET));
        assertEquals(48, pte.get(Primitive.PTE_XCHG));
        assertEquals(48, pte.get(Primitive.PTE_W));
        assertEquals(32, s.self("mprotect;mprotect_fixup;tlb_end_vma;tlb_flush_mmu_tlbonly" + FLUSH).get(Primitive.INVLPG));
        assertEquals(32, s.inclusive("mprotect").get(Primitive.INVLPG));
    }

    /**
     * mprotect of a whole PMD THP: {@code change_huge_pmd} without a split; x86's
     * {@code pmdp_invalidate_ad} does not flush, so the one flush per call is tlb_end_vma's.
     */
    @Test
    void mprotectOfAWholePmdLeafFlushesOnlyAtTlbEndVmaOnX86() {
        Kernel k = kernel();
        Trace.fixture("pmd-thp-mprotect").run(k);
        LedgerSnapshot s = k.result().ledger();
        assertTrue(s.paths().keySet().stream().noneMatch(p -> p.contains("__split_huge_pmd")));
        PrimitiveCounts change = s.self("mprotect;mprotect_fixup;change_huge_pmd");
        assertEquals(2, change.get(Primitive.PTE_XCHG));
        assertEquals(2, change.get(Primitive.PTE_W));
        assertEquals(1, change.get(Primitive.SP_R));
        assertEquals(1, change.get(Primitive.AE));
        assertEquals(0, s.inclusive("mprotect;mprotect_fixup;change_huge_pmd").get(Primitive.INVLPG));
        assertEquals(2, s.self("mprotect;mprotect_fixup;tlb_end_vma;tlb_flush_mmu_tlbonly" + FLUSH).get(Primitive.INVLPG));
        assertEquals(2, s.inclusive("mprotect").get(Primitive.INVLPG));
        assertTrue(s.paths().keySet().stream().noneMatch(p -> p.endsWith("do_huge_pmd_wp_page")));
    }

    /** The huge zero leaf stays read-only through mprotect: x86's huge_pmd_needs_flush never fires. */
    @Test
    void mprotectOfTheHugeZeroLeafNeverFlushesOnX86() {
        Kernel k = kernel();
        Trace.fixture("pmd-huge-zero-mprotect").run(k);
        LedgerSnapshot s = k.result().ledger();
        assertTrue(s.paths().keySet().stream().noneMatch(p -> p.contains("__split_huge_pmd")));
        PrimitiveCounts change = s.self("mprotect;mprotect_fixup;change_huge_pmd");
        assertEquals(2, change.get(Primitive.PTL));
        assertEquals(2, change.get(Primitive.PTE_XCHG));
        assertEquals(2, change.get(Primitive.PTE_W));
        assertEquals(0, change.get(Primitive.SP_R));
        assertEquals(0, change.get(Primitive.AE));
        assertEquals(0, s.inclusive("mprotect").get(Primitive.INVLPG));
        assertEquals(0, s.inclusive("mprotect").get(Primitive.X86_FULL));
    }
}
