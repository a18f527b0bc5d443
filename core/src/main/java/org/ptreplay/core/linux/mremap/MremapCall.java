package org.ptreplay.core.linux.mremap;

import org.ptreplay.core.linux.mmap_lock.MmapLock;
import org.ptreplay.core.linux.mmap.UnmappedArea;
import org.ptreplay.trace.Flags;
import org.ptreplay.core.linux.vma.VmaWork;
import org.ptreplay.core.linux.vma.VmiMunmap;
import org.ptreplay.core.state.KernelState;
import org.ptreplay.core.state.Divergences;
import org.ptreplay.core.state.Errno;
import org.ptreplay.core.state.Mm;
import org.ptreplay.core.state.VmFlags;
import org.ptreplay.core.state.Vma;

/**
 * mremap(2) (mm/mremap.c, 6.17 structure; docs/kernel-model.md §2.1): checks with Linux's errno,
 * shrink (unmap the tail), expand in place when the gap above is free (VMA only, no PTE work),
 * otherwise a move: {@code copy_vma} (a new VMA or a merge), {@code move_page_tables}, then the
 * source unmap unless MREMAP_DONTUNMAP. MREMAP_FIXED moves of unchanged size may span several
 * VMAs (6.17, "mm/mremap: permit mremap() move of multiple VMAs"): each moves on its own.
 * Walks, stores and VMA allocations are charged as §2.7 lists them.
 */
public final class MremapCall {
    private static final int KNOWN = Flags.MREMAP_MAYMOVE | Flags.MREMAP_FIXED | Flags.MREMAP_DONTUNMAP;

    private final KernelState cell;
    private final UnmappedArea area;
    private final MovePageTables move;
    private final VmiMunmap munmap;

    public MremapCall(KernelState cell, UnmappedArea area, MovePageTables move, VmiMunmap munmap) {
        this.cell = cell;
        this.area = area;
        this.move = move;
        this.munmap = munmap;
    }

    /**
     * @param recorded the address the trace says mremap returned, or negative when unknown: a move
     *                 the model would place elsewhere goes there when that range is free, as mmap does
     */
    public long mremap(Mm mm, long addr, long oldLen, long newLen, int flags, long newAddr, long recorded,
                       Divergences div) {
        KernelState c = cell;
        long page = c.pageSize();
        boolean mayMove = (flags & Flags.MREMAP_MAYMOVE) != 0;
        boolean fixed = (flags & Flags.MREMAP_FIXED) != 0;
        boolean dontUnmap = (flags & Flags.MREMAP_DONTUNMAP) != 0;
        // check_mremap_params
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
        if (newLen == 0 || oldLen < 0 || newLen < 0) {
            return Errno.EINVAL;
        }
        if (fixed || dontUnmap) {
            // check_mremap_params, vrm_implies_new_addr (FIXED or DONTUNMAP): new_addr must be
            // aligned and in range, and the two ranges must not overlap (vrm_overlaps), which also
            // keeps remapMove's walk over the source from meeting a destination it just made.
            if ((newAddr & (page - 1)) != 0 || newLen > c.taskSize() || newAddr > c.taskSize() - newLen) {
                return Errno.EINVAL;
            }
            if (addr < newAddr + newLen && newAddr < addr + oldLen) {
                return Errno.EINVAL;
            }
        }
        // do_mremap: the mmap lock, after check_mremap_params (§2.10).
        MmapLock.lock(c, mm);
        if (fixed && oldLen == newLen) {
            return remapMove(mm, addr, oldLen, newAddr, dontUnmap);
        }
        // check_prep_vma: vma_lookup (§2.7).
        VmaWork.lookup(c, mm, addr);
        Vma vma = mm.vmas().lookup(addr);
        if (vma == null) {
            return Errno.EFAULT;
        }
        if (oldLen == 0 && !vma.has(VmFlags.VM_SHARED | VmFlags.VM_MAYSHARE)) {
            // check_prep_vma: "duplicating" a private mapping is refused.
            return Errno.EINVAL;
        }
        // No remap across VMA boundaries, except for the tail a shrink unmaps.
        if (Math.min(oldLen, newLen) > vma.end() - addr) {
            return Errno.EFAULT;
        }
        if (fixed) {
            // mremap_to: the destination goes first, then the shrunk tail; then the move.
            munmap.unmapRange(mm, newAddr, newAddr + newLen);
            if (oldLen > newLen) {
                munmap.unmapRange(mm, addr + newLen, addr + oldLen);
                oldLen = newLen;
            }
            vma = mm.vmas().lookup(addr);
            if (vma == null) {
                return Errno.EFAULT;
            }
            moveVma(mm, vma, addr, oldLen, newLen, newAddr, dontUnmap);
            return newAddr;
        }
        if (oldLen >= newLen && !dontUnmap) {
            if (oldLen > newLen) {
                munmap.unmapRange(mm, addr + newLen, addr + oldLen);
            }
            return addr;
        }
        if (!dontUnmap && oldLen > 0 && addr + oldLen == vma.end() && expandable(mm, vma, newLen - oldLen)) {
            // vma_merge_extend: one store extends the VMA, absorbing the next one if it merges;
            // may_expand_vm before it and vrm_stat_account after it share the counters' line (§2.10).
            MmapLock.vmStatAccount(c, mm);
            VmaWork.extend(c, mm, vma, addr + newLen);
            return addr;
        }
        if (!mayMove) {
            return Errno.ENOMEM;
        }
        // vrm_set_new_addr: MREMAP_DONTUNMAP makes new_addr a placement hint.
        long fileOffset = vma.isAnonymous() ? -1 : vma.pgoffOf(addr, c.pageShift()) << c.pageShift();
        long dest = area.get(mm, dontUnmap ? newAddr : 0, newLen,
                vma.isAnonymous() && !vma.has(VmFlags.VM_SHARED), fileOffset);
        // get_unmapped_area: the gap search is one walk (§2.7), down to the gap it picks.
        VmaWork.walk(c, mm, dest >= 0 ? dest : c.taskSize());
        if (recorded >= 0 && recorded != dest && recorded != addr && (recorded & (page - 1)) == 0
                && area.free(mm, recorded, newLen)) {
            div.report("mremap placement", recorded, dest);
            dest = recorded;
        }
        if (dest < 0) {
            return Errno.ENOMEM;
        }
        moveVma(mm, vma, addr, oldLen, newLen, dest, dontUnmap);
        return dest;
    }

