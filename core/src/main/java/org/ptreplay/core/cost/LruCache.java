package org.ptreplay.core.cost;

import java.util.Arrays;

/**
 * One set-associative cache level with true LRU replacement. Lines are identified by their line
 * number (physical address / line size); a set is chosen by line number modulo the set count.
 * State lives in two flat arrays; no access allocates.
 */
final class LruCache {
    private static final long EMPTY = -1;

    private final int sets;
    private final int ways;
    /** sets - 1 when the set count is a power of two, else -1 (use the remainder). */
    private final long setMask;
    /** Line number held by each way, set-major; {@link #EMPTY} when invalid. */
    private final long[] tags;
    /** Last-use stamp of each way; larger is more recent, 0 for an invalid way. */
    private final long[] stamps;

    LruCache(long sizeBytes, int ways, int lineBytes) {
        long setCount = sizeBytes / ((long) ways * lineBytes);
        if (setCount < 1 || setCount * ways > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("unsupported cache geometry: " + sizeBytes + " bytes, " + ways + " ways");
        }
        this.sets = (int) setCount;
        this.ways = ways;
        this.setMask = Long.bitCount(setCount) == 1 ? setCount - 1 : -1;
        this.tags = new long[sets * ways];
        this.stamps = new long[sets * ways];
        Arrays.fill(tags, EMPTY);
    }

    long capacityLines() {
        return (long) sets * ways;
    }

    /** If {@code line} is present, marks it most recently used at {@code now} and returns true. */
    boolean touch(long line, long now) {
        int base = base(line);
        for (int i = base; i < base + ways; i++) {
            if (tags[i] == line) {
                stamps[i] = now;
                return true;
            }
        }
        return false;
    }

    boolean contains(long line) {
        int base = base(line);
        for (int i = base; i < base + ways; i++) {
            if (tags[i] == line) {
                return true;
            }
        }
        return false;
    }

    /** Installs {@code line}, which must be absent, over the set's invalid or least recently used way. */
    void fill(long line, long now) {
        int base = base(line);
        int victim = base;
        for (int i = base; i < base + ways; i++) {
            if (stamps[i] < stamps[victim]) {
                victim = i;
            }
        }
        tags[victim] = line;
        stamps[victim] = now;
    }

    void clear() {
        Arrays.fill(tags, EMPTY);
        Arrays.fill(stamps, 0);
    }

    private int base(long line) {
        long set = setMask >= 0 ? line & setMask : line % sets;
        return (int) set * ways;
    }
}
