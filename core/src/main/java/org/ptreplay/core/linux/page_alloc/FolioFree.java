package org.ptreplay.core.linux.page_alloc;

import org.ptreplay.spi.ops.Frame;
import org.ptreplay.spi.ops.Ledger;
import org.ptreplay.spi.ops.Primitive;
import org.ptreplay.core.mem.PhysMem;
import org.ptreplay.core.state.KernelState;

/**
 * Freeing a folio whose last reference went (docs/kernel-model.md §4.4): the caller has dropped
 * the reference ({@code folios_put_refs} after a TLB flush, or {@code folio_put}) and holds the
 * lruvec lock it charged. Per folio: {@code __page_cache_release} unlinks it from the LRU
 * ({@link Primitive#SP_W} on its struct page), {@code mem_cgroup_uncharge_folios} uncharges it
 * ({@link Primitive#MEMCG}), {@code free_pages_prepare} checks and resets every tail page's
 * struct page ({@code free_tail_page_prepare}, one {@link Primitive#TAIL_FREE} each), and the
 * page allocator takes it back ({@link Primitive#FOLIO_FREE}): to the per-CPU lists for the orders
 * they hold, else to the buddy under the zone lock with one {@link Primitive#BUDDY} per merge, on
 * the struct page of the free buddy ({@code __free_one_page}), counted exactly by the simulated
 * buddy allocator. The head page's checks are on the line the refcount drop just touched and are
 * part of the {@code FOLIO_FREE} price. Before all that, {@code folios_put_refs} and
 * {@code __folio_put} take a large folio off the deferred split queue if it is on it
 * ({@code folio_undo_large_rmappable}, docs/kernel-model.md §4.6): the queue lock
 * ({@link Primitive#SPLIT_QUEUE}) and the list delete on page[2] ({@link Primitive#SP_W}; its
 * neighbours are the folios queued just before and after, freed just before and next).
 */
public final class FolioFree {
    private static final Frame FOLIO_UNDO_LARGE_RMAPPABLE = Frame.of("folio_undo_large_rmappable");

    private FolioFree() {
    }

    public static void free(KernelState cell, long head) {
        Ledger ledger = cell.ledger;
        PhysMem phys = cell.phys;
        int order = phys.order(head);
        if (cell.deferredSplit.remove(head)) {
            ledger.enter(FOLIO_UNDO_LARGE_RMAPPABLE);
            ledger.charge(Primitive.SPLIT_QUEUE);
            ledger.touch(Primitive.SP_W, PhysMem.vmemmap(head + 2));
            ledger.exit(FOLIO_UNDO_LARGE_RMAPPABLE);
        }
        if (!cell.lruAdd.remove(head)) {
            ledger.touch(Primitive.SP_W, PhysMem.vmemmap(head));
        }
        ledger.charge(Primitive.MEMCG);
        for (int i = 1; i < (1 << order); i++) {
            ledger.touch(Primitive.TAIL_FREE, PhysMem.vmemmap(head + i));
        }
        ledger.charge(Primitive.FOLIO_FREE);
        phys.free(head);
        if (!FolioAlloc.pcpAllowedOrder(cell, order)) {
            // free_one_page: the buddy of every order from the folio's up to where the merging stopped.
            ledger.charge(Primitive.ZONE_LOCK);
            for (int j = order; j < phys.lastFreeTo(); j++) {
                ledger.touch(Primitive.BUDDY, PhysMem.vmemmap((head & -(1L << j)) ^ (1L << j)));
            }
        }
    }
}
