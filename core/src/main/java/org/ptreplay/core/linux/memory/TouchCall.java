package org.ptreplay.core.linux.memory;

import org.ptreplay.spi.ops.Frame;
import org.ptreplay.core.linux.maple_tree.MapleTree;
import org.ptreplay.spi.ops.Primitive;
import org.ptreplay.core.state.KernelState;
import org.ptreplay.core.state.Mm;
import org.ptreplay.core.state.VmFlags;
import org.ptreplay.core.state.Vma;

/**
 * A touch event: the task accesses every page of a range. Pages the page tables already allow
 * cost only the user-data stream (charged under {@code user}); the others take a page fault under
 * {@code fault}: the exception, the VMA lookup under the per-VMA lock, then {@code handle_mm_fault}.
 * An access no VMA permits would be a SIGSEGV: it is reported and the page skipped.
 */
public final class TouchCall {
    private long unmapped;
    private static final Frame FAULT = Frame.of("fault");
    private static final Frame USER = Frame.of("user");
    private static final Frame LOCK_VMA_UNDER_RCU = Frame.of("lock_vma_under_rcu");

    private final KernelState cell;
    private final Fault fault;

    public TouchCall(KernelState cell, Fault fault) {
        this.cell = cell;
        this.fault = fault;
    }

    /** Of the last touch's SIGSEGV pages, those in no VMA at all (the rest lacked permission). */
    public long lastUnmappedPages() {
        return unmapped;
    }

    /** @return the number of pages that would have raised SIGSEGV */
    public long touch(Mm mm, long addr, long len, boolean write) {
        if (!cell.rangePaths) {
            return touchPages(mm, addr, len, write, false);
        }
        // The range-level path (issue #15): the touch runs inside an L1 run of the ledger, so the
        // fault path's repeated accesses to the lines it touched last (the PTE line read and
        // then written, a struct page's REF, MAP and AE) are batched; a user-data stream applies
        // the batch and the run tracks afresh after it.
        cell.ledger.openL1Run();
        try {
            return touchPages(mm, addr, len, write, true);
        } finally {
            cell.ledger.closeL1Run();
        }
    }

    /**
     * The loop over the pages. The hardware walk that decides whether a page faults, the walk of
     * {@code handle_mm_fault} and the one that finds the user data's page all reach the same PMD
     * entry: with {@code byExtent} its address is found once per PMD extent (a fault never frees
     * a table, so it stays valid; missing tables are walked to again after the fault that
     * allocates them), else three walks per page. The walks are uncharged reads: the same result.
     */
    private long touchPages(Mm mm, long addr, long len, boolean write, boolean byExtent) {
        KernelState c = cell;
        long page = c.pageSize();
        long pmdSize = c.geo.pmdSize();
        long start = addr & -page;
        long end = addr + len;
        long segv = 0;
        unmapped = 0;
        Vma v = null;
        long pmdp = -1;
        long extentEnd = start;
        for (long a = start; a < end; a += page) {
            if (v == null || a >= v.end() || a < v.start()) {
                v = mm.vmas().lookup(a);
            }
            int need = write ? VmFlags.VM_WRITE : VmFlags.VM_READ;
            if (v == null || (v.flags() & need) == 0) {
                segv++;
                if (v == null) {
                    unmapped++;
                }
                continue;
            }
            if (!byExtent) {
                pmdp = c.walk.entry(mm.pgd(), a, 2);
            } else if (a >= extentEnd || pmdp < 0) {
                pmdp = c.walk.entry(mm.pgd(), a, 2);
                extentEnd = (a & -pmdSize) + pmdSize;
            }
            if (!fault.mappedAt(pmdp, a, write)) {
                c.ledger.enter(FAULT);
                // The exception and the VMA lookup under the per-VMA lock (docs/kernel-model.md §5).
                c.ledger.charge(Primitive.EXC);
                c.ledger.enter(LOCK_VMA_UNDER_RCU);
                // mas_walk to the VMA, then vma_start_read on its lock (docs/kernel-model.md §2.8).
                c.ledger.charge(Primitive.VMA_WALK);
                MapleTree.walk(c, mm, a);
                c.ledger.touch(Primitive.VMA_LINE, c.vmaAddress(v));
                c.ledger.charge(Primitive.VMA_LOCK);
                c.ledger.exit(LOCK_VMA_UNDER_RCU);
                fault.handleMmFault(mm, v, a, write, byExtent ? pmdp : -1);
                c.ledger.exit(FAULT);
                if (!byExtent || pmdp < 0) {
                    pmdp = c.walk.entry(mm.pgd(), a, 2);
                }
            }
            long pa = fault.userPaAt(pmdp, a);
            c.ledger.enter(USER);
            c.ledger.stream(pa, Math.min(page, end - a), write);
            c.ledger.exit(USER);
        }
        return segv;
    }
}
