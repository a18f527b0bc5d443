package org.ptreplay.core.cost;

import java.util.Arrays;

/**
 * A stream prefetcher in the style of the L2 streamers of current cores: it tracks a few 4 KiB
 * pages; once two consecutive lines of a page have been accessed in ascending or in descending
 * order it asks for the next {@code degree} lines of that page in the same direction, never
 * crossing the page (hardware prefetchers work on physical addresses and stop at 4 KiB
 * boundaries). Sequential pfns thus get their struct page lines prefetched while scattered pfns do
 * not (docs/kernel-model.md §9 q10), and so do pfns handed out in reverse, as the per-CPU lists
 * hand back pages freed in ascending order (§10).
 *
 * <p>Both directions: the Intel Optimization Reference Manual ("Data Prefetch to the L2 and Last
 * Level Cache", the streamer) says it "monitors read requests from the L1 cache for ascending and
 * descending sequences of addresses" and prefetches "when a forward or backward stream of requests
 * is detected", within the 4 KiB page.
 *
 * <p>{@link #train} reports the lines to fetch through {@link #issueCount()} and
 * {@link #issueLine(int)} instead of returning an object, so that training never allocates.
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
    /** Furthest line already asked for in the stream's direction. */
    private final long[] ahead = new long[STREAMS];
    /** The stream's direction: +1 ascending, -1 descending, 0 not yet known. */
    private final byte[] direction = new byte[STREAMS];
    private final long[] used = new long[STREAMS];
    /**
     * Slot where a page with this hash was last tracked; a guess checked against
     * {@link #page} (a page is tracked in at most one slot), so walks that alternate between two
     * tables find their streams without a scan.
     */
    private final int[] hint = new int[1 << HINT_BITS];
    private long clock;
    private long issueFrom;
    private int issueCount;
    private int issueStep;

    StreamPrefetcher(int degree, int lineShift) {
        this.degree = degree;
        this.linesPerPageShift = PAGE_SHIFT - lineShift;
        Arrays.fill(page, -1);
    }

    /**
     * Observes a demand access to {@code line}. Returns true when lines should be prefetched:
     * then {@link #issueLine(int)} for 0 ≤ k &lt; {@link #issueCount()} are the lines, nearest
     * to the access first.
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
            direction[slot] = 0;
            used[slot] = clock;
            return false;
        }
        used[slot] = clock;
        long step = line - last[slot];
        if (step == 0) {
            return false;
        }
        last[slot] = line;
        if (step != 1 && step != -1) {
            ahead[slot] = line;
            direction[slot] = 0;
            return false;
        }
        if (direction[slot] != step) {
            // A new stream, or one that turned: nothing has been asked for in this direction.
            direction[slot] = (byte) step;
            ahead[slot] = line;
        }
        long from;
        long target;
        if (step == 1) {
            target = Math.min(line + degree, ((pageOfLine + 1) << linesPerPageShift) - 1);
            from = Math.max(ahead[slot], line) + 1;
            if (from > target) {
                return false;
            }
        } else {
            target = Math.max(line - degree, pageOfLine << linesPerPageShift);
            from = Math.min(ahead[slot], line) - 1;
            if (from < target) {
                return false;
            }
        }
        ahead[slot] = target;
        issueFrom = from;
        issueStep = (int) step;
        issueCount = (int) Math.abs(target - from) + 1;
        return true;
    }

    /** How many lines the last {@link #train} that returned true asks for. */
    int issueCount() {
        return issueCount;
    }

    /** The {@code k}-th line the last {@link #train} asks for, the nearest to the access first. */
    long issueLine(int k) {
        return issueFrom + (long) k * issueStep;
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
