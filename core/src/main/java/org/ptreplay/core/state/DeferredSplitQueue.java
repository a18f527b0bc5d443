package org.ptreplay.core.state;

import java.util.HashSet;
import java.util.Set;

/**
 * The deferred split queue ({@code ds_queue->split_queue}, mm/huge_memory.c): the large anon
 * folios queued for splitting under memory pressure, by head pfn. The model has no memory
 * pressure, so no shrinker ever takes one off: a folio leaves the queue when it is freed
 * ({@code folio_undo_large_rmappable}). One queue per cell (the model runs one node, and the
 * memcg queue and the node queue behave alike here).
 */
public final class DeferredSplitQueue {
    private final Set<Long> queued = new HashSet<>();

    /** {@code list_add_tail} unless the folio is already queued; @return whether it was added. */
    public boolean add(long head) {
        return queued.add(head);
    }

    /** {@code list_del_init} if the folio is queued; @return whether it was. */
    public boolean remove(long head) {
        return queued.remove(head);
    }

    public boolean contains(long head) {
        return queued.contains(head);
    }
}