    /**
     * {@code remap_move} (6.17, "mm/mremap: permit mremap() move of multiple VMAs", Lorenzo
     * Stoakes): MREMAP_FIXED without a size change moves every VMA of [addr, addr + len), each on
     * its own (its destination piece unmapped first, then copy_vma and move_page_tables), keeping
     * the gaps between them; what lies in the destination opposite a gap stays mapped. The range
     * must start inside a VMA. uffd-armed VMAs and file systems with their own
     * {@code get_unmapped_area} cannot move in batches; traces carry neither.
     */
    private long remapMove(Mm mm, long addr, long len, long newAddr, boolean dontUnmap) {
        long end = addr + len;
        // One walk to the first VMA; the loop then follows the iterator (§2.7).
        VmaWork.find(cell, mm, addr);
        Vma v = mm.vmas().findVma(addr);
        if (v == null || v.start() > addr) {
            return Errno.EFAULT;
        }
        // The walk advances past each moved piece: with MREMAP_DONTUNMAP the source VMA stays
        // mapped (empty) where it was, so looking up the piece's own start again would find it
        // forever; the destinations lie outside [addr, end) (checked above).
        while (v != null && v.start() < end) {
            long s = Math.max(addr, v.start());
            long e = Math.min(end, v.end());
            long to = newAddr + (s - addr);
            long pieceLen = e - s;
            munmap.unmapRange(mm, to, to + pieceLen);
            v = mm.vmas().lookup(s);
            if (v == null) {
                return Errno.EFAULT;
            }
            moveVma(mm, v, s, pieceLen, pieceLen, to, dontUnmap);
            if (e >= end) {
                break;
            }
            v = mm.vmas().findVma(e);
        }
        return newAddr;
    }

    /** The gap above the VMA is free up to the new end ({@code vma_expandable}). */
    private boolean expandable(Mm mm, Vma vma, long delta) {
        long end = vma.end() + delta;
        // find_vma_intersection over the gap: one walk (§2.7).
        VmaWork.intersection(cell, mm, vma.end(), end);
        return end <= cell.taskSize() && end > vma.end() && !mm.vmas().anyIn(vma.end(), end);
    }

    /**
     * {@code move_vma}: copy_vma, move_page_tables, then unmap the source unless DONTUNMAP. With
     * old_len 0 (a shared mapping "duplicated", the DOS-emu case {@code check_mremap_params} keeps)
     * the new VMA maps the same file pages and nothing moves or goes.
     */
    private void moveVma(Mm mm, Vma vma, long oldAddr, long oldLen, long newLen, long newAddr, boolean dontUnmap) {
        int shift = cell.pageShift();
        long pgoff = vma.anonVma() == null && vma.isAnonymous()
                // An anon VMA that never faulted takes the pgoff of its new place, to merge better.
                ? newAddr >>> shift
                : vma.pgoffOf(oldAddr, shift);
        Vma nv = new Vma(newAddr, newAddr + newLen, vma.flags(), pgoff, vma.file(), vma.anonVma());
        // copy_vma: one walk to the destination's neighbours, then a merge or a copy of the
        // source VMA (§2.7).
        VmaWork.walk(cell, mm, newAddr);
        Vma merged = VmaWork.link(cell, mm, nv, vma);
        // copy_vma: a merged VMA may precede the old one in rmap order; a fresh one cannot.
        boolean needRmapLocks = merged != nv && merged.pgoff() <= vma.pgoffOf(oldAddr, shift);
        // move_vma: vrm_stat_account for the new range (§2.10).
        MmapLock.vmStatAccount(cell, mm);
        move.movePageTables(mm, new PagetableMoveControl(vma, merged, oldAddr, newAddr, oldLen, needRmapLocks));
        if (!dontUnmap && oldLen > 0) {
            munmap.unmapRange(mm, oldAddr, oldAddr + oldLen);
        }
    }
}
