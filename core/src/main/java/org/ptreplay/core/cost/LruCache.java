package org.ptreplay.core.cost;

import java.util.Arrays;

/**
 * One set-associative cache level with true LRU replacement. Lines are identified by their line
 * number (physical address / line size); a set is chosen by line number modulo the set count.
 * The victim of a fill is the way with the smallest last-use stamp, the first such way when
 * stamps tie (prefetches fill several lines at one stamp). State lives in flat arrays; no access
 * allocates.
 *
 * <p>Lookups start with a way hint: a small direct-mapped table remembers, per hash of the line
 * number, the slot where a line was last found or filled (a hash, not the low bits: the lines of
 * two page tables walked side by side share their low bits). A hint is only a guess, checked
 * against the slot's tag (a line occupies at most one way of its set), so it never changes a
 * result; it turns the common repeated hit on the lines of the PTE tables being walked into one
 * comparison instead of a scan of the set.
 */
final class LruCache {
    private static final long EMPTY = -1;
    private static final int HINT_BITS = 8;

    private final int sets;
    private final int ways;
    /** sets - 1 when the set count is a power of two, else -1 (use the remainder). */
    private final long setMask;
    /** Line number held by each slot (set-major: set s owns slots [s * ways, (s + 1) * ways)); {@link #EMPTY} when invalid. */
    private final long[] tags;
    /** Last-use stamp of each slot; larger is more recent, 0 for an invalid slot. */
    private final long[] stamps;
    /** Slot where a line with this hint index was last seen; verified against {@link #tags} before use. */
    private final int[] hint = new int[1 << HINT_BITS];

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

    /**
     * Looks {@code line} up without changing any LRU state. Returns its slot when present; when
     * absent, {@code -1 - victim}, where victim is the slot a {@link #fillAt} would replace.
     */
    int lookup(long line) {
        int h = hintIndex(line);
        int s = hint[h];
        if (tags[s] == line) {
            return s;
        }
        int base = base(line);
        int end = base + ways;
        int victim = base;
        long oldest = stamps[base];
        for (int i = base; i < end; i++) {
            if (tags[i] == line) {
                hint[h] = i;
                return i;
            }
            long st = stamps[i];
            if (st < oldest) {
                oldest = st;
                victim = i;
            }
        }
        return -1 - victim;
    }

    /** Marks the line in {@code slot} (from {@link #lookup}) most recently used at {@code now}. */
    void use(int slot, long now) {
        stamps[slot] = now;
    }

    /** Installs {@code line} in {@code slot}, the victim {@link #lookup} reported for it. */
    void fillAt(int slot, long line, long now) {
        tags[slot] = line;
        stamps[slot] = now;
        hint[hintIndex(line)] = slot;
    }

    /** Installs {@code line} over the set's invalid or least recently used way, unless it is present (a prefetch). */
    void fillIfAbsent(long line, long now) {
        int slot = lookup(line);
        if (slot < 0) {
            fillAt(-1 - slot, line, now);
        }
    }

    void clear() {
        Arrays.fill(tags, EMPTY);
        Arrays.fill(stamps, 0);
    }

    private static int hintIndex(long line) {
        return (int) ((line * 0x9E3779B97F4A7C15L) >>> (64 - HINT_BITS));
    }

    private int base(long line) {
        long set = setMask >= 0 ? line & setMask : line % sets;
        return (int) set * ways;
    }
}
