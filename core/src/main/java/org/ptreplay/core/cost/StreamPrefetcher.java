package org.ptreplay.core.cost;

import java.util.Arrays;

/**
 * An ascending stream prefetcher in the style of the L2 streamers of current cores: it tracks a
 * few 4 KiB pages; once two consecutive lines of a page have been accessed in ascending order it
 * asks for the next {@code degree} lines of that page, never crossing the page (hardware
 * prefetchers work on physical addresses and stop at 4 KiB boundaries). Sequential pfns thus get
 * their struct page lines prefetched while scattered pfns do not (docs/kernel-model.md §9 q10).
 *
 * <p>{@link #train} reports the lines to fetch through {@link #issueFrom()} and
 * {@link #issueTo()} instead of returning an object, so that training never allocates.
 */
final class StreamPrefetcher {
    /** Pages tracked at once (Intel's L2 streamer tracks 32; 16 suffices for a few concurrent walks). */
    private static final int STREAMS = 16;
    private static final int PAGE_SHIFT = 12;
    private static final int HINT_BITS = 6;

    private final int degree;
    private final int linesPerPageShift;
    private final long[] page = new long[STREAMS];
    private final long[] last = new long[STREAMS];
    /** Highest line already asked for in the stream. */
    private final long[] ahead = new long[STREAMS];
    private final long[] used = new long[STREAMS];
    /**
     * Slot where a page with this hash was last tracked; a guess checked against
     * {@link #page} (a page is tracked in at most one slot), so walks that alternate between two
     * tables find their streams without a scan.
     */
    private final int[] hint = new int[1 << HINT_BITS];
    private long clock;
    private long issueFrom;
    private long issueTo;

    StreamPrefetcher(int degree, int lineShift) {
        this.degree = degree;
        this.linesPerPageShift = PAGE_SHIFT - lineShift;
        Arrays.fill(page, -1);
    }

    /**
     * Observes a demand access to {@code line}. Returns true when lines should be prefetched:
     * then [{@link #issueFrom()}, {@link #issueTo()}] is the range.
     */
    boolean train(long line) {
        long pageOfLine = line >>> linesPerPageShift;
        int slot = find(pageOfLine);
        clock++;
        if (slot < 0) {
            slot = victim();
            page[slot] = pageOfLine;
            hint[hintIndex(pageOfLine)] = slot;
            last[slot] = line;
            ahead[slot] = line;
            used[slot] = clock;
            return false;
        }
        used[slot] = clock;
        if (line == last[slot]) {
            return false;
        }
        if (line != last[slot] + 1) {
            last[slot] = line;
            ahead[slot] = line;
            return false;
        }
        last[slot] = line;
        long pageEnd = ((pageOfLine + 1) << linesPerPageShift) - 1;
        long target = Math.min(line + degree, pageEnd);
        long from = Math.max(ahead[slot], line) + 1;
        if (from > target) {
            return false;
        }
        ahead[slot] = target;
        issueFrom = from;
        issueTo = target;
        return true;
    }

    long issueFrom() {
        return issueFrom;
    }

    long issueTo() {
        return issueTo;
    }

    private int find(long pageOfLine) {
        int h = hintIndex(pageOfLine);
        if (page[hint[h]] == pageOfLine) {
            return hint[h];
        }
        for (int i = 0; i < STREAMS; i++) {
            if (page[i] == pageOfLine) {
                hint[h] = i;
                return i;
            }
        }
        return -1;
    }

    private static int hintIndex(long pageOfLine) {
        return (int) ((pageOfLine * 0x9E3779B97F4A7C15L) >>> (64 - HINT_BITS));
    }

    private int victim() {
        int victim = 0;
        for (int i = 1; i < STREAMS; i++) {
            if (used[i] < used[victim]) {
                victim = i;
            }
        }
        return victim;
    }
}
