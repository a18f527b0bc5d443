package org.ptreplay.core.cost;

import java.util.Arrays;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The cache model as defined, for the differential tests: per level a linear scan for the line, a
 * linear scan for the first way with the smallest stamp, every streamed line loaded one by one, a
 * prefetcher that scans its streams (ascending and descending), and optionally the pair-line
 * prefetcher: every line fetched into the fill level, by a demand miss or a stream prefetch, brings
 * its 128-byte pair (line ^ 1) too.
 */
final class PlainHierarchy {
    private final int[] sets;
    private final int[] ways;
    private final long[][] tags;
    private final long[][] stamps;
    private final int degree;
    private final int fillLevel;
    private final boolean pairLines;
    final long[] served;
    private long clock;
    // Prefetcher: 16 tracked 4 KiB pages, as StreamPrefetcher.
    private final long[] page = new long[16];
    private final long[] last = new long[16];
    private final long[] ahead = new long[16];
    private final long[] used = new long[16];
    private final long[] dir = new long[16];
    private long pfClock;

    PlainHierarchy(int[] sets, int[] ways, int degree, int fillLevel, boolean pairLines) {
        this.sets = sets;
        this.ways = ways;
        this.degree = degree;
        this.fillLevel = fillLevel;
        this.pairLines = pairLines;
        this.tags = new long[sets.length][];
        this.stamps = new long[sets.length][];
        for (int k = 0; k < sets.length; k++) {
            tags[k] = new long[sets[k] * ways[k]];
            stamps[k] = new long[sets[k] * ways[k]];
            Arrays.fill(tags[k], -1);
        }
        this.served = new long[sets.length + 1];
        Arrays.fill(page, -1);
    }

    /** The lines of level {@code k} with their stamps. */
    SortedMap<Long, Long> contents(int k) {
        var lines = new TreeMap<Long, Long>();
        for (int i = 0; i < tags[k].length; i++) {
            if (tags[k][i] != -1) {
                lines.put(tags[k][i], stamps[k][i]);
            }
        }
        return lines;
    }

    int access(long pa) {
        long line = pa >>> 6;
        long now = ++clock;
        int hit = load(line, now);
        served[hit]++;
        if (pairLines && hit > fillLevel) {
            fillBeyond(line ^ 1, now);
        }
        // The prefetcher sees only the accesses that reach its fill level (L1 misses for an L2 streamer).
        if (degree > 0 && hit >= fillLevel) {
            prefetch(line, now);
        }
        return hit;
    }

    void stream(long pa, long length) {
        long first = pa >>> 6;
        long lastLine = (pa + length - 1) >>> 6;
        long largest = 0;
        for (int k = 0; k < sets.length; k++) {
            largest = Math.max(largest, (long) sets[k] * ways[k]);
        }
        if (lastLine - first + 1 > largest) {
            for (int k = 0; k < sets.length; k++) {
                Arrays.fill(tags[k], -1);
                Arrays.fill(stamps[k], 0);
            }
            first = lastLine - largest + 1;
        }
        for (long l = first; l <= lastLine; l++) {
            load(l, ++clock);
        }
    }

    private int load(long line, long now) {
        int hit = sets.length;
        for (int k = 0; k < sets.length; k++) {
            int slot = find(k, line);
            if (slot >= 0) {
                stamps[k][slot] = now;
                hit = k;
                break;
            }
        }
        for (int k = 0; k < hit; k++) {
            fill(k, line, now);
        }
        return hit;
    }

    private int find(int k, long line) {
        int base = (int) (line % sets[k]) * ways[k];
        for (int i = base; i < base + ways[k]; i++) {
            if (tags[k][i] == line) {
                return i;
            }
        }
        return -1;
    }

    private void fill(int k, long line, long now) {
        int base = (int) (line % sets[k]) * ways[k];
        int victim = base;
        for (int i = base; i < base + ways[k]; i++) {
            if (stamps[k][i] < stamps[k][victim]) {
                victim = i;
            }
        }
        tags[k][victim] = line;
        stamps[k][victim] = now;
    }

    private void prefetch(long line, long now) {
        long pg = line >>> 6;
        pfClock++;
        int slot = -1;
        for (int i = 0; i < 16; i++) {
            if (page[i] == pg) {
                slot = i;
                break;
            }
        }
        if (slot < 0) {
            slot = 0;
            for (int i = 1; i < 16; i++) {
                if (used[i] < used[slot]) {
                    slot = i;
                }
            }
            page[slot] = pg;
            last[slot] = line;
            ahead[slot] = line;
            dir[slot] = 0;
            used[slot] = pfClock;
            return;
        }
        used[slot] = pfClock;
        long step = line - last[slot];
        if (step == 0) {
            return;
        }
        last[slot] = line;
        if (step != 1 && step != -1) {
            ahead[slot] = line;
            dir[slot] = 0;
            return;
        }
        if (dir[slot] != step) {
            dir[slot] = step;
            ahead[slot] = line;
        }
        // Ascending: the next lines up to the page's end; descending: down to its start.
        long target = step == 1 ? Math.min(line + degree, ((pg + 1) << 6) - 1) : Math.max(line - degree, pg << 6);
        long from = step == 1 ? Math.max(ahead[slot], line) + 1 : Math.min(ahead[slot], line) - 1;
        if ((target - from) * step < 0) {
            return;
        }
        ahead[slot] = target;
        for (long l = from; l != target + step; l += step) {
            if (fillBeyond(l, now) && pairLines) {
                fillBeyond(l ^ 1, now);
            }
        }
    }

    /** Fills {@code line} into the fill level and every level beyond, where absent; whether the fill level lacked it. */
    private boolean fillBeyond(long line, long now) {
        boolean fetched = find(fillLevel, line) < 0;
        for (int k = fillLevel; k < sets.length; k++) {
            if (find(k, line) < 0) {
                fill(k, line, now);
            }
        }
        return fetched;
    }
}
