package org.ptreplay.core.linux.mmap;

import org.ptreplay.core.state.KernelState;
import org.ptreplay.core.state.Mm;
import org.ptreplay.core.state.VmFlags;
import org.ptreplay.core.state.Vma;

/**
 * {@code get_unmapped_area} with the x86-64 default (top-down) layout: the highest gap below
 * mmap_base that fits, honouring a free hint first. {@code thp_get_unmapped_area} pads the request
 * by PMD_SIZE and returns the highest start congruent to the file offset modulo PMD_SIZE
 * ({@code __thp_get_unmapped_area}, mm/huge_memory.c): for anonymous private requests without a
 * hint whose length is a multiple of PMD_SIZE (6.12+, d4148aeab412), and for regular-file
 * mappings (ext4, xfs: their {@code get_unmapped_area}) whose file range covers a whole aligned
 * PMD. Shared anonymous memory (shmem, huge=never) is not aligned. The stack guard gap below
 * VM_GROWSDOWN VMAs (256 pages) is kept free.
 */
public final class UnmappedArea {
    /** {@code mmap_min_addr} default (64 KiB). */
    public static final long MMAP_MIN_ADDR = 0x10000;

    private final KernelState cell;

    public UnmappedArea(KernelState cell) {
        this.cell = cell;
    }

    /** Whether [addr, addr + len) is free, guard gaps included. */
    public boolean free(Mm mm, long addr, long len) {
        if (addr < MMAP_MIN_ADDR || addr + len > cell.taskSize() || addr + len < addr) {
            return false;
        }
        Vma next = mm.vmas().findVma(addr);
        return next == null || addr + len <= startGap(next);
    }

    /** The address for a new anonymous (or shmem) mapping, or -1 when nothing fits (ENOMEM). */
    public long get(Mm mm, long hint, long len, boolean anon) {
        return get(mm, hint, len, anon, -1);
    }

    /**
     * The address for a new mapping, or -1 when nothing fits (ENOMEM).
     *
     * @param fileOffset the byte offset of a regular-file mapping, or -1 for anonymous memory
     */
    public long get(Mm mm, long hint, long len, boolean anon, long fileOffset) {
        long page = cell.pageSize();
        if (len > cell.taskSize()) {
            return -1;
        }
        if (hint != 0) {
            long h = (hint + page - 1) & -page;
            if (free(mm, h, len)) {
                return h;
            }
        }
        long pmd = cell.geo.pmdSize();
        boolean anonAligned = anon && hint == 0 && len % pmd == 0;
        boolean fileAligned = fileOffset >= 0
                && ((fileOffset + len) & -pmd) - ((fileOffset + pmd - 1) & -pmd) >= pmd;
        if (anonAligned || fileAligned) {
            long a = topDown(mm, len + pmd, pmd, len, anonAligned ? 0 : fileOffset & (pmd - 1));
            if (a >= 0) {
                return a;
            }
        }
        return topDown(mm, len, page, len, 0);
    }

    /**
     * The highest start congruent to {@code phase} modulo {@code align} of a range of {@code len}
     * inside a gap of at least {@code need} bytes below mmap_base.
     */
    private long topDown(Mm mm, long need, long align, long len, long phase) {
        long high = mm.mmapBase();
        Vma v = mm.vmas().below(high);
        Vma above = v == null ? mm.vmas().findVma(0) : mm.vmas().next(v);
        while (true) {
            long gapEnd = high;
            if (above != null && startGap(above) < gapEnd) {
                gapEnd = startGap(above);
            }
            long gapStart = v == null ? MMAP_MIN_ADDR : v.end();
            if (gapEnd > gapStart && gapEnd - gapStart >= need) {
                long a = ((gapEnd - len - phase) & -align) + phase;
                if (a >= gapStart) {
                    return a;
                }
            }
            if (v == null) {
                return -1;
            }
            high = Math.min(high, v.start());
            above = v;
            v = mm.vmas().prev(v);
        }
    }

    private long startGap(Vma v) {
        long gap = v.has(VmFlags.VM_GROWSDOWN) ? 256 * cell.pageSize() : 0;
        return Math.max(0, v.start() - gap);
    }
}
