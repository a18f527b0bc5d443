package org.ptreplay.core.linux.maple_tree;

import org.ptreplay.core.mem.SlabCache;
import org.ptreplay.core.state.KernelState;
import org.ptreplay.core.state.MapleNodes;
import org.ptreplay.core.state.Mm;
import org.ptreplay.core.state.VmaTree;
import org.ptreplay.spi.ops.Ledger;
import org.ptreplay.spi.ops.Primitive;

/**
 * The node lines of an mm's VMA tree that a walk or a store touches (docs/kernel-model.md §2.8).
 * Not a B-tree: the tree's ranges (every VMA and every gap, {@link VmaTree#ranges()}) are packed
 * in order into leaves of {@value #LEAF_SLOTS} slots under internal nodes of
 * {@value #INTERNAL_SLOTS}, so the height follows the VMA count as the kernel's does for densely
 * filled nodes, and the node at a position stays the same until a store replaces it.
 *
 * <p>Sources: include/linux/maple_tree.h — a {@code maple_range_64} node (the leaves) holds 16
 * slots and 15 pivots after its parent pointer; the mm's tree is an allocation-range tree
 * ({@code MT_FLAGS_ALLOC_RANGE}, mm_init), whose internal nodes are {@code maple_arange_64} with
 * 10 slots, 9 pivots and 10 gaps; every node is 256 bytes.
 */
public final class MapleTree {
    /** MAPLE_RANGE64_SLOTS. */
    public static final int LEAF_SLOTS = 16;
    /** MAPLE_ARANGE64_SLOTS. */
    public static final int INTERNAL_SLOTS = 10;
    private static final int LINE = 64;
    private static final int NODE_LINES = 4;

    private MapleTree() {
    }

    /** Levels of a tree holding {@code ranges} ranges; 0 for an empty tree. */
    public static int height(int ranges) {
        if (ranges == 0) {
            return 0;
        }
        int h = 1;
        int n = ceil(ranges, LEAF_SLOTS);
        while (n > 1) {
            n = ceil(n, INTERNAL_SLOTS);
            h++;
        }
        return h;
    }

    /**
     * A descent from the root to the leaf slot of the range holding {@code addr} ({@code mas_walk},
     * {@code mas_find}, the gap search of {@code mas_empty_area_rev}): in every node, the pivots
     * from the first up to the slot's (a linear scan, {@code mas_descend} / {@code mtree_range_walk})
     * and the slot itself, one {@code MT_LINE} per line.
     */
    public static void walk(KernelState c, Mm mm, long addr) {
        VmaTree t = mm.vmas();
        int ranges = t.ranges();
        int h = height(ranges);
        if (h == 0) {
            return;
        }
        int range = t.rangeOf(addr);
        for (int level = h - 1; level >= 0; level--) {
            visit(c.ledger, node(c, mm, level, indexAt(range, level)), level == 0, offsetAt(range, level));
        }
    }

    /**
     * A node store into the leaf that now holds {@code addr} ({@code mas_wr_node_store} in RCU
     * mode, reached through the iterator the caller's walk positioned): the old leaf is read and
     * copied into a new node from the slab (the free pointer read, then four lines written), the
     * parent's slot is pointed at it, and the old leaf is freed (its free pointer written; the RCU
     * grace period of {@code ma_free_rcu} is not modelled, so the node is reusable at once). Nodes
     * the tree's new shape no longer needs go back to the slab without a charge.
     */
    public static void store(KernelState c, Mm mm, long addr) {
        VmaTree t = mm.vmas();
        int ranges = t.ranges();
        int h = height(ranges);
        MapleNodes nodes = mm.mapleNodes();
        SlabCache cache = c.slabs.mapleNode;
        Ledger ledger = c.ledger;
        if (h > 0) {
            int leaf = indexAt(t.rangeOf(addr), 0);
            long old = nodes.get(0, leaf);
            if (old != 0) {
                touchNode(ledger, old);
            }
            long fresh = cache.alloc();
            ledger.touch(Primitive.MT_LINE, cache.freePointer(fresh));
            touchNode(ledger, fresh);
            nodes.put(0, leaf, fresh);
            if (h > 1) {
                long parent = node(c, mm, 1, leaf / INTERNAL_SLOTS);
                ledger.touch(Primitive.MT_LINE, parent + (long) LINE * internalSlotLine(leaf % INTERNAL_SLOTS));
            }
            if (old != 0) {
                ledger.touch(Primitive.MT_LINE, cache.freePointer(old));
                cache.free(old);
            }
        }
        trim(nodes, cache, ranges, h);
    }

