package org.ptreplay.core.linux.memory;

import org.ptreplay.core.ledger.StrategyContractException;
import org.ptreplay.spi.ZapPtesStrategy;
import org.ptreplay.spi.KernelPath;
import org.ptreplay.core.linux.swap.Swap;
import java.util.List;
import org.ptreplay.spi.ops.Frame;
import org.ptreplay.spi.ops.Ledger;
import org.ptreplay.spi.ops.Primitive;
import org.ptreplay.spi.ops.Pte;
import org.ptreplay.core.state.KernelState;
import org.ptreplay.core.state.Mm;
import org.ptreplay.core.state.Vma;
import org.ptreplay.core.pgtable.PageWalk;
import org.ptreplay.core.pgtable.TableMemory;
import org.ptreplay.core.linux.huge_memory.HugePmd;
import org.ptreplay.core.linux.mmu_gather.MmuGather;

/**
 * Page-table teardown (docs/kernel-model.md §4): {@code unmap_vmas} walks the tables of the
 * unmapped VMAs and hands each PTE table to the zap strategy inside the {@code zap_pte_range}
 * frame, {@code free_pgtables} frees the tables no remaining VMA can use, and the mmu_gather
 * flushes and frees. Used by munmap, MAP_FIXED replacement, mremap's source unmap, brk shrink,
 * MADV_DONTNEED and exit.
 */
public final class Unmap {
    private static final Frame UNMAP_VMAS = Frame.of("unmap_vmas");
    private static final Frame ZAP_PTE_RANGE = Frame.of("zap_pte_range");
    private static final Frame FREE_PGTABLES = Frame.of("free_pgtables");
    private static final Frame ZAP_PAGE_RANGE = Frame.of("zap_page_range_single");
    private static final Frame TLB_END_VMA = Frame.of("tlb_end_vma");

    private final KernelState cell;
    private final Ledger ledger;
    private final TableMemory mem;
    private final PageWalk walk;
    private final HugePmd huge;
    private final ZapPtesCtx ctx;
    private final ZapPtesStrategy zapPtes;
    /**
     * The flush releases through ≤ 6.8's {@code release_pages}, a release property
     * ({@code KernelConfig.freeSwapCacheBatched}, {@link MmuGather#MmuGather}) and not the zap
     * strategy's: a plugin's zap runs on whichever release its cell names.
     */
    private final boolean releasePages;

    public Unmap(KernelState cell, HugePmd huge) {
        this.cell = cell;
        this.zapPtes = cell.strategy(KernelPath.ZAP_PTES, ZapPtesStrategy.class);
        this.releasePages = !cell.config.freeSwapCacheBatched();
        this.ledger = cell.ledger;
        this.mem = cell.mem;
        this.walk = cell.walk;
        this.huge = huge;
        this.ctx = new ZapPtesCtx(cell);
    }

    /**
     * {@code vms_clear_ptes}: zap and free the tables of VMAs already removed from the tree.
     *
     * @param floor   end of the VMA below the hole (0 if none)
     * @param ceiling start of the VMA above the hole (0 if none: the top of the address space)
     */
    public void clearPtes(Mm mm, List<Vma> detached, long floor, long ceiling) {
        if (detached.isEmpty()) {
            return;
        }
        // unmap_region: lru_add_drain() first (docs/kernel-model.md §4.4).
        Swap.lruAddDrain(cell);
        MmuGather tlb = new MmuGather(cell, mm, false, releasePages);
        unmapVmas(tlb, detached);
        freePgtables(tlb, detached, floor, ceiling);
        tlb.finish();
    }

    /**
     * The page-table part of {@code exit_mmap}: {@code lru_add_drain}, then a fullmm gather over
     * {@code unmap_vmas} and {@code free_pgtables} of every VMA, and {@code tlb_finish_mmu}.
     */
    public void unmapAll(Mm mm) {
        List<Vma> all = mm.vmas().all();
        // exit_mmap: lru_add_drain() before the teardown (docs/kernel-model.md §4.4).
        Swap.lruAddDrain(cell);
        MmuGather tlb = new MmuGather(cell, mm, true, releasePages);
        if (!all.isEmpty()) {
            unmapVmas(tlb, all);
            freePgtables(tlb, all, 0, 0);
        }
        tlb.finish();
    }

