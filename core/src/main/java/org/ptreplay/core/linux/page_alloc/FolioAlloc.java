package org.ptreplay.core.linux.page_alloc;

import org.ptreplay.spi.ops.Ledger;
import org.ptreplay.spi.ops.Primitive;
import org.ptreplay.core.mem.PhysMem;
import org.ptreplay.core.state.KernelState;

/**
 * Allocating a folio of an order (mm/page_alloc.c, docs/kernel-model.md §5), and which allocator
 * list serves it. Orders the per-CPU lists hold ({@link #pcpAllowedOrder}) are one
 * {@link Primitive#PAGE_ALLOC}, whose measured price includes the lists' refill from the buddy;
 * other orders come from the buddy under the zone lock, one {@link Primitive#BUDDY} per split of a
 * larger free block ({@code expand}), counted exactly by the simulated buddy allocator.
 * {@code prep_compound_page} then sets up every tail page ({@link Primitive#TAIL_PREP}).
 */
public final class FolioAlloc {
    /** {@code PAGE_ALLOC_COSTLY_ORDER}: the highest order below the PMD order on the per-CPU lists. */
    private static final int PAGE_ALLOC_COSTLY_ORDER = 3;

    private FolioAlloc() {
    }

    /**
     * {@code pcp_allowed_order}: orders up to {@code PAGE_ALLOC_COSTLY_ORDER} and the PMD order
     * ({@code pageblock_order}, 44042b449872 "mm/page_alloc: allow high-order pages to be stored on
     * the per-cpu lists", 5.13) go through the per-CPU lists, allocating and freeing.
     */
    public static boolean pcpAllowedOrder(KernelState cell, int order) {
        return order <= PAGE_ALLOC_COSTLY_ORDER || order == cell.thp.pmdOrder();
    }

    /**
     * {@code alloc_pages} of a folio of {@code order} and {@code kind}: its head pfn, refcount 1.
     *
     * @throws org.ptreplay.core.mem.PhysMemExhaustedException when physical memory cannot supply it
     */
    public static long alloc(KernelState cell, int order, int kind) {
        return charge(cell, order, cell.phys.alloc(order, kind));
    }

    /**
     * As {@link #alloc}, or -1 when the buddy allocator has no free block of {@code order} or
     * above: a large-folio allocation with no reclaim or compaction allowed (the THP gfp mask of
     * the default {@code defrag=madvise} outside MADV_HUGEPAGE), whose caller falls back to a
     * smaller order. The failed attempt is not charged.
     */
    public static long tryAlloc(KernelState cell, int order, int kind) {
        long folio = cell.phys.tryAlloc(order, kind);
        return folio < 0 ? -1 : charge(cell, order, folio);
    }

    private static long charge(KernelState cell, int order, long folio) {
        Ledger ledger = cell.ledger;
        PhysMem phys = cell.phys;
        ledger.charge(Primitive.PAGE_ALLOC);
        if (!pcpAllowedOrder(cell, order)) {
            // rmqueue_buddy: __rmqueue_smallest splits the block it found once per order above ours.
            ledger.charge(Primitive.ZONE_LOCK);
            for (int j = order; j < phys.lastAllocFrom(); j++) {
                ledger.touch(Primitive.BUDDY, PhysMem.vmemmap(folio + (1L << j)));
            }
        }
        for (int i = 1; i < (1 << order); i++) {
            ledger.touch(Primitive.TAIL_PREP, PhysMem.vmemmap(folio + i));
        }
        return folio;
    }
}
