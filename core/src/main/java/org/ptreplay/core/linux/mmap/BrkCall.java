package org.ptreplay.core.linux.mmap;

import org.ptreplay.core.linux.mmap_lock.MmapLock;
import org.ptreplay.core.state.KernelState;
import org.ptreplay.core.linux.vma.VmaWork;
import org.ptreplay.core.linux.vma.VmiMunmap;
import org.ptreplay.core.state.Mm;
import org.ptreplay.core.state.VmFlags;
import org.ptreplay.core.state.Vma;

/**
 * brk(2): grows the heap VMA (or creates it) above start_brk, shrinks it with an unmap, and
 * answers the current break for requests it refuses (below start_brk, colliding with a mapping).
 */
public final class BrkCall {
    private static final int BRK_FLAGS = VmFlags.VM_READ | VmFlags.VM_WRITE | VmFlags.VM_MAYREAD
            | VmFlags.VM_MAYWRITE | VmFlags.VM_MAYEXEC | VmFlags.VM_ACCOUNT;

    private final KernelState cell;
    private final VmiMunmap munmap;

    public BrkCall(KernelState cell, VmiMunmap munmap) {
        this.cell = cell;
        this.munmap = munmap;
    }

    /**
     * @param recorded the break the trace says brk returned, or negative; the first brk of an mm
     *                 adopts it as start_brk (the trace knows where the loader put the heap)
     */
    public long brk(Mm mm, long addr, long recorded) {
        long page = cell.pageSize();
        // SYSCALL_DEFINE1(brk) takes the mmap lock first (§2.10).
        MmapLock.lock(cell, mm);
        if (!mm.brkSet && recorded > 0 && (addr == 0 || addr == recorded)) {
            mm.startBrk = recorded;
            mm.brk = recorded;
        }
        mm.brkSet = true;
        if (addr < mm.startBrk) {
            return mm.brk;
        }
        long newBrk = (addr + page - 1) & -page;
        long oldBrk = (mm.brk + page - 1) & -page;
        if (newBrk == oldBrk) {
            mm.brk = addr;
            return addr;
        }
        if (addr <= mm.brk) {
            munmap.unmapRange(mm, newBrk, oldBrk);
            mm.brk = addr;
            return addr;
        }
        // The new heap top plus a guard page must not reach the next mapping: one walk (vma_find),
        // after which the heap VMA is the iterator's previous entry (§2.7).
        VmaWork.find(cell, mm, oldBrk);
        if (mm.vmas().anyIn(oldBrk, newBrk + page) || newBrk > cell.taskSize()) {
            return mm.brk;
        }
        Vma prev = mm.vmas().below(oldBrk);
        // do_brk_flags: may_expand_vm, then total_vm and data_vm grow (§2.10).
        MmapLock.vmStatAccount(cell, mm);
        if (prev != null && prev.end() == oldBrk && prev.isAnonymous() && prev.flags() == BRK_FLAGS) {
            // do_brk_flags extends the heap VMA in place: one store.
            mm.vmas().setEnd(prev, newBrk);
            VmaWork.store(cell, mm, oldBrk, prev);
        } else {
            Vma v = new Vma(oldBrk, newBrk, BRK_FLAGS, oldBrk >>> cell.pageShift(), -1, null);
            mm.vmas().insert(v);
            VmaWork.allocate(cell, v, null);
            VmaWork.store(cell, mm, oldBrk, v);
        }
        mm.brk = addr;
        return addr;
    }
}