    /**
     * {@code zap_page_range_single} (MADV_DONTNEED): zaps [start, end) of one VMA that stays
     * mapped; tables are not freed.
     */
    public void zapRange(Mm mm, Vma vma, long start, long end) {
        ledger.enter(ZAP_PAGE_RANGE);
        Swap.lruAddDrain(cell);
        MmuGather tlb = new MmuGather(cell, mm, false, releasePages);
        ledger.charge(Primitive.NOTIFIER);
        zapLevel(tlb, vma, mm.pgd(), walk.levels(), start, end);
        tlbEndVma(tlb);
        tlb.finish();
        ledger.exit(ZAP_PAGE_RANGE);
    }

    private void unmapVmas(MmuGather tlb, List<Vma> vmas) {
        ledger.enter(UNMAP_VMAS);
        // One mmu_notifier range around the whole unmap_vmas call.
        ledger.charge(Primitive.NOTIFIER);
        for (Vma v : vmas) {
            zapLevel(tlb, v, tlb.mm().pgd(), walk.levels(), v.start(), v.end());
            tlbEndVma(tlb);
        }
        ledger.exit(UNMAP_VMAS);
    }

    /**
     * {@code tlb_end_vma} after each VMA's {@code unmap_page_range} (include/asm-generic/tlb.h,
     * docs/kernel-model.md §4.2): a non-fullmm gather flushes what this VMA cleared, so munmap
     * flushes once per VMA (nothing if no PTE was cleared) and again in {@code tlb_finish_mmu}
     * for the freed tables. The pages stay gathered until then. A fullmm gather (exit) skips it.
     */
    private void tlbEndVma(MmuGather tlb) {
        if (tlb.fullMm() || !tlb.hasRange()) {
            return;
        }
        ledger.enter(TLB_END_VMA);
        tlb.flushTlbOnly();
        ledger.exit(TLB_END_VMA);
    }

    /** zap_p4d/pud/pmd_range: visit the populated entries of [addr, end) in one table of {@code level}. */
    private void zapLevel(MmuGather tlb, Vma vma, long table, int level, long addr, long end) {
        int shift = walk.shift(level);
        long span = 1L << shift;
        while (addr < end) {
            long next = Math.min((addr & -span) + span, end);
            long ep = mem.ptep(table, walk.index(level, addr));
            long e = mem.peek(ep);
            if (e != Pte.NONE) {
                if (level == 2) {
                    zapPmd(tlb, vma, ep, addr, next);
                } else {
                    zapLevel(tlb, vma, PageWalk.tableOf(e), level - 1, addr, next);
                }
            }
            addr = next;
        }
    }

    private void zapPmd(MmuGather tlb, Vma vma, long pmdp, long addr, long next) {
        long pmd = mem.peek(pmdp);
        if (HugePmd.isLeaf(pmd)) {
            long haddr = addr & -cell.geo.pmdSize();
            if (addr == haddr && next - addr == cell.geo.pmdSize()) {
                huge.zap(tlb, haddr, pmdp);
                return;
            }
            huge.split(tlb.mm(), haddr, pmdp);
            pmd = mem.peek(pmdp);
        }
        zapPteRange(tlb, vma, PageWalk.tableOf(pmd), addr, next);
    }

    /** The {@code zap_pte_range} frame: lock, strategy loop, forced flushes inside the lock, retry. */
    private void zapPteRange(MmuGather tlb, Vma vma, long table, long addr, long end) {
        ledger.enter(ZAP_PTE_RANGE);
        long ptep = mem.ptep(table, walk.index(1, addr));
        cell.entries.zapped += mem.countPresent(ptep, (int) ((end - addr) >>> cell.pageShift()));
        if (cell.rangePaths) {
            // The range-level path (issue #15): the strategy's loop runs inside an L1 run of the
            // ledger, so the runs of none entries an emptied range leaves cost one full access per
            // cache line, not one per entry, whatever the strategy.
            cell.ledger.openL1Run();
            try {
                zapPteRangeLoop(tlb, addr, end, ptep);
            } finally {
                cell.ledger.closeL1Run();
            }
        } else {
            zapPteRangeLoop(tlb, addr, end, ptep);
        }
        ledger.exit(ZAP_PTE_RANGE);
    }

