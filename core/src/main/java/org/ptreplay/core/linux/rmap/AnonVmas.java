package org.ptreplay.core.linux.rmap;

import java.util.ArrayList;
import java.util.List;
import org.ptreplay.core.linux.maple_tree.MapleTree;
import org.ptreplay.core.mem.SlabCache;
import org.ptreplay.core.state.AnonVma;
import org.ptreplay.core.state.AnonVmaChain;
import org.ptreplay.core.state.KernelState;
import org.ptreplay.core.state.Mm;
import org.ptreplay.core.state.Vma;
import org.ptreplay.core.state.VmFlags;
import org.ptreplay.spi.ops.Frame;
import org.ptreplay.spi.ops.Ledger;
import org.ptreplay.spi.ops.Primitive;

/**
 * The anon_vma side of mm/rmap.c (docs/kernel-model.md §2.9): {@code __anon_vma_prepare} at a
 * VMA's first anonymous fault, {@code anon_vma_clone} for a split or moved VMA,
 * {@code anon_vma_fork} for a forked one and {@code unlink_anon_vmas} when a VMA goes. Each
 * allocation is a {@code VMA_ALLOC}; every line of an {@code anon_vma}, {@code anon_vma_chain} or
 * {@code vm_area_struct} touched is a {@code VMA_LINE} at its simulated address (§2.8).
 *
 * <p>Lines: an {@code anon_vma} (include/linux/rmap.h) keeps its root pointer, the rwsem, the
 * refcount and the child and VMA counts on line 0, the parent and the interval tree's root on
 * line 1; the lock taken is always the root's ({@code anon_vma_lock_write}). A
 * {@code vm_area_struct} keeps its {@code anon_vma_chain} list head and its {@code anon_vma}
 * pointer on line 1.
 */
public final class AnonVmas {
    private static final Frame ANON_VMA_PREPARE = Frame.of("__anon_vma_prepare");
    private static final int LINE = 64;
    /** The VMA line with the {@code anon_vma_chain} list head and the {@code anon_vma} pointer. */
    private static final int VMA_CHAIN = 1;
    /** The anon_vma line with its parent and the interval tree's root. */
    private static final int TREE = 1;
    /** VM_ACCESS_FLAGS: the flags {@code anon_vma_compatible} ignores. */
    private static final int ACCESS_FLAGS = VmFlags.VM_READ | VmFlags.VM_WRITE | VmFlags.VM_EXEC;

    private AnonVmas() {
    }

    /**
     * {@code __anon_vma_prepare}, from {@code vmf_anon_prepare} at the first anonymous fault of a
     * VMA without an anon_vma: a chain entry is allocated, {@code find_mergeable_anon_vma} walks
     * the tree to the VMA's end and reads the neighbours, whose anon_vma is reused when it is
     * compatible and not shared by a fork ({@code reusable_anon_vma}); otherwise
     * {@code anon_vma_alloc}. Then, under the root's lock, the entry is linked.
     */
    public static void prepare(KernelState c, Mm mm, Vma vma) {
        if (vma.anonVma() != null) {
            return;
        }
        Ledger ledger = c.ledger;
        ledger.enter(ANON_VMA_PREPARE);
        long avc = chainAlloc(c);
        AnonVma anonVma = findMergeable(c, mm, vma);
        if (anonVma == null) {
            anonVma = alloc(c, null);
        }
        vma.setAnonVma(anonVma);
        touchLock(c, anonVma);
        chainLink(c, vma, avc, anonVma);
        ledger.exit(ANON_VMA_PREPARE);
    }

    /**
     * {@code anon_vma_clone(dst, src)}: one new chain entry for each on {@code src}'s chain,
     * linked into the same anon_vma's tree, the root's lock taken once per run of entries with
     * the same root ({@code lock_anon_vma_root}). {@code dst}'s chain keeps {@code src}'s order.
     */
    public static void clone(KernelState c, Vma dst, Vma src) {
        List<AnonVmaChain> from = src.chain();
        AnonVma locked = null;
        for (int i = from.size() - 1; i >= 0; i--) {
            AnonVma anonVma = from.get(i).anonVma();
            long avc = chainAlloc(c);
            if (anonVma.root() != locked) {
                touchLock(c, anonVma);
                locked = anonVma.root();
            }
            chainLink(c, dst, avc, anonVma);
        }
    }

