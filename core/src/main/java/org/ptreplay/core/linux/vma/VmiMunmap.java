package org.ptreplay.core.linux.vma;

import org.ptreplay.core.linux.memory.Unmap;
import org.ptreplay.core.linux.mmap_lock.MmapLock;
import java.util.List;
import org.ptreplay.spi.ops.Frame;
import org.ptreplay.core.state.KernelState;
import org.ptreplay.core.state.Errno;
import org.ptreplay.core.state.Mm;
import org.ptreplay.core.state.Vma;
import org.ptreplay.core.state.VmaTree;

/**
 * {@code do_vmi_munmap}: split the VMAs at the range ends, detach them, and clear their page
 * tables with floor and ceiling set by the neighbours. Unmapping nothing succeeds. VMA work is
 * charged as docs/kernel-model.md §2.7 lists it.
 */
public final class VmiMunmap {
    private static final Frame DO_VMI_MUNMAP = Frame.of("do_vmi_munmap");

    private final KernelState cell;
    private final Unmap unmap;

    public VmiMunmap(KernelState cell, Unmap unmap) {
        this.cell = cell;
        this.unmap = unmap;
    }

    /** @return 0, or -EINVAL for an unaligned start or a bad length */
    public long munmap(Mm mm, long start, long len) {
        KernelState c = cell;
        long page = c.pageSize();
        if ((start & (page - 1)) != 0 || len > c.taskSize() || start > c.taskSize() - len) {
            return Errno.EINVAL;
        }
        len = (len + page - 1) & -page;
        if (len == 0) {
            return Errno.EINVAL;
        }
        // __vm_munmap: the mmap lock around do_vmi_munmap (§2.10).
        MmapLock.lock(c, mm);
        unmapRange(mm, start, start + len);
        return 0;
    }

    /** The unmap itself, for callers that validated the range. */
    public void unmapRange(Mm mm, long start, long end) {
        VmaTree t = mm.vmas();
        // vma_find: one walk, also when nothing is mapped (§2.7).
        VmaWork.find(c(), mm, start);
        if (!t.anyIn(start, end)) {
            return;
        }
        c().ledger.enter(DO_VMI_MUNMAP);
        // vms_gather_munmap_vmas: __split_vma at a range end that falls inside a VMA, then each
        // VMA stored in the detached tree.
        List<Vma> detached = VmaWork.isolate(c(), mm, start, end);
        VmaWork.detach(c(), detached);
        Vma prev = t.below(start);
        Vma next = t.findVma(end);
        for (Vma v : detached) {
            t.remove(v);
        }
        // vms_complete_munmap_vmas: the range cleared from the mm's tree in one store, the page
        // tables torn down, then remove_vma frees each VMA.
        VmaWork.store(c(), mm, start, null);
        // vms_complete_munmap_vmas: total_vm and the data, exec and stack counts go down (§2.10).
        MmapLock.vmStatAccount(c(), mm);
        unmap.clearPtes(mm, detached, prev == null ? 0 : prev.end(), next == null ? 0 : next.start());
        for (Vma v : detached) {
            VmaWork.release(c(), v);
        }
        c().ledger.exit(DO_VMI_MUNMAP);
    }

    private KernelState c() {
        return cell;
    }
}
