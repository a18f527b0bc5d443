package org.ptreplay.core.mm;

import java.util.List;
import org.ptreplay.trace.Flags;

/**
 * mremap(2) (mm/mremap.c, 6.17 structure; docs/kernel-model.md §2.1): checks with Linux's errno,
 * shrink (unmap the tail), expand in place when the gap above is free (VMA only, no PTE work),
 * otherwise a move: {@code copy_vma} (a new VMA or a merge), {@code move_page_tables}, then the
 * source unmap unless MREMAP_DONTUNMAP. MREMAP_FIXED moves of unchanged size may span several
 * VMAs (6.17, "mm/mremap: permit mremap() move of multiple VMAs"): each moves on its own.
 */
public final class MremapCall {
    private static final int KNOWN = Flags.MREMAP_MAYMOVE | Flags.MREMAP_FIXED | Flags.MREMAP_DONTUNMAP;

    private final Kpaths k;
    private final VmiMunmap munmap;

    public MremapCall(Kpaths k, VmiMunmap munmap) {
        this.k = k;
        this.munmap = munmap;
    }

    public long mremap(Mm mm, long addr, long oldLen, long newLen, int flags, long newAddr) {
        Cell c = k.cell();
        long page = c.pageSize();
        boolean mayMove = (flags & Flags.MREMAP_MAYMOVE) != 0;
        boolean fixed = (flags & Flags.MREMAP_FIXED) != 0;
        boolean dontUnmap = (flags & Flags.MREMAP_DONTUNMAP) != 0;
        if ((flags & ~KNOWN) != 0 || ((fixed || dontUnmap) && !mayMove)) {
            return Errno.EINVAL;
        }
        if (dontUnmap && oldLen != newLen) {
            return Errno.EINVAL;
        }
        if ((addr & (page - 1)) != 0) {
            return Errno.EINVAL;
        }
        oldLen = (oldLen + page - 1) & -page;
        newLen = (newLen + page - 1) & -page;
        if (newLen == 0) {
            return Errno.EINVAL;
        }
        if (fixed) {
            if ((newAddr & (page - 1)) != 0 || newLen > c.taskSize() || newAddr > c.taskSize() - newLen) {
                return Errno.EINVAL;
            }
            if (addr < newAddr + newLen && newAddr < addr + oldLen) {
                return Errno.EINVAL;
            }
        }
        Vma vma = mm.vmas().lookup(addr);
        if (vma == null) {
            return Errno.EFAULT;
        }
        if (oldLen == 0) {
            // Duplicating a shared mapping (old_len 0) is not modelled; private ones are refused by Linux.
            return Errno.EINVAL;
        }
        boolean multi = addr + oldLen > vma.end();
        if (multi && !(fixed && oldLen == newLen)) {
            return Errno.EFAULT;
        }
        if (fixed) {
            return mremapTo(mm, addr, oldLen, newLen, newAddr, dontUnmap);
        }
        if (oldLen >= newLen) {
            if (oldLen > newLen) {
                munmap.unmapRange(mm, addr + newLen, addr + oldLen);
            }
            if (!dontUnmap) {
                return addr;
            }
        }
        if (!dontUnmap && addr + oldLen == vma.end() && expandable(mm, vma, newLen - oldLen)) {
            vma.end = addr + newLen;
            mm.vmas().mergeAround(vma);
            return addr;
        }
        if (!mayMove) {
            return Errno.ENOMEM;
        }
        long dest = k.area().get(mm, 0, newLen, vma.isAnonymous() && !vma.has(VmFlags.VM_SHARED));
        if (dest < 0) {
            return Errno.ENOMEM;
        }
        moveVma(mm, vma, addr, oldLen, newLen, dest, dontUnmap);
        return dest;
    }

    private long mremapTo(Mm mm, long addr, long oldLen, long newLen, long newAddr, boolean dontUnmap) {
        munmap.unmapRange(mm, newAddr, newAddr + newLen);
        if (oldLen > newLen) {
            munmap.unmapRange(mm, addr + newLen, addr + oldLen);
            oldLen = newLen;
        }
        List<Vma> sources = mm.vmas().intersecting(addr, addr + oldLen);
        if (sources.isEmpty() || sources.get(0).start() > addr) {
            return Errno.EFAULT;
        }
        for (Vma v : sources) {
            long s = Math.max(addr, v.start());
            long e = Math.min(addr + oldLen, v.end());
            long len = sources.size() == 1 ? newLen : e - s;
            moveVma(mm, v, s, e - s, len, newAddr + (s - addr), dontUnmap);
        }
        return newAddr;
    }

    /** The gap above the VMA is free up to the new end ({@code vma_expandable}). */
    private boolean expandable(Mm mm, Vma vma, long delta) {
        long end = vma.end() + delta;
        return end <= k.cell().taskSize() && end > vma.end() && !mm.vmas().anyIn(vma.end(), end);
    }

    /** {@code move_vma}: copy_vma, move_page_tables, then unmap the source unless DONTUNMAP. */
    private void moveVma(Mm mm, Vma vma, long oldAddr, long oldLen, long newLen, long newAddr, boolean dontUnmap) {
        int shift = k.cell().pageShift();
        long pgoff = vma.anonVma() == null && vma.isAnonymous()
                // An anon VMA that never faulted takes the pgoff of its new place, to merge better.
                ? newAddr >>> shift
                : vma.pgoffOf(oldAddr, shift);
        Vma nv = new Vma(newAddr, newAddr + newLen, vma.flags(), pgoff, vma.file(), vma.anonVma());
        mm.vmas().insert(nv);
        Vma merged = mm.vmas().mergeAround(nv);
        // copy_vma: a merged VMA may precede the old one in rmap order; a fresh one cannot.
        boolean needRmapLocks = merged != nv && merged.pgoff() <= vma.pgoffOf(oldAddr, shift);
        k.move().movePageTables(mm, oldAddr, newAddr, oldLen, needRmapLocks);
        if (!dontUnmap) {
            munmap.unmapRange(mm, oldAddr, oldAddr + oldLen);
        }
    }
}
