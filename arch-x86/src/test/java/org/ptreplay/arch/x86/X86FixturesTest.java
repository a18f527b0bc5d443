package org.ptreplay.arch.x86;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ptreplay.arch.x86.Trace.FIXED;
import static org.ptreplay.arch.x86.Trace.GiB;
import static org.ptreplay.arch.x86.Trace.MAYMOVE;
import static org.ptreplay.arch.x86.Trace.MiB;
import static org.ptreplay.arch.x86.Trace.RW;
import static org.ptreplay.arch.x86.Trace.ANON;

import org.junit.jupiter.api.Test;
import org.ptreplay.core.kernel.Primitive;
import org.ptreplay.core.sim.Kernel;
import org.ptreplay.core.sim.LedgerSnapshot;
import org.ptreplay.core.sim.PrimitiveCounts;

/** The hand-derived fixtures on x86 with the reference per-PTE strategies. */
class X86FixturesTest {
    private static final String MOVE_PTES = "mremap;move_page_tables;move_ptes";
    private static final String FLUSH_LOCAL = "flush_tlb_mm_range;flush_tlb_func";

    /**
     * Dev Jain's iteration (20250610035043.75448-1-dev.jain@arm.com) with 4K folios: 256 PTEs move
     * within one PTE table (src and dst share a PTL). Per PTE the classic loop does one ptep_get,
     * one xchg and one store; x86 never reads a struct page here. 256 pages > 33 ⇒ one full flush.
     */
    @Test
    void devJainIterationMovesEveryPteOnce() {
        Kernel k = new Kernel(Trace.x86().cpus(1).build());
        long[] r = new Trace()
                .mmap(GiB, MiB, RW, ANON)
                .write(GiB, MiB)
                .mremap(GiB, MiB, MiB, MAYMOVE | FIXED, GiB + MiB)
                .munmap(GiB + MiB, MiB)
                .run(k);
        assertEquals(GiB, r[0]);
        assertEquals(GiB + MiB, r[2]);
        LedgerSnapshot s = k.result().ledger();
        PrimitiveCounts mp = s.self(MOVE_PTES);
        assertEquals(256, mp.get(Primitive.PTEP_GET));
        assertEquals(256, mp.get(Primitive.PTE_R));
        assertEquals(256, mp.get(Primitive.PTE_XCHG));
        assertEquals(256, mp.get(Primitive.PTE_W));
        assertEquals(1, mp.get(Primitive.PTL));
        assertEquals(0, s.inclusive(MOVE_PTES).get(Primitive.SP_R));
        PrimitiveCounts flush = s.self(MOVE_PTES + ";" + FLUSH_LOCAL);
        assertEquals(1, flush.get(Primitive.X86_FULL));
        assertEquals(0, flush.get(Primitive.INVLPG));
        assertEquals(0, s.inclusive(MOVE_PTES).get(Primitive.IPI));
        // The final munmap frees all 256 pages.
        assertEquals(256, s.inclusive("munmap").get(Primitive.REF));
    }

    /** Both addresses 2 MiB aligned and 2 MiB long: one move_normal_pmd (1 read, 2 stores, 1 flush), no PTE moves. */
    @Test
    void alignedTwoMegabytesMoveOnePmd() {
        Kernel k = new Kernel(Trace.x86().cpus(1).pgtableMove(new PmdMove()).build());
        new Trace()
                .mmap(GiB, 2 * MiB, RW, ANON)
                .write(GiB, 2 * MiB)
                .mremap(GiB, 2 * MiB, 2 * MiB, MAYMOVE | FIXED, GiB + 2 * MiB)
                .run(k);
        LedgerSnapshot s = k.result().ledger();
        PrimitiveCounts pmd = s.self("mremap;move_page_tables;move_normal_pmd");
        assertEquals(1, pmd.get(Primitive.RMAPLOCK));
        assertEquals(1, pmd.get(Primitive.PTE_R));
        assertEquals(2, pmd.get(Primitive.PTE_W));
        assertEquals(1, s.self("mremap;move_page_tables;move_normal_pmd;" + FLUSH_LOCAL).get(Primitive.X86_FULL));
        assertTrue(s.inclusive(MOVE_PTES).isZero());
    }

    /** fork of 1 GiB of written 4K pages: one folio_get per PTE (262,144) and one flush of the parent. */
    @Test
    void forkOfOneGigabyteTakesOneReferencePerPage() {
        Kernel k = new Kernel(Trace.x86().cpus(1).build());
        long base = new Trace().mmap(0, GiB, RW, ANON).run(k)[0];
        assertEquals(0, base & (2 * MiB - 1), "6.12+: anon lengths that are PMD multiples are PMD aligned");
        new Trace().write(base, GiB).fork(2).run(k);
        LedgerSnapshot s = k.result().ledger();
        PrimitiveCounts copy = s.self("fork;dup_mm;dup_mmap;copy_page_range;copy_pte_range");
        assertEquals(262_144, copy.get(Primitive.REF));
        assertEquals(262_144, copy.get(Primitive.PTE_RMW));
        assertEquals(262_144, copy.get(Primitive.SP_R));
        assertEquals(1, s.self("fork;dup_mm;dup_mmap;" + FLUSH_LOCAL).get(Primitive.X86_FULL));
        assertEquals(1, s.inclusive("fork").get(Primitive.X86_FULL));
    }

