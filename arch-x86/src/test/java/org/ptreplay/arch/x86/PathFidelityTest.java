package org.ptreplay.arch.x86;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ptreplay.arch.x86.Trace.ANON;
import static org.ptreplay.arch.x86.Trace.FIXED;
import static org.ptreplay.arch.x86.Trace.GiB;
import static org.ptreplay.arch.x86.Trace.MAYMOVE;
import static org.ptreplay.arch.x86.Trace.MiB;
import static org.ptreplay.arch.x86.Trace.RW;

import org.junit.jupiter.api.Test;
import org.ptreplay.core.kernel.Primitive;
import org.ptreplay.core.sim.Kernel;
import org.ptreplay.core.sim.LedgerSnapshot;
import org.ptreplay.core.sim.PrimitiveCounts;
import org.ptreplay.trace.Flags;

/**
 * The kernel rules the core must follow on the real x86 MMU, each with a scenario that fails
 * without the rule: the per-VMA flush of munmap, the PMD stride of the freed-table flush,
 * {@code try_realign_addr}, and mprotect's gather and {@code pte_needs_flush}.
 */
class PathFidelityTest {
    private static final String FLUSH = ";flush_tlb_mm_range;flush_tlb_func";
    private static final String END_VMA = "munmap;do_vmi_munmap;unmap_vmas;tlb_end_vma;tlb_flush_mmu_tlbonly" + FLUSH;
    private static final int RO = Flags.PROT_READ;

    private static Kernel kernel() {
        return new Kernel(Trace.x86().cpus(1).build());
    }

    /**
     * munmap of two VMAs (8 written pages, then 8 read pages mapping the zero page; different
     * prot, so no merge) flushes at tlb_end_vma once per VMA: 8 ≤ 33 pages ⇒ 8 INVLPG each
     * (include/asm-generic/tlb.h tlb_end_vma; docs/kernel-model.md §4.2). Nothing is flushed inside
     * zap_pte_range (the gather never fills); the pages are freed only in tlb_finish_mmu.
     */
    @Test
    void munmapFlushesOncePerVma() {
        Kernel k = kernel();
        long a = 0x30_0000_0000L;
        new Trace()
                .mmap(a, 8 * 4096, RW, ANON | Flags.MAP_FIXED)
                .mmap(a + 8 * 4096, 8 * 4096, RO, ANON | Flags.MAP_FIXED)
                .write(a, 8 * 4096)
                .read(a + 8 * 4096, 8 * 4096)
                .munmap(a, 16 * 4096)
                .run(k);
        LedgerSnapshot s = k.result().ledger();
        assertEquals(16, s.self(END_VMA).get(Primitive.INVLPG));
        assertEquals(0, s.self(END_VMA).get(Primitive.X86_FULL));
        assertTrue(s.inclusive("munmap;do_vmi_munmap;unmap_vmas;zap_pte_range").get(Primitive.INVLPG) == 0);
        // 8 written pages are freed after the last flush; the zero page is never gathered.
        assertEquals(8, s.inclusive("munmap;do_vmi_munmap;tlb_finish_mmu").get(Primitive.REF));
    }

    /**
     * mremap's source unmap clears no PTE (all moved), so tlb_end_vma does nothing, and the one
     * flush in tlb_finish_mmu is for the freed tables at PMD stride (§4.3). 4 MiB at 1 GiB moved
     * to 2 GiB + 1 MiB (different PMD offsets: no realign, no PMD relink). free_pgtables frees the
     * two PTE tables (range [1G, 1G+2M+4K) from pte_free_tlb at each table's address) and the PMD
     * table of [1G, 2G) (at 1G; the PUD table stays: the ceiling 2G+1M is inside its span).
     * (2M + 4K) >> 21 = 1 ≤ 33 ⇒ one INVLPG per 2 MiB step from 1G below 1G+2M+4K: 2. A PAGE stride
     * would give 513 units ⇒ X86_FULL.
     */
    @Test
    void freedTablesAfterMremapFlushAtPmdStride() {
        Kernel k = kernel();
        new Trace()
                .mmap(GiB, 4 * MiB, RW, ANON | Flags.MAP_FIXED)
                .write(GiB, 4 * MiB)
                .mremap(GiB, 4 * MiB, 4 * MiB, MAYMOVE | FIXED, 2 * GiB + MiB)
                .run(k);
        LedgerSnapshot s = k.result().ledger();
        String finish = "mremap;do_vmi_munmap;tlb_finish_mmu;tlb_flush_mmu;tlb_flush_mmu_tlbonly" + FLUSH;
        assertEquals(2, s.self(finish).get(Primitive.INVLPG));
        assertEquals(0, s.self(finish).get(Primitive.X86_FULL));
        assertEquals(3, s.inclusive("mremap;do_vmi_munmap").get(Primitive.PT_FREE));
        assertTrue(s.inclusive("mremap;do_vmi_munmap;unmap_vmas").get(Primitive.INVLPG) == 0);
    }

