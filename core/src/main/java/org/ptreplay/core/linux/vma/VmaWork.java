package org.ptreplay.core.linux.vma;

import java.util.List;
import org.ptreplay.core.linux.huge_memory.HugePmd;
import org.ptreplay.core.linux.maple_tree.MapleTree;
import org.ptreplay.core.linux.rmap.AnonVmas;
import org.ptreplay.core.mem.SlabCache;
import org.ptreplay.spi.ops.Frame;
import org.ptreplay.spi.ops.Ledger;
import org.ptreplay.spi.ops.Primitive;
import org.ptreplay.core.state.KernelState;
import org.ptreplay.core.state.Mm;
import org.ptreplay.core.state.Vma;
import org.ptreplay.core.state.VmaTree;

/**
 * The VMA-layer charges of the mapping syscalls (docs/kernel-model.md §2.7): tree walks, tree
 * writes and VMA-layer slab objects, counted where the kernel does them, not where the model
 * happens to query its own {@link VmaTree}. Each touches the lines of the objects it uses at
 * their simulated addresses (§2.8), so that its cost depends on what ran before.
 */
public final class VmaWork {
    /** The line of a {@code vm_area_struct} with its bounds, mm, flags and lock sequence (§2.8). */
    private static final int VMA_HEAD = 0;
    private static final int LINE = 64;
    private static final Frame ADJUST_TRANS_HUGE = Frame.of("vma_adjust_trans_huge");

    private VmaWork() {
    }

    /** One descent of the VMA tree from its root to the range of {@code addr} (the gap search). */
    public static void walk(KernelState c, Mm mm, long addr) {
        c.ledger.charge(Primitive.VMA_WALK);
        MapleTree.walk(c, mm, addr);
    }

    /** {@code vma_lookup}: a walk, and the bounds of the VMA it finds read. */
    public static void lookup(KernelState c, Mm mm, long addr) {
        walk(c, mm, addr);
        readHead(c, mm.vmas().lookup(addr));
    }

    /** {@code vma_find} / {@code find_vma}: a walk, and the VMA at or above {@code addr} read. */
    public static void find(KernelState c, Mm mm, long addr) {
        walk(c, mm, addr);
        readHead(c, mm.vmas().findVma(addr));
    }

    /** {@code find_vma_intersection}: a walk, and the VMA inside [start, end) read, if there is one. */
    public static void intersection(KernelState c, Mm mm, long start, long end) {
        walk(c, mm, start);
        Vma v = mm.vmas().findVma(start);
        readHead(c, v != null && v.start() < end ? v : null);
    }

    private static void readHead(KernelState c, Vma v) {
        if (v != null) {
            c.ledger.touch(Primitive.VMA_LINE, c.vmaAddress(v) + VMA_HEAD * LINE);
        }
    }

    /**
     * One write of the VMA tree where {@code addr} now lies, with its node store (§2.8); and
     * {@code vma_start_write} plus the bounds written on {@code written}, when a VMA is written.
     */
    public static void store(KernelState c, Mm mm, long addr, Vma written) {
        c.ledger.charge(Primitive.VMA_STORE);
        MapleTree.store(c, mm, addr);
        if (written != null) {
            c.ledger.touch(Primitive.VMA_LINE, c.vmaAddress(written) + VMA_HEAD * LINE);
        }
    }

    /**
     * A new {@code vm_area_struct} for {@code made}: {@code vm_area_alloc} (zeroed) when
     * {@code source} is null, else {@code vm_area_dup(source)} (a copy) and then
     * {@code anon_vma_clone}: one {@code anon_vma_chain} per entry on the source's chain (§2.9).
     */
    public static void allocate(KernelState c, Vma made, Vma source) {
        vmAreaDup(c, made, source);
        if (source != null) {
            AnonVmas.clone(c, made, source);
        }
    }