    /**
     * {@code anon_vma_fork(child, parent)}: the parent's chain cloned, then a new anon_vma under
     * the parent's root ({@code get_anon_vma} on the root, the parent's child count raised) with
     * its own chain entry. Not modelled: the reuse of an ancestor's anon_vma that no VMA uses any
     * more (possible after the middle generation of three exited) — a fork always allocates.
     */
    public static void fork(KernelState c, Vma child, Vma parent) {
        AnonVma from = parent.anonVma();
        if (from == null) {
            return;
        }
        clone(c, child, parent);
        AnonVma anonVma = alloc(c, from);
        long avc = chainAlloc(c);
        Ledger ledger = c.ledger;
        // get_anon_vma(anon_vma->root): the root's refcount.
        ledger.touch(Primitive.VMA_LINE, c.anonVmaAddress(anonVma.root()));
        child.setAnonVma(anonVma);
        touchLock(c, anonVma);
        chainLink(c, child, avc, anonVma);
        // anon_vma->parent->num_children++.
        ledger.touch(Primitive.VMA_LINE, c.anonVmaAddress(from));
    }

    /**
     * {@code unlink_anon_vmas}: every chain entry is read and taken out of its anon_vma's tree
     * under the root's lock; an entry whose anon_vma still has others in its tree is freed at
     * once, the others after the lock drops, each with a {@code put_anon_vma} (the refcount on
     * line 0). The last reference frees the anon_vma ({@code __put_anon_vma}: its free pointer
     * written) and drops one on its root.
     */
    public static void unlink(KernelState c, Vma v) {
        List<AnonVmaChain> chain = v.chain();
        if (chain.isEmpty()) {
            return;
        }
        Ledger ledger = c.ledger;
        SlabCache chains = c.slabs.anonVmaChain;
        List<AnonVmaChain> emptied = new ArrayList<>(1);
        AnonVma locked = null;
        for (AnonVmaChain e : chain) {
            AnonVma anonVma = e.anonVma();
            ledger.touch(Primitive.VMA_LINE, e.address());
            if (anonVma.root() != locked) {
                touchLock(c, anonVma);
                locked = anonVma.root();
            }
            ledger.touch(Primitive.VMA_LINE, c.anonVmaAddress(anonVma) + TREE * LINE);
            if (anonVma.unlink()) {
                emptied.add(e);
            } else {
                chainFree(ledger, chains, e.address());
            }
        }
        for (AnonVmaChain e : emptied) {
            put(c, e.anonVma());
            chainFree(ledger, chains, e.address());
        }
        chain.clear();
    }

    /** {@code put_anon_vma}: the refcount dropped; the last reference frees it and puts its root. */
    private static void put(KernelState c, AnonVma anonVma) {
        Ledger ledger = c.ledger;
        long address = c.anonVmaAddress(anonVma);
        ledger.touch(Primitive.VMA_LINE, address);
        if (!anonVma.put()) {
            return;
        }
        SlabCache anonVmas = c.slabs.anonVma;
        ledger.touch(Primitive.VMA_LINE, anonVmas.freePointer(address));
        anonVmas.free(address);
        anonVma.setSlab(0);
        if (anonVma.root() != anonVma) {
            put(c, anonVma.root());
        }
    }

