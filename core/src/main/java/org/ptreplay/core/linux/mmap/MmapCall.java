package org.ptreplay.core.linux.mmap;

import org.ptreplay.core.linux.mmap_lock.MmapLock;
import org.ptreplay.core.linux.memory.Fault;
import org.ptreplay.trace.Flags;
import org.ptreplay.core.linux.gup.Populate;
import org.ptreplay.core.linux.vma.VmaWork;
import org.ptreplay.core.linux.vma.VmiMunmap;
import org.ptreplay.core.state.KernelState;
import org.ptreplay.core.state.Divergences;
import org.ptreplay.core.state.Errno;
import org.ptreplay.core.state.Mm;
import org.ptreplay.core.state.VmFlags;
import org.ptreplay.core.state.Vma;

/**
 * mmap(2) ({@code do_mmap} / {@code mmap_region}): argument checks with Linux's errno, placement
 * (hint, MAP_FIXED replacing what is there, MAP_FIXED_NOREPLACE refusing with EEXIST), the new
 * VMA merged with compatible neighbours, and MAP_POPULATE / MAP_LOCKED population.
 */
public final class MmapCall {
    private static final int MAP_TYPE = 0x0f;

    private final KernelState cell;
    private final Fault fault;
    private final UnmappedArea area;
    private final VmiMunmap munmap;
    private long nextShmem;

    public MmapCall(KernelState cell, Fault fault, UnmappedArea area, VmiMunmap munmap) {
        this.cell = cell;
        this.fault = fault;
        this.area = area;
        this.munmap = munmap;
    }

    /**
     * @param recorded the address the trace says mmap returned, or a negative value when unknown;
     *                 used for placement when that range is free, so later events find their memory
     */
    public long mmap(Mm mm, long addr, long len, int prot, int flags, int fd, long off, long recorded, Divergences div) {
        KernelState c = cell;
        long page = c.pageSize();
        if ((off & (page - 1)) != 0) {
            return Errno.EINVAL;
        }
        int type = flags & MAP_TYPE;
        if (type != Flags.MAP_SHARED && type != Flags.MAP_PRIVATE && type != Flags.MAP_SHARED_VALIDATE) {
            return Errno.EINVAL;
        }
        if (len == 0) {
            return Errno.EINVAL;
        }
        len = (len + page - 1) & -page;
        if (len == 0 || len > c.taskSize()) {
            return Errno.ENOMEM;
        }
        boolean anon = (flags & Flags.MAP_ANONYMOUS) != 0;
        if (!anon && fd < 0) {
            return Errno.EBADF;
        }
        boolean shared = type != Flags.MAP_PRIVATE;
        // vm_mmap_pgoff: the mmap lock around do_mmap (§2.10).
        MmapLock.lock(c, mm);
        boolean noreplace = (flags & Flags.MAP_FIXED_NOREPLACE) != 0;
        boolean fixed = noreplace || (flags & Flags.MAP_FIXED) != 0;
        long start;
        if (fixed) {
            if ((addr & (page - 1)) != 0) {
                return Errno.EINVAL;
            }
            if (addr > c.taskSize() - len) {
                return Errno.ENOMEM;
            }
            if (noreplace && mm.vmas().anyIn(addr, addr + len)) {
                return Errno.EEXIST;
            }
            start = addr;
        } else {
            if (addr == 0 && !mm.mmapBaseLearned && recorded > 0 && (recorded & (page - 1)) == 0
                    && recorded + len <= c.taskSize()) {
                // ASLR randomises mmap_base; the first unhinted mapping the trace placed shows
                // where the top-down search started (execve's own mappings lie above it).
                mm.mmapBase = recorded + len;
                mm.mmapBaseLearned = true;
            }
            start = area.get(mm, addr, len, anon && !shared, anon ? -1 : off);
            // get_unmapped_area: the gap search is one walk of the VMA tree (§2.7), down to the
            // gap it picks (the top of the tree when none fits).
            VmaWork.walk(c, mm, start >= 0 ? start : c.taskSize());
            if (recorded >= 0 && recorded != start && (recorded & (page - 1)) == 0 && area.free(mm, recorded, len)) {
                div.report("mmap placement", recorded, start);
                start = recorded;
            }
            if (start < 0) {
                return Errno.ENOMEM;
            }
        }
        munmap.unmapRange(mm, start, start + len);
        int vmFlags = VmFlags.fromProt(prot) | VmFlags.VM_MAYREAD | VmFlags.VM_MAYWRITE | VmFlags.VM_MAYEXEC;
        if (shared) {
            vmFlags |= VmFlags.VM_SHARED | VmFlags.VM_MAYSHARE;
        } else if ((vmFlags & VmFlags.VM_WRITE) != 0 && (flags & Flags.MAP_NORESERVE) == 0) {
            vmFlags |= VmFlags.VM_ACCOUNT;
        }
        if ((flags & Flags.MAP_GROWSDOWN) != 0) {
            vmFlags |= VmFlags.VM_GROWSDOWN;
        }
        if ((flags & Flags.MAP_NORESERVE) != 0) {
            vmFlags |= VmFlags.VM_NORESERVE;
        }
        if ((flags & Flags.MAP_LOCKED) != 0) {
            vmFlags |= VmFlags.VM_LOCKED;
        }
        long file;
        long pgoff;
        if (anon && !shared) {
            file = -1;
            pgoff = start >>> c.pageShift();
        } else if (anon) {
            file = Vma.SHMEM_FILE_BASE + nextShmem++;
            pgoff = 0;
        } else {
            file = fd;
            pgoff = off >>> c.pageShift();
        }
        Vma v = new Vma(start, start + len, vmFlags, pgoff, file, null);
        // __mmap_region: may_expand_vm before the map, vm_stat_account after it (§2.10).
        MmapLock.vmStatAccount(c, mm);
        VmaWork.link(c, mm, v, null);
        if ((flags & (Flags.MAP_POPULATE | Flags.MAP_LOCKED)) != 0) {
            Populate.populate(cell, fault, mm, start, start + len, false);
        }
        return start;
    }
}
