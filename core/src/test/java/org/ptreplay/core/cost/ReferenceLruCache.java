package org.ptreplay.core.cost;

import java.util.Arrays;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The cache level as it was before its lean layout (issue #15): separate tag and stamp arrays and
 * block-record arrays, kept unchanged as the reference of {@code LeanLruDifferentialTest}. Its
 * original comment follows.
 *
 * <p>One set-associative cache level with true LRU replacement. Lines are identified by their line
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
 *
 * <p><b>Block records</b> (issue #15): a whole 4 KiB block streamed at once puts its line
 * {@code i} into set {@code g * blockLines + i} with stamp {@code t0 + i + 1}, for one group
 * {@code g} of {@code blockLines} consecutive sets (the set count is a multiple of the block's
 * line count). Instead of touching 64 sets, {@link #record} keeps (block, t0) in a ring of the
 * group's last {@code ways} records, and a set takes in the records it has not seen yet before
 * anything reads or changes it ({@link #absorb}), in stamp order, each as a use of the line when
 * present and a fill of the LRU way otherwise: exactly what the per-line stream would have done,
 * since nothing touched the set in between. A record that falls out of the ring has {@code ways}
 * newer records of other blocks behind it, whose lines have larger stamps in every set of the
 * group, so under true LRU its line is gone from every set that has not taken it in yet; skipping
 * it leaves the same lines with the same stamps. Where each line sits within its set can differ
 * from the per-line replay, but no result depends on it: the valid stamps of a set are distinct
 * (the set count is at least a block's lines, so the lines one prefetch fills at one stamp fall
 * into different sets), and the victim is then the one line with the smallest stamp, or an
 * invalid way.
 */
final class ReferenceLruCache {
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
    /** Blocks whose lines went through the per-line path (uses and fills), shared by the levels. */
    private final BlockMarks marks;

    /** log2 of the lines per block when this level keeps block records, else -1. */
    private final int blockShift;
    /** Per group, its records in ascending stamp order: first line of the block, t0, and {@link #touches} then. */
    private final long[] recLine;
    private final long[] recT0;
    private final long[] recTouches;
    private final long[] recFills;
    private final int[] recCount;
    /** Per group, the t0 of its newest record; -1 before the first. */
    private final long[] newestT0;
    /** Per group, stamps set by the per-line path (uses and fills) in its sets so far. */
    private final long[] touches;
    /** Per group, lines the per-line path filled into its sets so far. */
    private final long[] fills;
    /** Per set, the t0 of the newest record it has taken in; -1 before the first. */
    private final long[] absorbed;
    /** The set of the last {@link #lookup}, which {@link #use} and {@link #fillAt} act on. */
    private int lastSet;

    /**
     * @param blockLines lines per block streamed by {@link #record}, a power of two; 0 for a
     *                   level that keeps no block records
     */
    ReferenceLruCache(long sizeBytes, int ways, int lineBytes, int blockLines, BlockMarks marks) {
        long setCount = sizeBytes / ((long) ways * lineBytes);
        if (setCount < 1 || setCount * ways > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("unsupported cache geometry: " + sizeBytes + " bytes, " + ways + " ways");
        }
        this.sets = (int) setCount;
        this.ways = ways;
        this.setMask = Long.bitCount(setCount) == 1 ? setCount - 1 : -1;
        this.tags = new long[sets * ways];
        this.stamps = new long[sets * ways];
        this.marks = marks;
        Arrays.fill(tags, EMPTY);
        boolean blocks = blockLines > 0 && sets % blockLines == 0;
        this.blockShift = blocks ? Integer.numberOfTrailingZeros(blockLines) : -1;
        int groups = blocks ? sets / blockLines : 0;
        this.recLine = new long[groups * ways];
        this.recT0 = new long[groups * ways];
        this.recTouches = new long[groups * ways];
        this.recFills = new long[groups * ways];
        this.recCount = new int[groups];
        this.newestT0 = new long[groups];
        this.touches = new long[groups];
        this.fills = new long[groups];
        this.absorbed = new long[blocks ? sets : 0];
        Arrays.fill(newestT0, -1);
        Arrays.fill(absorbed, -1);
    }

    /** Whether whole blocks of {@code blockLines} lines can be streamed into this level by {@link #record}. */
    boolean keepsBlocks() {
        return blockShift >= 0;
    }

    long capacityLines() {
        return (long) sets * ways;
    }

    /**
     * Looks {@code line} up without changing any LRU state (beyond taking in the set's pending
     * block records). Returns its slot when present; when absent, {@code -1 - victim}, where
     * victim is the slot a {@link #fillAt} would replace.
     */
    int lookup(long line) {
        int set = setOf(line);
        lastSet = set;
        if (blockShift >= 0 && newestT0[set >> blockShift] > absorbed[set]) {
            absorb(set);
        }
        int h = hintIndex(line);
        int s = hint[h];
        if (tags[s] == line) {
            return s;
        }
        int base = set * ways;
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

    /** Marks the line in {@code slot} (from the last {@link #lookup}) most recently used at {@code now}. */
    void use(int slot, long now) {
        stamps[slot] = now;
        touched(tags[slot]);
    }

    /** Installs {@code line} in {@code slot}, the victim the last {@link #lookup} reported for it. */
    void fillAt(int slot, long line, long now) {
        tags[slot] = line;
        stamps[slot] = now;
        hint[hintIndex(line)] = slot;
        touched(line);
        if (blockShift >= 0) {
            fills[lastSet >> blockShift]++;
        }
    }

    /** Installs {@code line} over the set's invalid or least recently used way, unless it is present (a prefetch). */
    void fillIfAbsent(long line, long now) {
        int slot = lookup(line);
        if (slot < 0) {
            fillAt(-1 - slot, line, now);
        }
    }

    /**
     * What this level holds of the block starting at {@code firstLine}, when no line of the block
     * has been used or filled by the per-line path ({@link BlockMarks}): every line of it, none,
     * or unknown (some may have been evicted).
     */
    BlockState blockState(long firstLine) {
        int g = setOf(firstLine) >> blockShift;
        int base = g * ways;
        int n = recCount[g];
        for (int j = 0; j < n; j++) {
            if (recLine[base + j] == firstLine) {
                // Its lines have the stamps of this record. A line is gone only when `ways` lines
                // of its set have larger stamps (the newer records' lines, one per set each, and
                // at most the per-line stamps set in the group since), and only by a fill.
                int newerRecords = n - 1 - j;
                long newer = newerRecords + touches[g] - recTouches[base + j];
                return newer < ways || newerRecords == 0 && fills[g] == recFills[base + j]
                        ? BlockState.ALL : BlockState.UNKNOWN;
            }
        }
        // Never recorded here, or fallen out of the ring behind `ways` newer blocks: see the class comment.
        return BlockState.NONE;
    }

    /**
     * The block starting at {@code firstLine} streamed through this level from stamp
     * {@code t0 + 1} on, one stamp per line, as a use of each line or a fill of its set's LRU way.
     */
    void record(long firstLine, long t0) {
        int g = setOf(firstLine) >> blockShift;
        int base = g * ways;
        int n = recCount[g];
        // A block is in a ring once: its new record supersedes the old one.
        int j = 0;
        while (j < n && recLine[base + j] != firstLine) {
            j++;
        }
        if (j == n && n == ways) {
            j = 0;
        }
        if (j < n) {
            System.arraycopy(recLine, base + j + 1, recLine, base + j, n - j - 1);
            System.arraycopy(recT0, base + j + 1, recT0, base + j, n - j - 1);
            System.arraycopy(recTouches, base + j + 1, recTouches, base + j, n - j - 1);
            System.arraycopy(recFills, base + j + 1, recFills, base + j, n - j - 1);
            n--;
        }
        recLine[base + n] = firstLine;
        recT0[base + n] = t0;
        recTouches[base + n] = touches[g];
        recFills[base + n] = fills[g];
        recCount[g] = n + 1;
        newestT0[g] = t0;
    }

    /**
     * Every valid line with its stamp, after each set has taken in its pending records: the state
     * the results depend on (where a line sits within its set is not part of it). For the
     * differential tests.
     */
    SortedMap<Long, Long> contents() {
        var lines = new TreeMap<Long, Long>();
        for (int set = 0; set < sets; set++) {
            if (blockShift >= 0 && newestT0[set >> blockShift] > absorbed[set]) {
                absorb(set);
            }
            for (int i = set * ways; i < (set + 1) * ways; i++) {
                if (tags[i] != EMPTY) {
                    lines.put(tags[i], stamps[i]);
                }
            }
        }
        return lines;
    }

    void clear() {
        Arrays.fill(tags, EMPTY);
        Arrays.fill(stamps, 0);
        Arrays.fill(recCount, 0);
        Arrays.fill(newestT0, -1);
        Arrays.fill(absorbed, -1);
    }

    /** Takes the group's records that {@code set} has not seen into it, oldest first. */
    private void absorb(int set) {
        int g = set >> blockShift;
        int offset = set & ((1 << blockShift) - 1);
        int base = g * ways;
        int n = recCount[g];
        long seen = absorbed[set];
        int j = n;
        while (j > 0 && recT0[base + j - 1] > seen) {
            j--;
        }
        absorbed[set] = newestT0[g];
        if (j == 0 && n == ways) {
            // `ways` new lines of distinct blocks, all more recent than anything in the set: they
            // are what it holds now, whatever it held before.
            int slot = set * ways;
            for (int r = 0; r < ways; r++) {
                tags[slot + r] = recLine[base + r] + offset;
                stamps[slot + r] = recT0[base + r] + offset + 1;
            }
            return;
        }
        for (; j < n; j++) {
            place(set, recLine[base + j] + offset, recT0[base + j] + offset + 1);
        }
    }

    /** A use of {@code line} at {@code stamp} when the set holds it, else a fill of its LRU way. */
    private void place(int set, long line, long stamp) {
        int base = set * ways;
        int end = base + ways;
        int victim = base;
        long oldest = stamps[base];
        for (int i = base; i < end; i++) {
            if (tags[i] == line) {
                stamps[i] = stamp;
                return;
            }
            long st = stamps[i];
            if (st < oldest) {
                oldest = st;
                victim = i;
            }
        }
        tags[victim] = line;
        stamps[victim] = stamp;
    }

    /** A stamp set by the per-line path in the last looked-up set. */
    private void touched(long line) {
        if (blockShift >= 0) {
            touches[lastSet >> blockShift]++;
        }
        marks.mark(line);
    }

    private static int hintIndex(long line) {
        return (int) ((line * 0x9E3779B97F4A7C15L) >>> (64 - HINT_BITS));
    }

    private int setOf(long line) {
        return (int) (setMask >= 0 ? line & setMask : line % sets);
    }

    /** What a level holds of one block (see {@link #blockState}). */
    enum BlockState { ALL, NONE, UNKNOWN }
}