    /** The strategy's loop under the PTL, with the forced flushes inside the lock and the retries. */
    private void zapPteRangeLoop(MmuGather tlb, long addr, long end, long ptep) {
        while (true) {
            ledger.charge(Primitive.PTL);
            ctx.reset(tlb, addr, end, ptep);
            long done = zapPtes.zapPteRange(ctx);
            if (done < addr || done > end) {
                throw new StrategyContractException(zapPtes, "zapPteRange returned 0x" + Long.toHexString(done)
                        + ", outside its extent [0x" + Long.toHexString(addr) + ", 0x" + Long.toHexString(end) + "]");
            }
            if (done == end) {
                break;
            }
            // force_flush: flush the TLB inside the PTL, then free the pages after unlocking.
            tlb.flushTlbOnly();
            tlb.flush();
            ptep += ((done - addr) >>> cell.pageShift()) * 8L;
            addr = done;
        }
    }

    /** {@code free_pgtables}: nearby VMAs are freed in one {@code free_pgd_range} call. */
    private void freePgtables(MmuGather tlb, List<Vma> vmas, long floor, long ceiling) {
        ledger.enter(FREE_PGTABLES);
        long pmdSize = cell.geo.pmdSize();
        int i = 0;
        while (i < vmas.size()) {
            long addr = vmas.get(i).start();
            int j = i;
            while (j + 1 < vmas.size() && vmas.get(j + 1).start() <= vmas.get(j).end() + pmdSize) {
                j++;
            }
            long next = j + 1 < vmas.size() ? vmas.get(j + 1).start() : ceiling;
            freePgdRange(tlb, addr, vmas.get(j).end(), floor, next);
            i = j + 1;
        }
        ledger.exit(FREE_PGTABLES);
    }

    /**
     * {@code free_pgd_range}: frees the tables mapping only [addr, end), never one that reaches
     * below {@code floor} or at/above {@code ceiling} (0 = no ceiling). Unsigned comparisons as in the kernel.
     */
    private void freePgdRange(MmuGather tlb, long addr, long end, long floor, long ceiling) {
        long pmdMask = -cell.geo.pmdSize();
        addr &= pmdMask;
        if (Long.compareUnsigned(addr, floor) < 0) {
            addr += cell.geo.pmdSize();
            if (addr == 0) {
                return;
            }
        }
        if (ceiling != 0) {
            ceiling &= pmdMask;
            if (ceiling == 0) {
                return;
            }
        }
        if (Long.compareUnsigned(end - 1, ceiling - 1) > 0) {
            end -= cell.geo.pmdSize();
        }
        if (Long.compareUnsigned(addr, end - 1) > 0) {
            return;
        }
        freeLevel(tlb, tlb.mm().pgd(), walk.levels(), addr, end, floor, ceiling);
    }

    /** free_p4d/pud/pmd/pte_range over the entries of one table of {@code level}. */
    private void freeLevel(MmuGather tlb, long table, int level, long addr, long end, long floor, long ceiling) {
        long span = 1L << walk.shift(level);
        do {
            long next = (addr & -span) + span;
            if (Long.compareUnsigned(next - 1, end - 1) > 0) {
                next = end;
            }
            long ep = mem.ptep(table, walk.index(level, addr));
            long e = mem.peek(ep);
            long child = PageWalk.tableOf(e);
            if (child >= 0) {
                if (level == 2) {
                    // free_pte_range: the PTE table below a PMD entry.
                    mem.writePte(ep, Pte.NONE);
                    tlb.freeTable(addr, child, 1);
                } else {
                    freeLevel(tlb, child, level - 1, addr, next, floor, ceiling);
                    if (mayFreeBelow(addr, next, span, floor, ceiling)) {
                        mem.writePte(ep, Pte.NONE);
                        tlb.freeTable(addr & -span, child, level - 1);
                    }
                }
            }
            addr = next;
        } while (addr != end);
    }

    /** The floor/ceiling test of free_pmd_range and its siblings for the table under one entry. */
    private static boolean mayFreeBelow(long start, long end, long span, long floor, long ceiling) {
        start &= -span;
        if (Long.compareUnsigned(start, floor) < 0) {
            return false;
        }
        if (ceiling != 0) {
            ceiling &= -span;
            if (ceiling == 0) {
                return false;
            }
        }
        return Long.compareUnsigned(end - 1, ceiling - 1) <= 0;
    }
}