    /**
     * {@code vm_area_alloc} (zeroed) when {@code source} is null, else {@code vm_area_dup}: the
     * object's free pointer read, the source's three lines read and the copy's written.
     */
    public static void vmAreaDup(KernelState c, Vma made, Vma source) {
        Ledger ledger = c.ledger;
        SlabCache vmas = c.slabs.vmAreaStruct;
        ledger.charge(Primitive.VMA_ALLOC);
        long vma = vmas.alloc();
        made.setSlab(vma);
        ledger.touch(Primitive.VMA_LINE, vmas.freePointer(vma));
        if (source != null) {
            long from = c.vmaAddress(source);
            for (int line = 0; line < vmas.lines(); line++) {
                ledger.touch(Primitive.VMA_LINE, from + (long) LINE * line);
            }
        }
        for (int line = 0; line < vmas.lines(); line++) {
            ledger.touch(Primitive.VMA_LINE, vma + (long) LINE * line);
        }
    }

    /**
     * {@code remove_vma}: {@code unlink_anon_vmas} takes the VMA's chain entries out of their
     * anon_vmas' trees and frees them, freeing an anon_vma whose last reference went (§2.9);
     * then {@code vm_area_free} writes the VMA's free pointer. A VMA the model never gave an
     * address (nothing was charged for it) frees nothing.
     */
    public static void release(KernelState c, Vma v) {
        // unlink_file_vma (free_pgtables; vma_complete for a merge) and remove_vma's fput (§2.10).
        VmaFile.unlinkFile(c, v);
        AnonVmas.unlink(c, v);
        if (v.slab() != 0) {
            SlabCache vmas = c.slabs.vmAreaStruct;
            c.ledger.touch(Primitive.VMA_LINE, vmas.freePointer(v.slab()));
            vmas.free(v.slab());
            v.setSlab(0);
        }
    }

    /**
     * {@code __split_vma} at {@code addr}: a PMD-mapped THP across the boundary is split first
     * ({@link #adjustTransHuge}); the new part is a copy of the old one, stored in the tree.
     */
    static void split(KernelState c, Mm mm, Vma v, long addr) {
        adjustTransHuge(c, mm, v, addr);
        Vma upper = mm.vmas().split(v, addr);
        allocate(c, upper, v);
        if (!upper.isAnonymous()) {
            VmaFile.getFile(c, upper);
        }
        // vma_prepare / vma_complete: the file VMA re-inserted with its new end, the new part linked (§2.10).
        VmaFile.adjust(c, v, upper);
        store(c, mm, addr, v);
    }

    /**
     * {@code vma_adjust_trans_huge} as {@code __split_vma} calls it (mm/huge_memory.c,
     * {@code split_huge_pmd_if_needed}): when {@code addr} is not PMD-aligned and the PMD range
     * around it lies inside {@code v}, a huge leaf there is split into a PTE table
     * ({@code split_huge_pmd_address} → {@code __split_huge_pmd}), so that no PMD mapping
     * straddles two VMAs. The walk to the entry is uncharged, as in {@code change_pmd_range}.
     */
    private static void adjustTransHuge(KernelState c, Mm mm, Vma v, long addr) {
        long pmdSize = c.geo.pmdSize();
        long haddr = addr & -pmdSize;
        if (addr == haddr || haddr < v.start() || haddr + pmdSize > v.end()) {
            return;
        }
        long pmdp = c.walk.entry(mm.pgd(), addr, 2);
        if (pmdp >= 0 && HugePmd.isLeaf(c.mem.peek(pmdp))) {
            c.ledger.enter(ADJUST_TRANS_HUGE);
            new HugePmd(c).split(mm, haddr, pmdp);
            c.ledger.exit(ADJUST_TRANS_HUGE);
        }
    }

    /**
     * Splits the VMAs at the ends of [start, end) as the kernel's {@code __split_vma} calls do,
     * charging each split, and returns the VMAs that cover the range.
     */
    public static List<Vma> isolate(KernelState c, Mm mm, long start, long end) {
        VmaTree t = mm.vmas();
        Vma first = t.lookup(start);
        if (first != null && first.start() < start) {
            split(c, mm, first, start);
        }
        Vma last = t.lookup(end - 1);
        if (last != null && last.end() > end) {
            split(c, mm, last, end);
        }
        return t.isolate(start, end);
    }

