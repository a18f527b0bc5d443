package org.ptreplay.core.linux.mprotect;

import org.ptreplay.spi.ops.Frame;
import org.ptreplay.trace.Flags;
import org.ptreplay.core.linux.mmap_lock.MmapLock;
import org.ptreplay.core.linux.vma.VmaWork;
import org.ptreplay.core.state.KernelState;
import org.ptreplay.core.state.Errno;
import org.ptreplay.core.state.Mm;
import org.ptreplay.core.state.VmFlags;
import org.ptreplay.core.state.Vma;

/**
 * mprotect(2) ({@code do_mprotect_pkey} → {@code mprotect_fixup} → {@code change_protection}):
 * the VMAs are split and merged, and the page tables of each VMA whose protection changes are
 * rewritten by {@link org.ptreplay.core.linux.mprotect.ChangeProtection} under one mmu_gather for the
 * whole call (flushed per VMA at {@code tlb_end_vma}).
 */
public final class MprotectCall {
    private static final Frame MPROTECT_FIXUP = Frame.of("mprotect_fixup");
    private static final int PROT_KNOWN = Flags.PROT_READ | Flags.PROT_WRITE | Flags.PROT_EXEC;
    private static final int PROT_SEM = 0x8;
    private static final int PROT_GROWSDOWN = 0x01000000;
    private static final int PROT_GROWSUP = 0x02000000;

    private final KernelState cell;
    private final ChangeProtection protect;

    public MprotectCall(KernelState cell, ChangeProtection protect) {
        this.cell = cell;
        this.protect = protect;
    }

    public long mprotect(Mm mm, long start, long lenIn, int prot) {
        KernelState c = cell;
        long page = c.pageSize();
        if ((start & (page - 1)) != 0 || (prot & ~(PROT_KNOWN | PROT_SEM | PROT_GROWSDOWN | PROT_GROWSUP)) != 0) {
            return Errno.EINVAL;
        }
        if (lenIn == 0) {
            return 0;
        }
        long len = (lenIn + page - 1) & -page;
        long end = start + len;
        if (len == 0 || end <= start) {
            return Errno.ENOMEM;
        }
        int newProt = VmFlags.fromProt(prot);
        long a = start;
        // do_mprotect_pkey: one walk to the first VMA of the range (§2.7).
        // do_mprotect_pkey: the mmap lock after the argument checks (§2.10).
        MmapLock.lock(c, mm);
        VmaWork.find(c, mm, start);
        protect.begin(mm);
        try {
            for (Vma v : mm.vmas().intersecting(start, end)) {
                if (v.start() > a) {
                    return Errno.ENOMEM;
                }
                if ((newProt & VmFlags.VM_WRITE) != 0 && !v.has(VmFlags.VM_MAYWRITE)) {
                    return Errno.EACCES;
                }
                long s = Math.max(start, v.start());
                long e = Math.min(end, v.end());
                fixup(mm, v, s, e, newProt);
                a = e;
            }
        } finally {
            protect.finish();
        }
        return a < end ? Errno.ENOMEM : 0;
    }

    private void fixup(Mm mm, Vma v, long s, long e, int newProt) {
        int newFlags = (v.flags() & ~VmFlags.PROT_MASK) | newProt;
        if (newFlags == v.flags()) {
            return;
        }
        var ledger = cell.ledger;
        ledger.enter(MPROTECT_FIXUP);
        int oldFlags = v.flags();
        java.util.List<Vma> pieces = VmaWork.isolate(cell, mm, s, e);
        for (Vma p : pieces) {
            p.flags = newFlags;
        }
        protect.changeProtection(mm, s, e, oldFlags, newFlags);
        for (Vma p : pieces) {
            if (mm.vmas().lookup(p.start()) == p) {
                VmaWork.mergeAround(cell, mm, p);
            }
        }
        ledger.exit(MPROTECT_FIXUP);
    }
}
