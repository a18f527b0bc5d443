package org.ptreplay.core.linux.page_alloc;

import org.ptreplay.core.kernel.Primitive;
import org.ptreplay.core.mem.PhysMem;
import org.ptreplay.core.state.KernelState;

/**
 * Freeing a folio whose last reference went (docs/kernel-model.md §4.3): the caller has dropped
 * the reference ({@code folios_put_refs} after a TLB flush, or {@code folio_put}).
 * {@code free_pages_prepare} checks and resets every tail page's struct page
 * ({@code free_tail_page_prepare}), one {@link Primitive#TAIL_FREE} each; the page allocator then
 * takes the whole folio back, to the per-CPU lists or the buddy lists, as one
 * {@link Primitive#FOLIO_FREE} whatever the order. The head page's checks are on the line the
 * refcount drop just touched and are part of the {@code FOLIO_FREE} price.
 */
public final class FolioFree {
    private FolioFree() {
    }

    public static void free(KernelState cell, long head) {
        PhysMem phys = cell.phys;
        int pages = 1 << phys.order(head);
        for (int i = 1; i < pages; i++) {
            cell.ledger.touch(Primitive.TAIL_FREE, PhysMem.vmemmap(head + i));
        }
        cell.ledger.charge(Primitive.FOLIO_FREE);
        phys.free(head);
    }
}