    /**
     * {@code vma_merge_existing_range} after a flag change: one store when {@code v} merged with
     * a neighbour, which frees the VMA it absorbed; none when it stays as it is.
     */
    public static Vma mergeAround(KernelState c, Mm mm, Vma v) {
        int before = mm.vmas().size();
        Vma survivor = mergeFreeing(c, mm, v);
        if (mm.vmas().size() < before) {
            VmaFile.adjust(c, survivor, null);
            store(c, mm, survivor.start(), survivor);
        }
        return survivor;
    }

    /**
     * {@code vma_merge_extend} (mremap's expansion in place): {@code v} grows to {@code end},
     * absorbing the next VMA if it merges; one store.
     */
    public static void extend(KernelState c, Mm mm, Vma v, long end) {
        mm.vmas().setEnd(v, end);
        Vma survivor = mergeFreeing(c, mm, v);
        VmaFile.adjust(c, survivor, null);
        store(c, mm, survivor.start(), survivor);
    }

    /**
     * A VMA entering the tree: {@code v} is inserted and merged with compatible neighbours
     * ({@code vma_merge_new_range}, freeing a neighbour it absorbed), else {@code vm_area_alloc}
     * (or {@code vm_area_dup(source)} for {@code copy_vma}) + {@code vma_link}: one store either
     * way, the allocation only when no neighbour absorbed it. Returns the VMA that holds the range.
     */
    public static Vma link(KernelState c, Mm mm, Vma v, Vma source) {
        VmaTree t = mm.vmas();
        int before = t.size();
        t.insert(v);
        Vma survivor = mergeFreeing(c, mm, v);
        boolean made = t.size() > before;
        if (made) {
            allocate(c, v, source);
            if (!v.isAnonymous()) {
                // __mmap_region's vma_set_file, copy_vma's get_file (§2.10).
                VmaFile.getFile(c, v);
            }
        }
        store(c, mm, v.start(), survivor);
        if (made) {
            // vma_link / __mmap_region: vma_link_file after the tree store.
            VmaFile.linkFile(c, v);
        } else {
            // vma_expand: the grown neighbour re-inserted in its file's tree.
            VmaFile.adjust(c, survivor, null);
        }
        return survivor;
    }

    /**
     * The stores of {@code vms_gather_munmap_vmas}: each VMA of the range is write-locked and
     * stored in the munmap's own detached tree, whose one node comes from the maple-node slab
     * and goes back to it ({@code __mt_destroy}) after the unmap.
     */
    static void detach(KernelState c, List<Vma> detached) {
        Ledger ledger = c.ledger;
        SlabCache nodes = c.slabs.mapleNode;
        long node = nodes.alloc();
        ledger.touch(Primitive.MT_LINE, nodes.freePointer(node));
        for (int i = 0; i < detached.size(); i++) {
            Vma v = detached.get(i);
            ledger.charge(Primitive.VMA_STORE);
            // The leaf's slot i, after the parent pointer and its 15 pivots.
            ledger.touch(Primitive.MT_LINE, node + (8 + 8 * (MapleTree.LEAF_SLOTS - 1) + 8L * Math.min(i, 15)) / LINE * LINE);
            ledger.touch(Primitive.VMA_LINE, c.vmaAddress(v) + VMA_HEAD * LINE);
        }
        ledger.touch(Primitive.MT_LINE, nodes.freePointer(node));
        nodes.free(node);
    }

    /**
     * Merges {@code v} with its neighbours in the model's tree and frees the VMAs that went. A
     * survivor that takes over the anon_vma of a VMA it absorbed gets its chain first
     * ({@code dup_anon_vma} → {@code anon_vma_clone}, mm/vma.c).
     */
    private static Vma mergeFreeing(KernelState c, Mm mm, Vma v) {
        VmaTree t = mm.vmas();
        Vma p = t.prev(v);
        Vma n = t.next(v);
        Vma survivor = t.mergeAround(v);
        for (Vma gone : new Vma[] {p, v, n}) {
            if (gone != null && gone != survivor && t.lookup(gone.start()) != gone) {
                if (survivor.chain().isEmpty() && !gone.chain().isEmpty() && survivor.anonVma() == gone.anonVma()) {
                    AnonVmas.clone(c, survivor, gone);
                }
                release(c, gone);
            }
        }
        return survivor;
    }
}
