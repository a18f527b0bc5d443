package org.ptreplay.core.linux.gup;

import org.ptreplay.spi.ops.Frame;
import org.ptreplay.core.linux.memory.Fault;
import org.ptreplay.core.state.KernelState;
import org.ptreplay.core.state.Mm;
import org.ptreplay.core.state.VmFlags;
import org.ptreplay.core.state.Vma;

/**
 * {@code __mm_populate} / {@code populate_vma_page_range}: fault in every page of a range the
 * way GUP does; a write fault for private writable VMAs, a read fault otherwise.
 */
public final class Populate {
    private static final Frame MM_POPULATE = Frame.of("__mm_populate");

    private Populate() {
    }

    public static void populate(KernelState cell, Fault fault, Mm mm, long start, long end, boolean forceWrite) {
        if (cell.vmaOnly) {
            return;
        }
        cell.ledger.enter(MM_POPULATE);
        long page = cell.pageSize();
        for (Vma v : mm.vmas().intersecting(start, end)) {
            boolean write = forceWrite
                    || (v.flags() & (VmFlags.VM_WRITE | VmFlags.VM_SHARED)) == VmFlags.VM_WRITE;
            long s = Math.max(start, v.start());
            long e = Math.min(end, v.end());
            for (long a = s; a < e; a += page) {
                if (!fault.mapped(mm, a, write)) {
                    fault.handleMmFault(mm, v, a, write);
                }
            }
        }
        cell.ledger.exit(MM_POPULATE);
    }
}
