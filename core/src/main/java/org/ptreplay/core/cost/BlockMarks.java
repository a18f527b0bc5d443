package org.ptreplay.core.cost;

import java.util.Arrays;

/**
 * The 4 KiB blocks of physical memory a line of which has been used or filled by the per-line
 * path of the cache model (demand accesses, prefetches, per-line streams), one bit per block.
 * A block without a mark has had lines in the caches only through whole-block records, which
 * {@link LruCache#blockState} can then reason about exactly. Marks are never cleared except with
 * the caches: a marked block simply always takes the per-line path.
 *
 * <p>Only blocks below {@link #LIMIT} (16 TiB of physical addresses) are tracked; the simulated
 * vmemmap lies far above and is never streamed, and a block above the limit counts as marked.
 */
final class BlockMarks {
    static final long LIMIT = 1L << 32;

    private final int blockShift;
    private long[] bits = new long[0];

    /** @param blockShift log2 of the lines per block */
    BlockMarks(int blockShift) {
        this.blockShift = blockShift;
    }

    void mark(long line) {
        long block = line >>> blockShift;
        if (block >= LIMIT) {
            return;
        }
        int word = (int) (block >>> 6);
        if (word >= bits.length) {
            bits = Arrays.copyOf(bits, Math.max(word + 1, 2 * bits.length));
        }
        bits[word] |= 1L << block;
    }

    boolean marked(long firstLine) {
        long block = firstLine >>> blockShift;
        if (block >= LIMIT) {
            return true;
        }
        int word = (int) (block >>> 6);
        return word < bits.length && (bits[word] & (1L << block)) != 0;
    }

    void clear() {
        Arrays.fill(bits, 0);
    }
}