    /**
     * munmap of 64 MiB of order-0 pages (16,384 slots). The 6.9 gather holds 7 entries on the stack
     * (a batch moves on once fewer than 2 of its 8 slots are left) and 509 in each of at most
     * 19 batch pages of 510: 7 + 19 × 509 = 9,678 pages before a forced flush. 16,384 − 9,678 =
     * 6,706 < 9,678, so exactly one forced flush inside zap_pte_range (X86_FULL: 9,678 > 33 pages).
     * Then three flushes in all (docs/kernel-model.md §4.2): the forced one; tlb_end_vma after the
     * VMA, over the 6,706 pages cleared since (> 33 ⇒ X86_FULL); tlb_finish_mmu for the freed tables
     * (their range starts at the PUD table's 512 GiB-aligned address: > 33 PMD strides ⇒ X86_FULL).
     * The last 6,706 pages are freed in tlb_finish_mmu, not at tlb_end_vma.
     * Tables freed with no neighbour (floor 0, ceiling 0): 32 PTE tables, the PMD and the PUD table.
     */
    @Test
    void munmapOf64MegabytesForcesOneGatherFlush() {
        Kernel k = new Kernel(Trace.x86().cpus(1).build());
        long base = new Trace().mmap(0, 64 * MiB, RW, ANON).run(k)[0];
        new Trace().write(base, 64 * MiB).munmap(base, 64 * MiB).run(k);
        LedgerSnapshot s = k.result().ledger();
        String zap = "munmap;do_vmi_munmap;unmap_vmas;zap_pte_range";
        assertEquals(1, s.inclusive(zap + ";tlb_flush_mmu_tlbonly").get(Primitive.X86_FULL));
        assertEquals(1, s.inclusive("munmap;do_vmi_munmap;unmap_vmas;tlb_end_vma").get(Primitive.X86_FULL));
        assertEquals(1, s.inclusive("munmap;do_vmi_munmap;tlb_finish_mmu").get(Primitive.X86_FULL));
        assertEquals(3, s.inclusive("munmap").get(Primitive.X86_FULL));
        assertEquals(19, s.self(zap).get(Primitive.PAGE_ALLOC));
        assertEquals(16_384, s.self(zap).get(Primitive.PTE_XCHG));
        assertEquals(9_678, s.self(zap + ";tlb_flush_mmu;tlb_batch_pages_flush").get(Primitive.REF));
        assertEquals(16_384 - 9_678, s.self("munmap;do_vmi_munmap;tlb_finish_mmu;tlb_flush_mmu;tlb_batch_pages_flush").get(Primitive.REF));
        assertEquals(34, s.inclusive("munmap").get(Primitive.PT_FREE));
        assertEquals(0, k.vmas(1).size());
    }

    /** COW after fork: a shared page is copied; once the child is gone the parent reuses its page. */
    @Test
    void cowCopiesSharedPagesAndReusesExclusiveOnes() {
        Kernel k = new Kernel(Trace.x86().cpus(1).build());
        long base = new Trace().mmap(0, 4 * 4096, RW, ANON).run(k)[0];
        new Trace()
                .write(base, 4 * 4096)
                .fork(2)
                .as(2).write(base, 4096)
                .as(1).write(base + 4096, 4096)
                .as(2).exit()
                .as(1).write(base + 2 * 4096, 4096)
                .run(k);
        LedgerSnapshot s = k.result().ledger();
        String wp = "fault;handle_mm_fault;do_wp_page";
        assertEquals(2, s.self(wp + ";wp_page_copy").get(Primitive.PAGE_ALLOC));
        assertEquals(1, s.self(wp + ";wp_page_reuse").get(Primitive.PTE_W));
        assertEquals(2, s.inclusive(wp + ";wp_page_copy").get(Primitive.INVLPG));
    }

    /** munmap of the middle page splits the VMA in two; mremap grows in place when the gap above is free, else moves. */
    @Test
    void partialMunmapSplitsAndMremapExpandsOrMoves() {
        Kernel k = new Kernel(Trace.x86().cpus(1).build());
        long a = 0x10_0000_0000L;
        long[] r = new Trace()
                .mmap(a, 3 * 4096, RW, ANON)
                .munmap(a + 4096, 4096)
                .mremap(a + 2 * 4096, 4096, 3 * 4096, 0, 0)
                .mmap(a + 5 * 4096, 4096, Trace.RW, ANON)
                .write(a + 2 * 4096, 3 * 4096)
                .mremap(a + 2 * 4096, 3 * 4096, 6 * 4096, MAYMOVE, 0)
                .run(k);
        assertEquals(a + 2 * 4096, r[2]);
        assertFalse(r[5] == a + 2 * 4096);
        LedgerSnapshot s = k.result().ledger();
        assertEquals(3, s.self(MOVE_PTES).get(Primitive.PTE_XCHG));
        assertEquals(3, k.vmas(1).size());
    }
}
