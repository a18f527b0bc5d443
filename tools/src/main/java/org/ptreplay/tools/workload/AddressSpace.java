package org.ptreplay.tools.workload;

import java.util.Map;
import java.util.TreeMap;

/**
 * Where Linux puts a process's mappings, for a generator that must know the addresses its own
 * mmap and mremap calls get before any replay runs. It tracks occupied ranges only (merged
 * neighbours are one range: placement sees gaps, not VMA boundaries) and follows the rules the
 * replayed kernel applies (docs/kernel-model.md §2.1):
 * <ul>
 *   <li>mmap_base is TASK_SIZE − 128 MiB: {@code mmap_base()} (mm/util.c, arch/x86/mm/mmap.c)
 *       clamps the stack gap (8 MiB rlimit + guard gap) to its 128 MiB minimum, without
 *       randomisation; TASK_SIZE is 2^vaBits minus one page, as the replay's model has it;</li>
 *   <li>{@code get_unmapped_area} is top-down: a free hint first, else the highest gap below
 *       mmap_base that fits, never below {@code mmap_min_addr} (64 KiB);</li>
 *   <li>an anonymous private request without a hint whose length is a multiple of PMD_SIZE starts
 *       PMD-aligned: the request is padded by PMD_SIZE and the highest aligned start taken
 *       (d4148aeab412, 6.12);</li>
 *   <li>mremap grows in place when nothing is mapped in the gap above the old end
 *       ({@code vma_expandable}); otherwise, with MREMAP_MAYMOVE, it picks a new place with the
 *       old mapping still present and then unmaps the old range.</li>
 * </ul>
 * The generators create no stack and no VM_GROWSDOWN mapping, so no guard gap applies.
 */
final class AddressSpace {
    static final long PAGE = 4096;
    static final long PMD = 2L << 20;
    static final long MMAP_MIN_ADDR = 0x10000;
    private static final long MIN_GAP = 128L << 20;

    private final long taskSize;
    private final long mmapBase;
    /** Occupied ranges, start → end, disjoint and never adjacent (adjacent ones are joined). */
    private final TreeMap<Long, Long> used = new TreeMap<>();

    AddressSpace(int vaBits) {
        this.taskSize = (1L << vaBits) - PAGE;
        this.mmapBase = taskSize - MIN_GAP;
    }

    /**
     * The address an mmap of {@code len} bytes gets (placing it).
     *
     * @throws IllegalStateException when nothing fits, which the generators' size limits rule out
     */
    long mmap(long hint, long len, boolean anonPrivate) {
        long addr = place(hint, len, anonPrivate);
        occupy(addr, len);
        return addr;
    }

    /**
     * mremap(addr, oldLen, newLen, MREMAP_MAYMOVE) of a whole mapping that grows: the address it
     * ends at, in place or moved.
     */
    long grow(long addr, long oldLen, long newLen) {
        if (newLen <= oldLen) {
            throw new IllegalArgumentException("grow needs a larger length: " + oldLen + " → " + newLen);
        }
        long end = addr + oldLen;
        if (free(end, newLen - oldLen)) {
            occupy(end, newLen - oldLen);
            return addr;
        }
        long dest = place(0, newLen, true);
        occupy(dest, newLen);
        munmap(addr, oldLen);
        return dest;
    }

    /** Occupies [addr, addr + len), e.g. a grown brk heap. */
    void occupy(long addr, long len) {
        long start = addr;
        long end = addr + len;
        Map.Entry<Long, Long> before = used.floorEntry(start);
        if (before != null && before.getValue() >= start) {
            start = before.getKey();
            end = Math.max(end, before.getValue());
        }
        Map.Entry<Long, Long> after;
        while ((after = used.ceilingEntry(start)) != null && after.getKey() <= end) {
            end = Math.max(end, after.getValue());
            used.remove(after.getKey());
        }
        used.put(start, end);
    }

    /** Frees [addr, addr + len), splitting ranges it cuts. */
    void munmap(long addr, long len) {
        long end = addr + len;
        Map.Entry<Long, Long> before = used.lowerEntry(addr);
        if (before != null && before.getValue() > addr) {
            used.put(before.getKey(), addr);
            if (before.getValue() > end) {
                used.put(end, before.getValue());
            }
        }
        Map.Entry<Long, Long> e;
        while ((e = used.ceilingEntry(addr)) != null && e.getKey() < end) {
            used.remove(e.getKey());
            if (e.getValue() > end) {
                used.put(end, e.getValue());
            }
        }
    }

    /** Whether [addr, addr + len) is inside the user address space and unmapped. */
    boolean free(long addr, long len) {
        if (addr < MMAP_MIN_ADDR || addr + len > taskSize || addr + len < addr) {
            return false;
        }
        Map.Entry<Long, Long> before = used.lowerEntry(addr + len);
        return before == null || before.getValue() <= addr;
    }

    private long place(long hint, long len, boolean anonPrivate) {
        if (hint != 0) {
            long h = (hint + PAGE - 1) & -PAGE;
            if (free(h, len)) {
                return h;
            }
        }
        long a = -1;
        if (anonPrivate && hint == 0 && len % PMD == 0) {
            a = topDown(len + PMD, PMD, len);
        }
        if (a < 0) {
            a = topDown(len, PAGE, len);
        }
        if (a < 0) {
            throw new IllegalStateException("no gap of " + len + " bytes below mmap_base is free");
        }
        return a;
    }

    /**
     * The highest start, aligned to {@code align}, of {@code len} bytes inside a gap of at least
     * {@code need} bytes below mmap_base; -1 when there is none.
     */
    private long topDown(long need, long align, long len) {
        long gapEnd = mmapBase;
        Map.Entry<Long, Long> r = used.lowerEntry(gapEnd);
        while (true) {
            if (r != null && r.getValue() > gapEnd) {
                // A range straddling the top of the search: no gap above its start.
                gapEnd = r.getKey();
                r = used.lowerEntry(gapEnd);
                continue;
            }
            long gapStart = r == null ? MMAP_MIN_ADDR : r.getValue();
            if (gapEnd > gapStart && gapEnd - gapStart >= need) {
                long a = (gapEnd - len) & -align;
                if (a >= gapStart) {
                    return a;
                }
            }
            if (r == null) {
                return -1;
            }
            gapEnd = r.getKey();
            r = used.lowerEntry(gapEnd);
        }
    }
}
