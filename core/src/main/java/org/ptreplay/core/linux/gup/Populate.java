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
        if (cell.rangePaths) {
            // The range-level path (issue #15): the faults run inside an L1 run of the ledger
            // (as TouchCall's), and the PMD entry is walked to once per PMD extent.
            cell.ledger.openL1Run();
            try {
                populatePages(cell, fault, mm, start, end, forceWrite, true);
            } finally {
                cell.ledger.closeL1Run();
            }
        } else {
            populatePages(cell, fault, mm, start, end, forceWrite, false);
        }
        cell.ledger.exit(MM_POPULATE);
    }

    /** As TouchCall's loop: with {@code byExtent} one walk per PMD extent (and after a fault that allocated tables). */
    private static void populatePages(KernelState cell, Fault fault, Mm mm, long start, long end, boolean forceWrite,
                                      boolean byExtent) {
        long page = cell.pageSize();
        long pmdSize = cell.geo.pmdSize();
        for (Vma v : mm.vmas().intersecting(start, end)) {
            boolean write = forceWrite
                    || (v.flags() & (VmFlags.VM_WRITE | VmFlags.VM_SHARED)) == VmFlags.VM_WRITE;
            long s = Math.max(start, v.start());
            long e = Math.min(end, v.end());
            long pmdp = -1;
            long extentEnd = s;
            for (long a = s; a < e; a += page) {
                if (!byExtent || a >= extentEnd || pmdp < 0) {
                    pmdp = cell.walk.entry(mm.pgd(), a, 2);
                    extentEnd = (a & -pmdSize) + pmdSize;
                }
                if (!fault.mappedAt(pmdp, a, write)) {
                    fault.handleMmFault(mm, v, a, write, byExtent ? pmdp : -1);
                }
            }
        }
    }
}
