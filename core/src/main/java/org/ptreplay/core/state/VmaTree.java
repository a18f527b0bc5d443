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

    public VmaTree(int pageShift) {
        this.pageShift = pageShift;
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
    }

    public void remove(Vma v) {
        byStart.remove(v.start);
    }

    /** Splits {@code v} at addr ({@code __split_vma}); returns the upper part, now in the tree. */
    public Vma split(Vma v, long addr) {
        if (addr <= v.start || addr >= v.end) {
            throw new IllegalArgumentException("split outside " + v + ": " + Long.toHexString(addr));
        }
        Vma upper = v.slice(addr, v.end, pageShift);
        v.end = addr;
        byStart.put(upper.start, upper);
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
    }

    /**
     * Merges {@code v} with its neighbours where Linux would ({@code vma_merge}): adjacent, same
     * flags, same backing with contiguous page offsets, compatible anon_vma. Returns the survivor.
     */
    public Vma mergeAround(Vma v) {
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
