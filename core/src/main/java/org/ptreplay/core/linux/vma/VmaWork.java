package org.ptreplay.core.linux.vma;

import java.util.List;
import org.ptreplay.spi.ops.Primitive;
import org.ptreplay.core.state.KernelState;
import org.ptreplay.core.state.Mm;
import org.ptreplay.core.state.Vma;
import org.ptreplay.core.state.VmaTree;

/**
 * The VMA-layer charges of the mapping syscalls (docs/kernel-model.md §2.7): tree walks, tree
 * writes and VMA-layer slab objects, counted where the kernel does them, not where the model
 * happens to query its own {@link VmaTree}.
 */
public final class VmaWork {
    private VmaWork() {
    }

    /** One descent of the VMA tree from its root ({@code vma_lookup}, {@code vma_find}, the gap search). */
    public static void walk(KernelState c) {
        c.ledger.charge(Primitive.VMA_WALK);
    }

    /** One write of the VMA tree with its preallocation and RCU-deferred node free. */
    public static void store(KernelState c) {
        c.ledger.charge(Primitive.VMA_STORE);
    }

    /**
     * A new {@code vm_area_struct} ({@code vm_area_alloc} / {@code vm_area_dup}) shaped like
     * {@code like}: when it has an anon_vma, {@code anon_vma_clone} links the copy with one
     * {@code anon_vma_chain} (one per anon_vma on the chain; the model keeps one, the VMA's own).
     */
    public static void allocate(KernelState c, Vma like) {
        c.ledger.charge(Primitive.VMA_ALLOC);
        if (like.anonVma() != null) {
            c.ledger.charge(Primitive.VMA_ALLOC);
        }
    }

    /** {@code __split_vma}: the new part is allocated like the old one and stored in the tree. */
    static void split(KernelState c, Vma v) {
        allocate(c, v);
        store(c);
    }

    /**
     * Splits the VMAs at the ends of [start, end) as the kernel's {@code __split_vma} calls do,
     * charging each split, and returns the VMAs that cover the range.
     */
    public static List<Vma> isolate(KernelState c, Mm mm, long start, long end) {
        VmaTree t = mm.vmas();
        Vma first = t.lookup(start);
        if (first != null && first.start() < start) {
            split(c, first);
        }
        Vma last = t.lookup(end - 1);
        if (last != null && last.end() > end) {
            split(c, last);
        }
        return t.isolate(start, end);
    }

    /**
     * {@code vma_merge_existing_range} after a flag change: one store when {@code v} merged with
     * a neighbour (the absorbed VMA's free is in its VMA_ALLOC), none when it stays as it is.
     */
    public static Vma mergeAround(KernelState c, Mm mm, Vma v) {
        int before = mm.vmas().size();
        Vma survivor = mm.vmas().mergeAround(v);
        if (mm.vmas().size() < before) {
            store(c);
        }
        return survivor;
    }

    /**
     * A VMA entering the tree ({@code vma_merge_new_range}, else {@code vm_area_alloc} +
     * {@code vma_link}): one store either way, the allocation only when no neighbour absorbed it.
     *
     * @param vmasBefore the tree's size before the model inserted and merged {@code v}
     */
    public static void link(KernelState c, Mm mm, Vma v, int vmasBefore) {
        if (mm.vmas().size() > vmasBefore) {
            allocate(c, v);
        }
        store(c);
    }
}
