package org.ptreplay.core.state;

import java.util.Arrays;

/**
 * The deferred split queue ({@code ds_queue->split_queue}, mm/huge_memory.c): the large anon
 * folios queued for splitting under memory pressure, by head pfn. The model has no memory
 * pressure, so no shrinker ever takes one off: a folio leaves the queue when it is freed
 * ({@code folio_undo_large_rmappable}). One queue per cell (the model runs one node, and the
 * memcg queue and the node queue behave alike here).
 *
 * <p>Up to 6.9 every PTE-level rmap removal of a large anon folio asks to queue it, so
 * {@link #add} runs per PTE in an unbatched zap: the set is an open-addressed table of
 * primitive pfns (linear probing, backward-shift deletion), which allocates only when it grows.
 */
public final class DeferredSplitQueue {
    private static final long EMPTY = -1;
    private long[] slots = newTable(16);
    private int size;

    /** {@code list_add_tail} unless the folio is already queued; @return whether it was added. */
    public boolean add(long head) {
        int i = find(head);
        if (slots[i] == head) {
            return false;
        }
        slots[i] = head;
        if (++size * 2 > slots.length) {
            rehash(slots.length * 2);
        }
        return true;
    }

    /** {@code list_del_init} if the folio is queued; @return whether it was. */
    public boolean remove(long head) {
        int i = find(head);
        if (slots[i] != head) {
            return false;
        }
        int mask = slots.length - 1;
        // Backward-shift deletion: move every later entry of the probe run whose home slot does
        // not lie cyclically in (i, j] into the hole, so that no lookup stops early.
        for (int j = (i + 1) & mask; slots[j] != EMPTY; j = (j + 1) & mask) {
            int home = home(slots[j], mask);
            boolean stays = i <= j ? i < home && home <= j : i < home || home <= j;
            if (!stays) {
                slots[i] = slots[j];
                i = j;
            }
        }
        slots[i] = EMPTY;
        size--;
        return true;
    }

    public boolean contains(long head) {
        return slots[find(head)] == head;
    }

    /** The slot holding {@code pfn}, or the empty slot where it would go. */
    private int find(long pfn) {
        int mask = slots.length - 1;
        int i = home(pfn, mask);
        while (slots[i] != EMPTY && slots[i] != pfn) {
            i = (i + 1) & mask;
        }
        return i;
    }

    private static int home(long pfn, int mask) {
        return (int) ((pfn * 0x9E3779B97F4A7C15L) >>> 32) & mask;
    }

    private void rehash(int capacity) {
        long[] old = slots;
        slots = newTable(capacity);
        for (long pfn : old) {
            if (pfn != EMPTY) {
                slots[find(pfn)] = pfn;
            }
        }
    }

    private static long[] newTable(int capacity) {
        long[] t = new long[capacity];
        Arrays.fill(t, EMPTY);
        return t;
    }
}