    /**
     * {@code __mt_dup} (lib/maple_tree.c, 6.8): {@code child}'s tree becomes a copy of
     * {@code parent}'s, node by node ({@code mas_dup_build} goes in DFS pre-order, the model level
     * by level from the root: the same lines): each new node comes
     * from the slab in bulk ({@code mt_alloc_bulk}: its free pointer read, no per-object
     * cmpxchg) and is a copy of the parent's node at the same position (four lines read, four
     * written).
     */
    public static void dup(KernelState c, Mm parent, Mm child) {
        int ranges = parent.vmas().ranges();
        int h = height(ranges);
        MapleNodes copies = child.mapleNodes();
        SlabCache cache = c.slabs.mapleNode;
        Ledger ledger = c.ledger;
        int count = ceil(ranges, LEAF_SLOTS);
        int[] perLevel = new int[h];
        for (int level = 0; level < h; level++) {
            perLevel[level] = count;
            count = ceil(count, INTERNAL_SLOTS);
        }
        for (int level = h - 1; level >= 0; level--) {
            for (int i = 0; i < perLevel[level]; i++) {
                long from = node(c, parent, level, i);
                long copy = cache.alloc();
                ledger.touch(Primitive.MT_LINE, cache.freePointer(copy));
                touchNode(ledger, from);
                touchNode(ledger, copy);
                long was = copies.put(level, i, copy);
                if (was != 0) {
                    cache.free(was);
                }
            }
        }
    }

    /**
     * A store over an entry of exactly the same range with the iterator on its slot
     * ({@code vma_iter_bulk_store} into the tree {@code __mt_dup} copied: the slot is overwritten
     * in place, nothing allocated): the line of the leaf slot of {@code addr}.
     */
    public static void slotStore(KernelState c, Mm mm, long addr) {
        int range = mm.vmas().rangeOf(addr);
        long leaf = node(c, mm, 0, indexAt(range, 0));
        c.ledger.touch(Primitive.MT_LINE, leaf + (long) LINE * leafSlotLine(offsetAt(range, 0)));
    }

    /**
     * {@code __mt_destroy} at exit ({@code mt_destroy_walk}): every internal node's slot lines
     * are read to find its children, and every node is freed (its free pointer written).
     */
    public static void destroy(KernelState c, Mm mm) {
        MapleNodes nodes = mm.mapleNodes();
        SlabCache cache = c.slabs.mapleNode;
        Ledger ledger = c.ledger;
        for (int level = nodes.levels() - 1; level >= 0; level--) {
            for (int i = 0; i < nodes.slots(level); i++) {
                long n = nodes.put(level, i, 0);
                if (n == 0) {
                    continue;
                }
                if (level > 0) {
                    for (int line = internalSlotLine(0); line <= internalSlotLine(INTERNAL_SLOTS - 1); line++) {
                        ledger.touch(Primitive.MT_LINE, n + (long) LINE * line);
                    }
                }
                ledger.touch(Primitive.MT_LINE, cache.freePointer(n));
                cache.free(n);
            }
        }
    }

    private static void visit(Ledger ledger, long node, boolean leaf, int offset) {
        int pivotLine = leaf ? (8 + 8 * Math.min(offset, LEAF_SLOTS - 2)) / LINE
                : (8 + 8 * Math.min(offset, INTERNAL_SLOTS - 2)) / LINE;
        int slotLine = leaf ? leafSlotLine(offset) : internalSlotLine(offset);
        for (int line = 0; line <= pivotLine; line++) {
            ledger.touch(Primitive.MT_LINE, node + (long) LINE * line);
        }
        if (slotLine > pivotLine) {
            ledger.touch(Primitive.MT_LINE, node + (long) LINE * slotLine);
        }
    }

    /** The line of slot {@code offset} of a {@code maple_range_64}: after the parent and 15 pivots. */
    private static int leafSlotLine(int offset) {
        return (8 + 8 * (LEAF_SLOTS - 1) + 8 * offset) / LINE;
    }

    /** The line of slot {@code offset} of a {@code maple_arange_64}: after the parent and 9 pivots. */
    private static int internalSlotLine(int offset) {
        return (8 + 8 * (INTERNAL_SLOTS - 1) + 8 * offset) / LINE;
    }

    private static void touchNode(Ledger ledger, long node) {
        for (int line = 0; line < NODE_LINES; line++) {
            ledger.touch(Primitive.MT_LINE, node + (long) LINE * line);
        }
    }

    /** The node at (level, index), taken from the slab without a charge the first time it is needed. */
    private static long node(KernelState c, Mm mm, int level, int index) {
        MapleNodes nodes = mm.mapleNodes();
        long n = nodes.get(level, index);
        if (n == 0) {
            n = c.slabs.mapleNode.alloc();
            nodes.put(level, index, n);
        }
        return n;
    }

    /** Frees the nodes outside the shape of a tree of {@code ranges} ranges and height {@code h}. */
    private static void trim(MapleNodes nodes, SlabCache cache, int ranges, int h) {
        int count = ceil(ranges, LEAF_SLOTS);
        for (int level = 0; level < nodes.levels(); level++) {
            int keep = level < h ? count : 0;
            for (int i = keep; i < nodes.slots(level); i++) {
                long was = nodes.put(level, i, 0);
                if (was != 0) {
                    cache.free(was);
                }
            }
            count = ceil(count, INTERNAL_SLOTS);
        }
    }

    private static int indexAt(int range, int level) {
        int i = range / LEAF_SLOTS;
        for (int l = 0; l < level; l++) {
            i /= INTERNAL_SLOTS;
        }
        return i;
    }

    private static int offsetAt(int range, int level) {
        return level == 0 ? range % LEAF_SLOTS : indexAt(range, level - 1) % INTERNAL_SLOTS;
    }

    private static int ceil(int a, int b) {
        return (a + b - 1) / b;
    }
}
