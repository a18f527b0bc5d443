package org.ptreplay.core.linux.memory;

import org.ptreplay.core.kernel.Frame;
import org.ptreplay.core.state.KernelState;
import org.ptreplay.core.state.Mm;
import org.ptreplay.core.state.VmFlags;
import org.ptreplay.core.state.Vma;

/**
 * A touch event: the task accesses every page of a range. Pages the page tables already allow
 * cost only the user-data stream (charged under {@code user}); the others take a page fault under
 * {@code fault}. An access no VMA permits would be a SIGSEGV: it is reported and the page skipped.
 */
public final class TouchCall {
    private static final Frame FAULT = Frame.of("fault");
    private static final Frame USER = Frame.of("user");

    private final KernelState cell;
    private final Fault fault;

    public TouchCall(KernelState cell, Fault fault) {
        this.cell = cell;
        this.fault = fault;
    }

    /** @return the number of pages that would have raised SIGSEGV */
    public long touch(Mm mm, long addr, long len, boolean write) {
        KernelState c = cell;
        long page = c.pageSize();
        long start = addr & -page;
        long end = addr + len;
        long segv = 0;
        Vma v = null;
        for (long a = start; a < end; a += page) {
            if (v == null || a >= v.end() || a < v.start()) {
                v = mm.vmas().lookup(a);
            }
            int need = write ? VmFlags.VM_WRITE : VmFlags.VM_READ;
            if (v == null || (v.flags() & need) == 0) {
                segv++;
                continue;
            }
            if (!fault.mapped(mm, a, write)) {
                c.ledger.enter(FAULT);
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
