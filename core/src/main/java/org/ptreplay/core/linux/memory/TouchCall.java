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
        KernelState c = cell;
        long page = c.pageSize();
        long start = addr & -page;
        long end = addr + len;
        long segv = 0;
        unmapped = 0;
        Vma v = null;
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
            if (!fault.mapped(mm, a, write)) {
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
                fault.handleMmFault(mm, v, a, write);
                c.ledger.exit(FAULT);
            }
            long pa = fault.userPa(mm, a);
            c.ledger.enter(USER);
            c.ledger.stream(pa, Math.min(page, end - a), write);
            c.ledger.exit(USER);
        }
        return segv;
    }
}
