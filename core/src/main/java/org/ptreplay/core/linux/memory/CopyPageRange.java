package org.ptreplay.core.linux.memory;

import org.ptreplay.spi.CopyPtesStrategy;
import org.ptreplay.spi.KernelPath;
import org.ptreplay.spi.ops.Frame;
import org.ptreplay.spi.ops.Ledger;
import org.ptreplay.spi.ops.Primitive;
import org.ptreplay.spi.ops.Pte;
import org.ptreplay.core.state.KernelState;
import org.ptreplay.core.state.Mm;
import org.ptreplay.core.state.Vma;
import org.ptreplay.core.state.VmFlags;
import org.ptreplay.core.pgtable.PageWalk;
import org.ptreplay.core.pgtable.TableMemory;
import org.ptreplay.core.linux.huge_memory.HugePmd;

/**
 * {@code copy_page_range} (docs/kernel-model.md §3) for a VMA that {@code dup_mmap} copies:
 * hands each PMD range to the copy strategy inside the {@code copy_pte_range} frame.
 */
public final class CopyPageRange {
    private static final Frame COPY_PAGE_RANGE = Frame.of("copy_page_range");
    private static final Frame COPY_PTE_RANGE = Frame.of("copy_pte_range");

    private final KernelState cell;
    private final CopyPtesStrategy copyPtes;
    private final Ledger ledger;
    private final TableMemory mem;
    private final PageWalk walk;
    private final HugePmd huge;
    private final CopyPtesCtx ctx;

    public CopyPageRange(KernelState cell, HugePmd huge) {
        this.cell = cell;
        this.copyPtes = cell.strategy(KernelPath.COPY_PTES, CopyPtesStrategy.class);
        this.ledger = cell.ledger;
        this.mem = cell.mem;
        this.walk = cell.walk;
        this.huge = huge;
        this.ctx = new CopyPtesCtx(cell);
    }

    /** {@code copy_page_range} of one VMA that {@code vma_needs_copy}, into the child's tables. */
    public void copyPageRange(Mm parent, Mm child, Vma v) {
        ledger.enter(COPY_PAGE_RANGE);
        boolean cow = VmFlags.isCow(v.flags());
        if (cow) {
            // mmu_notifier PROTECTION_PAGE range around write-protecting the parent.
            ledger.charge(Primitive.NOTIFIER);
        }
        copyLevel(parent, child, v, parent.pgd(), walk.levels(), v.start(), v.end(), cow);
        ledger.exit(COPY_PAGE_RANGE);
    }

    private void copyLevel(Mm parent, Mm child, Vma v, long table, int level, long addr, long end, boolean cow) {
        long span = 1L << walk.shift(level);
        while (addr < end) {
            long next = Math.min((addr & -span) + span, end);
            long e = mem.peek(mem.ptep(table, walk.index(level, addr)));
            if (e != Pte.NONE) {
                if (level > 2) {
                    copyLevel(parent, child, v, PageWalk.tableOf(e), level - 1, addr, next, cow);
                } else if (HugePmd.isLeaf(e)) {
                    long dstPmd = walk.entryAlloc(child.pgd(), addr, 2);
                    huge.copy(parent, child, mem.ptep(table, walk.index(2, addr)), dstPmd);
                } else {
                    copyPteRange(parent, child, v, PageWalk.tableOf(e), addr, next, cow);
                }
            }
            addr = next;
        }
    }

    private void copyPteRange(Mm parent, Mm child, Vma v, long srcTable, long addr, long end, boolean cow) {
        ledger.enter(COPY_PTE_RANGE);
        long dstPmd = walk.entryAlloc(child.pgd(), addr, 2);
        if (mem.peek(dstPmd) == Pte.NONE) {
            walk.allocInto(dstPmd, 1);
        }
        long dstTable = PageWalk.tableOf(mem.peek(dstPmd));
        // dst PTL, then the src PTL nested; both held for the whole PMD range.
        ledger.charge(Primitive.PTL);
        ledger.charge(Primitive.PTL);
        int idx = walk.index(1, addr);
        ctx.reset(parent, child, addr, end, mem.ptep(srcTable, idx), mem.ptep(dstTable, idx), cow,
                v.has(VmFlags.VM_SHARED));
        cell.entries.copied += mem.countPresent(mem.ptep(srcTable, idx), (int) ((end - addr) >>> cell.pageShift()));
        if (cell.rangePaths) {
            // The range-level path (issue #15): the strategy's loop runs inside an L1 run of the
            // ledger: repeated touches of the source and destination lines (runs of none
            // entries, the entries of a batch) are batched, whatever the strategy.
            cell.ledger.openL1Run();
            try {
                copyPtes.copyPteRange(ctx);
            } finally {
                cell.ledger.closeL1Run();
            }
        } else {
            copyPtes.copyPteRange(ctx);
        }
        ledger.exit(COPY_PTE_RANGE);
    }
}
