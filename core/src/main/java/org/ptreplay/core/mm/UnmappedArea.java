package org.ptreplay.core.mm;

/**
 * {@code get_unmapped_area} with the x86-64 default (top-down) layout: the highest gap below
 * mmap_base that fits, honouring a free hint first. Anonymous requests without a hint whose length
 * is a multiple of PMD_SIZE are PMD-aligned (6.12+, d4148aeab412: {@code thp_get_unmapped_area}
 * pads the request by PMD_SIZE and returns the highest aligned start). The stack guard gap below
 * VM_GROWSDOWN VMAs (256 pages) is kept free.
 */
public final class UnmappedArea {
    /** {@code mmap_min_addr} default (64 KiB). */
    public static final long MMAP_MIN_ADDR = 0x10000;

    private final Cell cell;

    public UnmappedArea(Cell cell) {
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

    /** The address for a new mapping, or -1 when nothing fits (ENOMEM). */
    public long get(Mm mm, long hint, long len, boolean anon) {
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
        if (anon && hint == 0 && len % pmd == 0) {
            long a = topDown(mm, len + pmd, pmd, len);
            if (a >= 0) {
                return a;
            }
        }
        return topDown(mm, len, page, len);
    }

    /**
     * The highest start, aligned to {@code align}, of a range of {@code len} inside a gap of at least
     * {@code need} bytes below mmap_base.
     */
    private long topDown(Mm mm, long need, long align, long len) {
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
                long a = (gapEnd - len) & -align;
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