    private static LedgerSnapshot realignScenario(boolean realign, long vmaStart, long movedFrom) {
        Kernel k = new Kernel(Trace.x86().cpus(1).pgtableMove(new PmdMove()).mremapRealign(realign).build());
        long len = GiB + 4 * MiB - movedFrom;
        new Trace()
                .mmap(vmaStart, GiB + 4 * MiB - vmaStart, RW, ANON | Flags.MAP_FIXED)
                .write(vmaStart, GiB + 4 * MiB - vmaStart)
                .mremap(movedFrom, len, len, MAYMOVE | FIXED, movedFrom + 2 * GiB)
                .run(k);
        return k.result().ledger();
    }

    /**
     * try_realign_addr (af8ca1c14906, v6.7; docs/kernel-model.md §2.2): [1G+1M, 1G+4M) moved to
     * 3G+1M — same offset in the PMD, the range crosses the next boundary, both addresses start
     * their VMAs and nothing is mapped below them down to the boundary. Both starts are aligned down
     * to 1G / 3G: two full-PMD extents, two move_normal_pmd, no PTE moved. Without it, the first
     * 1 MiB extent moves 256 PTEs and only [1G+2M, 1G+4M) is relinked.
     */
    @Test
    void realignTurnsTheLeadingPartialPmdIntoATableMove() {
        String mp = "mremap;move_page_tables;move_ptes";
        String pmd = "mremap;move_page_tables;move_normal_pmd";
        LedgerSnapshot on = realignScenario(true, GiB + MiB, GiB + MiB);
        assertEquals(2, on.self(pmd).get(Primitive.RMAPLOCK));
        assertEquals(0, on.inclusive(mp).get(Primitive.PTE_XCHG));
        LedgerSnapshot off = realignScenario(false, GiB + MiB, GiB + MiB);
        assertEquals(1, off.self(pmd).get(Primitive.RMAPLOCK));
        assertEquals(256, off.self(mp).get(Primitive.PTE_XCHG));
    }

    /**
     * The VMA-start condition (correction to §2.2): the same move, but of the tail of a VMA that
     * starts at 1G. Aligning the source down would take [1G, 1G+1M) with it, so no realign.
     */
    @Test
    void realignNeedsTheMoveToStartItsVma() {
        LedgerSnapshot s = realignScenario(true, GiB, GiB + MiB);
        assertEquals(1, s.self("mremap;move_page_tables;move_normal_pmd").get(Primitive.RMAPLOCK));
        assertEquals(256, s.self("mremap;move_page_tables;move_ptes").get(Primitive.PTE_XCHG));
    }

    /**
     * mprotect (mm/mprotect.c change_pte_range): per present PTE ptep_get, ptep_modify_prot_start
     * (xchg) and _commit (store), under one gather flushed at tlb_end_vma. x86 pte_needs_flush:
     * 16 written pages losing write ⇒ 16 entries recorded ⇒ 16 INVLPG (≤ 33). 16 zero-page entries
     * (already read-only) made read-only change nothing the TLB could hold ⇒ no flush at all.
     * Making the first range writable again gives the AnonExclusive pages their write bit back
     * (can_change_pte_writable), and _PAGE_RW is flush-on-change ⇒ 16 more INVLPG.
     */
    @Test
    void mprotectFlushesOnlyEntriesThatChangeOnX86() {
        Kernel k = kernel();
        long a = 0x30_0000_0000L;
        long b = 0x31_0000_0000L;
        new Trace()
                .mmap(a, 16 * 4096, RW, ANON | Flags.MAP_FIXED)
                .write(a, 16 * 4096)
                .mprotect(a, 16 * 4096, RO)
                .mmap(b, 16 * 4096, RW, ANON | Flags.MAP_FIXED)
                .read(b, 16 * 4096)
                .mprotect(b, 16 * 4096, RO)
                .mprotect(a, 16 * 4096, RW)
                .run(k);
        LedgerSnapshot s = k.result().ledger();
        PrimitiveCounts pte = s.self("mprotect;mprotect_fixup;change_pte_range");
        assertEquals(48, pte.get(Primitive.PTEP_GET));
        assertEquals(48, pte.get(Primitive.PTE_XCHG));
        assertEquals(48, pte.get(Primitive.PTE_W));
        assertEquals(32, s.self("mprotect;mprotect_fixup;tlb_end_vma;tlb_flush_mmu_tlbonly" + FLUSH).get(Primitive.INVLPG));
        assertEquals(32, s.inclusive("mprotect").get(Primitive.INVLPG));
    }
}
