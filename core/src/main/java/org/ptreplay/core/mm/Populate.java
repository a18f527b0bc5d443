package org.ptreplay.core.mm;

import org.ptreplay.core.kernel.Frame;

/**
 * {@code __mm_populate} / {@code populate_vma_page_range}: fault in every page of a range the
 * way GUP does; a write fault for private writable VMAs, a read fault otherwise.
 */
final class Populate {
    private static final Frame MM_POPULATE = Frame.of("__mm_populate");

    private Populate() {
    }

    static void populate(Kpaths k, Mm mm, long start, long end, boolean forceWrite) {
        if (k.cell().vmaOnly) {
            return;
        }
        k.cell().ledger.enter(MM_POPULATE);
        long page = k.cell().pageSize();
        for (Vma v : mm.vmas().intersecting(start, end)) {
            boolean write = forceWrite
                    || (v.flags() & (VmFlags.VM_WRITE | VmFlags.VM_SHARED)) == VmFlags.VM_WRITE;
            long s = Math.max(start, v.start());
            long e = Math.min(end, v.end());
            for (long a = s; a < e; a += page) {
                if (!k.fault().mapped(mm, a, write)) {
                    k.fault().handleMmFault(mm, v, a, write);
                }
            }
        }
        k.cell().ledger.exit(MM_POPULATE);
    }
}