    /**
     * {@code find_mergeable_anon_vma}: a walk to the VMA's end ({@code vma_iter_load}), the next
     * VMA read when it starts there, then the previous one, adjacent or not ({@code vma_prev});
     * the first whose anon_vma
     * {@code reusable_anon_vma} accepts is returned.
     */
    private static AnonVma findMergeable(KernelState c, Mm mm, Vma vma) {
        c.ledger.charge(Primitive.VMA_WALK);
        MapleTree.walk(c, mm, vma.end());
        Vma next = mm.vmas().next(vma);
        if (next != null && next.start() == vma.end()) {
            AnonVma reused = reusable(c, next, vma, next);
            if (reused != null) {
                return reused;
            }
        }
        Vma prev = mm.vmas().prev(vma);
        return prev == null ? null : reusable(c, prev, prev, vma);
    }

    /**
     * {@code reusable_anon_vma(old, a, b)}: {@code old}'s bounds and flags read; its anon_vma is
     * reused when {@code a} and {@code b} are {@code anon_vma_compatible} (adjacent, same backing
     * and continuous offsets, flags equal but for the access bits) and {@code old}'s chain holds
     * that one entry only (its list head read).
     */
    private static AnonVma reusable(KernelState c, Vma old, Vma a, Vma b) {
        c.ledger.touch(Primitive.VMA_LINE, c.vmaAddress(old));
        boolean compatible = a.end() == b.start() && a.file() == b.file()
                && ((a.flags() ^ b.flags()) & ~ACCESS_FLAGS) == 0
                && b.pgoff() == a.pgoffOf(b.start(), c.pageShift());
        if (!compatible) {
            return null;
        }
        c.ledger.touch(Primitive.VMA_LINE, c.vmaAddress(old) + VMA_CHAIN * LINE);
        return old.anonVma() != null && old.chain().size() == 1 ? old.anonVma() : null;
    }

    /**
     * {@code anon_vma_alloc}: an object from the anon_vma slab, its two lines initialised;
     * under {@code parent}'s root when forked, else a root of its own.
     */
    private static AnonVma alloc(KernelState c, AnonVma parent) {
        Ledger ledger = c.ledger;
        SlabCache anonVmas = c.slabs.anonVma;
        ledger.charge(Primitive.VMA_ALLOC);
        long address = anonVmas.alloc();
        AnonVma anonVma = parent == null ? c.newAnonVma() : c.newAnonVma(parent);
        anonVma.setSlab(address);
        ledger.touch(Primitive.VMA_LINE, anonVmas.freePointer(address));
        ledger.touch(Primitive.VMA_LINE, address);
        ledger.touch(Primitive.VMA_LINE, address + TREE * LINE);
        return anonVma;
    }

    /** {@code anon_vma_chain_alloc}: an object from the chain slab, its free pointer read. */
    private static long chainAlloc(KernelState c) {
        SlabCache chains = c.slabs.anonVmaChain;
        c.ledger.charge(Primitive.VMA_ALLOC);
        long avc = chains.alloc();
        c.ledger.touch(Primitive.VMA_LINE, chains.freePointer(avc));
        return avc;
    }

    /**
     * {@code anon_vma_chain_link}: the entry written, added at the head of the VMA's list and
     * inserted in the anon_vma's interval tree.
     */
    private static void chainLink(KernelState c, Vma vma, long avc, AnonVma anonVma) {
        Ledger ledger = c.ledger;
        ledger.touch(Primitive.VMA_LINE, avc);
        ledger.touch(Primitive.VMA_LINE, c.vmaAddress(vma) + VMA_CHAIN * LINE);
        ledger.touch(Primitive.VMA_LINE, c.anonVmaAddress(anonVma) + TREE * LINE);
        anonVma.link();
        vma.chain().add(0, new AnonVmaChain(avc, anonVma));
    }

    /** {@code anon_vma_lock_write} / {@code lock_anon_vma_root}: the root's rwsem, on its line 0. */
    private static void touchLock(KernelState c, AnonVma anonVma) {
        c.ledger.touch(Primitive.VMA_LINE, c.anonVmaAddress(anonVma.root()));
    }

    private static void chainFree(Ledger ledger, SlabCache chains, long avc) {
        ledger.touch(Primitive.VMA_LINE, chains.freePointer(avc));
        chains.free(avc);
    }
}
