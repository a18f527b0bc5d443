package org.ptreplay.core.mem;

import org.ptreplay.core.value.BuddyInfo;

/**
 * Where the free memory of a {@link BuddyInfo} lies when the simulation starts, computed on
 * demand: the i-th block of an order's free list is a function of (order, i, seed), so free
 * memory the replay never touches costs nothing (docs/kernel-model.md §10).
 *
 * <p>The zone is cut into blocks of the largest order (pfns 0 … {@link #endPfn()}). A seeded
 * permutation of them deals out, in turn, the free blocks of the largest order and then, per
 * lower order k, the blocks that hold order-k free blocks; the rest hold only memory in use by
 * others. A block that holds free blocks of order k holds them at odd multiples of 2^k only: the
 * buddy of each (the even multiple below it) holds pages in use, so no two of them could have
 * merged, as on a real free list. The blocks of order k are spread over as many of the zone's
 * non-free blocks as their share of them allows, and handed out in a seeded order that has
 * nothing to do with their pfns: pages freed at different times from all over memory. The
 * order-0 slots first serve the pages already on the per-CPU list.
 */
final class FreeLayout {
    private final int top;
    private final long zoneBlocks;
    private final long[] count;
    private final long pcpCount;
    private final long[] firstBlock;
    private final SeededPermutation zone;
    private final SeededPermutation[] slots;

    FreeLayout(BuddyInfo info, long seed) {
        this.top = info.topOrder();
        this.zoneBlocks = info.zonePages() >> top;
        this.pcpCount = info.pcpCount();
        this.count = new long[top + 1];
        for (int o = 0; o <= top; o++) {
            count[o] = info.free(o);
        }
        long[] entries = new long[top];
        long[] need = new long[top];
        long needed = 0;
        for (int o = 0; o < top; o++) {
            entries[o] = count[o] + (o == 0 ? pcpCount : 0);
            need[o] = (entries[o] + cap(o) - 1) / cap(o);
            needed += need[o];
        }
        long spare = zoneBlocks - count[top];
        this.firstBlock = new long[top];
        this.slots = new SeededPermutation[top];
        long next = count[top];
        for (int o = 0; o < top; o++) {
            firstBlock[o] = next;
            if (entries[o] == 0) {
                continue;
            }
            // The order's share of the non-free blocks, at least what its free blocks need.
            long blocks = Math.max(need[o], Math.min(entries[o], need[o] * spare / needed));
            slots[o] = new SeededPermutation(blocks * cap(o), seed * 31 + o + 1);
            next += blocks;
        }
        this.zone = new SeededPermutation(zoneBlocks, seed);
    }

    /** The largest order: blocks of it are the layout's unit. */
    int topOrder() {
        return top;
    }

    /** The first pfn above the zone. */
    long endPfn() {
        return zoneBlocks << top;
    }

    /** Free blocks of {@code order} on the buddy lists at the start. */
    long count(int order) {
        return order <= top ? count[order] : 0;
    }

    /** Pages on the per-CPU list at the start. */
    long pcpCount() {
        return pcpCount;
    }

    /** The pfn of the {@code i}-th page of the per-CPU list at the start, from its head. */
    long pcpPfn(long i) {
        return slotPfn(0, i);
    }

    /** The first pfn of the {@code i}-th block of the order's free list at the start, from its head. */
    long pfn(int order, long i) {
        if (order == top) {
            return zone.apply(i) << top;
        }
        return slotPfn(order, order == 0 ? pcpCount + i : i);
    }

    /** The pfn of the {@code i}-th free list entry of {@code order}: a seeded pick among the order's slots. */
    private long slotPfn(int order, long i) {
        long s = slots[order].apply(i);
        long block = zone.apply(firstBlock[order] + s / cap(order));
        long odd = 2 * (s % cap(order)) + 1;
        return (block << top) + (odd << order);
    }

    /** Free blocks of {@code order} one block of the largest order can hold: its odd multiples of 2^order. */
    private long cap(int order) {
        return 1L << (top - 1 - order);
    }
}
