package org.ptreplay.core.state;

/**
 * This CPU's {@code cpu_fbatches.lru_add} (mm/swap.c): the folios {@code folio_add_lru} has taken
 * a reference on and not yet moved to the LRU. The model runs every task on one CPU, so there is
 * one batch per cell. Its size is {@code PAGEVEC_SIZE}: 15, 31 since 9cecde80aae0 (6.9).
 */
public final class LruBatch {
    private final long[] heads;
    private int count;

    public LruBatch(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("a folio batch holds at least one folio, not " + size);
        }
        this.heads = new long[size];
    }

    /** {@code folio_batch_add}: @return whether the batch is now full. */
    public boolean add(long head) {
        heads[count++] = head;
        return count == heads.length;
    }

    /** {@code PAGEVEC_SIZE}: the folios one {@code folio_batch} holds. */
    public int capacity() {
        return heads.length;
    }

    public int count() {
        return count;
    }

    public long head(int i) {
        return heads[i];
    }

    public void clear() {
        count = 0;
    }

    /**
     * Takes {@code head} out of the batch if it is there. The kernel never frees a folio that waits
     * here (the batch holds a reference); the model does not keep that reference in the refcount,
     * so a folio freed while it waits leaves the batch instead.
     *
     * @return whether it was there (and so not on the LRU yet)
     */
    public boolean remove(long head) {
        for (int i = 0; i < count; i++) {
            if (heads[i] == head) {
                System.arraycopy(heads, i + 1, heads, i, count - i - 1);
                count--;
                return true;
            }
        }
        return false;
    }
}
