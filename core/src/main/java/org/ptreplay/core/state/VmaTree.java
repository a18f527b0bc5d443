package org.ptreplay.core.state;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The VMAs of one mm, ordered by address (the kernel's maple tree), with Linux split and merge
 * semantics. VMA operations run once per syscall, not per PTE, so a TreeMap is fine here.
 */
public final class VmaTree {
    private final TreeMap<Long, Vma> byStart = new TreeMap<>();
    private final int pageShift;
    /** Bumped by every change of the tree; the range index below is rebuilt when it moved. */
    private long version;
    private long indexed = -1;
    private long[] starts = new long[0];
    private long[] ends = new long[0];
    /** gapsUpTo[k]: the empty ranges (gaps) below VMA k and before it, counted from address 0. */
    private int[] gapsUpTo = new int[0];

    public VmaTree(int pageShift) {
        this.pageShift = pageShift;
    }

    /**
     * The tree changed in a way the model did not see (a VMA's bounds written directly): the
     * range index is rebuilt on its next use.
     */
    public void changed() {
        version++;
    }

    /**
     * How many ranges the kernel's maple tree holds for these VMAs: one per VMA and one per gap
     * between them, below the first and above the last (the tree covers 0 to ULONG_MAX; a gap
     * is a NULL range). 0 when there is no VMA (an empty tree has no node).
     */
    public int ranges() {
        index();
        int n = starts.length;
        return n == 0 ? 0 : n + gapsUpTo[n - 1] + 1;
    }

    /** The position, among {@link #ranges()}, of the range that holds {@code addr}. */
    public int rangeOf(long addr) {
        index();
        int lo = 0;
        int hi = starts.length - 1;
        int k = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (starts[mid] <= addr) {
                k = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        if (k < 0) {
            return 0;
        }
        int at = k + gapsUpTo[k];
        return addr < ends[k] ? at : at + 1;
    }

    private void index() {
        if (indexed == version) {
            return;
        }
        int n = byStart.size();
        starts = new long[n];
        ends = new long[n];
        gapsUpTo = new int[n];
        int k = 0;
        int gaps = 0;
        long prevEnd = 0;
        for (Vma v : byStart.values()) {
            if (v.start > prevEnd) {
                gaps++;
            }
            starts[k] = v.start;
            ends[k] = v.end;
            gapsUpTo[k] = gaps;
            prevEnd = v.end;
            k++;
        }
        indexed = version;
    }

    public int size() {
        return byStart.size();
    }

    public List<Vma> all() {
        return new ArrayList<>(byStart.values());
    }

    /** {@code vma_lookup}: the VMA containing addr, or null. */
    public Vma lookup(long addr) {
        Map.Entry<Long, Vma> e = byStart.floorEntry(addr);
        return e != null && e.getValue().end > addr ? e.getValue() : null;
    }

    /** {@code find_vma}: the first VMA with end &gt; addr, or null. */
    public Vma findVma(long addr) {
        Vma v = lookup(addr);
        if (v != null) {
            return v;
        }
        Map.Entry<Long, Vma> e = byStart.higherEntry(addr);
        return e == null ? null : e.getValue();
    }

    public Vma prev(Vma v) {
        Map.Entry<Long, Vma> e = byStart.lowerEntry(v.start);
        return e == null ? null : e.getValue();
    }

    public Vma next(Vma v) {
        Map.Entry<Long, Vma> e = byStart.higherEntry(v.start);
        return e == null ? null : e.getValue();
    }

    /** The last VMA that ends at or below addr, or null. */
    public Vma below(long addr) {
        Map.Entry<Long, Vma> e = byStart.lowerEntry(addr);
        if (e == null) {
            return null;
        }
        return e.getValue().end <= addr ? e.getValue() : prev(e.getValue());
    }

    /** VMAs intersecting [start, end), in address order. */
    public List<Vma> intersecting(long start, long end) {
        List<Vma> out = new ArrayList<>();
        Vma v = findVma(start);
        while (v != null && v.start < end) {
            out.add(v);
            v = next(v);
        }
        return out;
    }

    public boolean anyIn(long start, long end) {
        Vma v = findVma(start);
        return v != null && v.start < end;
    }

    public void insert(Vma v) {
        if (anyIn(v.start, v.end)) {
            throw new IllegalStateException("VMA " + v + " overlaps an existing VMA");
        }
        byStart.put(v.start, v);
        version++;
    }

    public void remove(Vma v) {
        byStart.remove(v.start);
        version++;
    }

    /** Splits {@code v} at addr ({@code __split_vma}); returns the upper part, now in the tree. */
    public Vma split(Vma v, long addr) {
        if (addr <= v.start || addr >= v.end) {
            throw new IllegalArgumentException("split outside " + v + ": " + Long.toHexString(addr));
        }
        Vma upper = v.slice(addr, v.end, pageShift);
        v.end = addr;
        byStart.put(upper.start, upper);
        version++;
        return upper;
    }

    /** Splits VMAs so that [start, end) is covered by whole VMAs; returns them in order. */
    public List<Vma> isolate(long start, long end) {
        Vma first = lookup(start);
        if (first != null && first.start < start) {
            split(first, start);
        }
        Vma last = lookup(end - 1);
        if (last != null && last.end > end) {
            split(last, end);
        }
        return intersecting(start, end);
    }

    /** Changes the range's start ({@code vma_expand} downwards is not needed; upward growth only). */
    public void setEnd(Vma v, long end) {
        v.end = end;
        version++;
    }

    /**
     * Merges {@code v} with its neighbours where Linux would ({@code vma_merge}): adjacent, same
     * flags, same backing with contiguous page offsets, compatible anon_vma. Returns the survivor.
     */
    public Vma mergeAround(Vma v) {
        version++;
        Vma p = prev(v);
        if (p != null && canMerge(p, v)) {
            remove(v);
            p.end = v.end;
            if (p.anonVma == null) {
                p.anonVma = v.anonVma;
            }
            v = p;
        }
        Vma n = next(v);
        if (n != null && canMerge(v, n)) {
            remove(n);
            v.end = n.end;
            if (v.anonVma == null) {
                v.anonVma = n.anonVma;
            }
        }
        return v;
    }

    /** {@code is_mergeable_vma} + {@code is_mergeable_anon_vma} + pgoff continuity for lo below hi. */
    public boolean canMerge(Vma lo, Vma hi) {
        return lo.end == hi.start
                && lo.flags == hi.flags
                && lo.file == hi.file
                && lo.pgoff + ((lo.end - lo.start) >>> pageShift) == hi.pgoff
                && (lo.anonVma == null || hi.anonVma == null || lo.anonVma == hi.anonVma);
    }
}
