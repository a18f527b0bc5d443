package org.ptreplay.core.cost;

import java.util.Arrays;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One set-associative cache level with true LRU replacement. Lines are identified by their line
 * number (physical address / line size); a set is chosen by line number modulo the set count.
 * The victim of a fill is the way with the smallest last-use stamp, the first such way when
 * stamps tie (prefetches fill several lines at one stamp). No access allocates.
 *
 * <p><b>Layout</b> (issue #15): one flat {@code long[]} holds every way as a (tag, stamp) pair,
 * set-major, so that the scan of a set, which compares tags and tracks the smallest stamp at once,
 * reads {@code 16 * ways} contiguous bytes (one or a few host cache lines and one host page) instead
 * of two arrays far apart; the block records of a group are packed the same way. A slot is the
 * index of its tag; its stamp follows it. Each set's ways follow a header of two longs that every
 * lookup of the set reads or a use or fill writes anyway: the newest block record the set has
 * taken in and the clock of its last per-line stamp. In a level of megabytes a separate per-set
 * array would be a host cache miss of its own per lookup.
 *
 * <p>Lookups start with a way hint: a small direct-mapped table remembers, per hash of the line
 * number, the slot where a line was last found or filled (a hash, not the low bits: the lines of
 * two page tables walked side by side share their low bits). A hint is only a guess, checked
 * against the line's set and then the slot's tag (a line occupies at most one way of its set), so
 * it never changes a result; a hint into another set is dropped without reading the slot, which in
 * a large level would be a host cache miss of its own; it turns the common repeated hit on the lines of the PTE tables being walked into one
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
final class LruCache {
    private static final long EMPTY = -1;
    /** Longs in front of each set's ways: {@link #ABSORBED}, {@link #TOUCHED}. */
    private static final int HEADER = 2;
    /** Header offset: the t0 of the newest record the set has taken in; -1 before the first. */
    private static final int ABSORBED = 0;
    /** Header offset: the clock of the last stamp the per-line path set in the set; -1 before the first. */
    private static final int TOUCHED = 1;
    private static final int HINT_BITS = 8;
    /** Longs per block record: first line, t0, touches, fills. */
    private static final int REC = 4;
    private static final int LINE = 0;
    private static final int T0 = 1;
    private static final int TOUCHES = 2;
    private static final int FILLS = 3;

    private final int sets;
    private final int ways;
    /** sets - 1 when the set count is a power of two, else -1 (use the remainder). */
    private final long setMask;
    /** Longs per set: its header and {@code 2 * ways}. */
    private final int stride;
    /**
     * Per set, set-major, its {@link #HEADER} and then per way its line number ({@link #EMPTY} when
     * invalid) and its last-use stamp (larger is more recent, 0 for an invalid way): set s owns
     * [s * stride, (s + 1) * stride), its ways from {@code s * stride + HEADER} on.
     */
    private final long[] slots;
    /** Slot where a line with this hint index was last seen; verified against {@link #slots} before use. */
    private final int[] hint = new int[1 << HINT_BITS];
    /** Blocks whose lines went through the per-line path (uses and fills), shared by the levels. */
    private final BlockMarks marks;

    /** log2 of the lines per block when this level keeps block records, else -1. */
    private final int blockShift;
    /**
     * Per group, its records in ascending stamp order, {@link #REC} longs each: the block's first
     * line, t0, and the group's {@link #touches} and {@link #fills} when it was recorded.
     */
    private final long[] records;
    private final int[] recCount;
    /** Per group, the t0 of its newest record; -1 before the first. */
    private final long[] newestT0;
    /** Per group, stamps set by the per-line path (uses and fills) in its sets so far. */
    private final long[] touches;
    /** Per group, lines the per-line path filled into its sets so far. */
    private final long[] fills;
    /** The set of the last {@link #lookup}, which {@link #use} and {@link #fillAt} act on. */
    private int lastSet;

    /**
     * @param blockLines lines per block streamed by {@link #record}, a power of two; 0 for a
     *                   level that keeps no block records
     */
    LruCache(long sizeBytes, int ways, int lineBytes, int blockLines, BlockMarks marks) {
        long setCount = sizeBytes / ((long) ways * lineBytes);
        if (setCount < 1 || setCount * (HEADER + 2L * ways) > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("unsupported cache geometry: " + sizeBytes + " bytes, " + ways + " ways");
        }
        this.sets = (int) setCount;
        this.ways = ways;
        this.setMask = Long.bitCount(setCount) == 1 ? setCount - 1 : -1;
        this.stride = HEADER + 2 * ways;
        this.slots = new long[sets * stride];
        this.marks = marks;
        invalidateAll();
        boolean blocks = blockLines > 0 && sets % blockLines == 0;
        this.blockShift = blocks ? Integer.numberOfTrailingZeros(blockLines) : -1;
        int groups = blocks ? sets / blockLines : 0;
        this.records = new long[groups * ways * REC];
        this.recCount = new int[groups];
        this.newestT0 = new long[groups];
        this.touches = new long[groups];
        this.fills = new long[groups];
        Arrays.fill(newestT0, -1);
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
        long[] a = slots;
        int header = set * stride;
        if (blockShift >= 0 && newestT0[set >> blockShift] > a[header + ABSORBED]) {
            absorb(set);
        }
        int base = header + HEADER;
        int end = header + stride;
        int h = hintIndex(line);
        int s = hint[h];
        // A line lives only in its own set: a hint into another set is wrong without reading it
        // (in a large level that read would be a host cache miss of its own).
        if (s >= base && s < end && a[s] == line) {
            return s;
        }
        int victim = base;
        long oldest = a[base + 1];
        for (int i = base; i < end; i += 2) {
            if (a[i] == line) {
                hint[h] = i;
                return i;
            }
            long st = a[i + 1];
            if (st < oldest) {
                oldest = st;
                victim = i;
            }
        }
        return -1 - victim;
    }

    /** The line in {@code slot} (from the last {@link #lookup}), -1 when the way is invalid. */
    long lineAt(int slot) {
        return slots[slot];
    }

    /** Marks the line in {@code slot} (from the last {@link #lookup}) most recently used at {@code now}. */
    void use(int slot, long now) {
        slots[slot + 1] = now;
        touched(slots[slot], now);
    }

    /** Installs {@code line} in {@code slot}, the victim the last {@link #lookup} reported for it. */
    void fillAt(int slot, long line, long now) {
        slots[slot] = line;
        slots[slot + 1] = now;
        hint[hintIndex(line)] = slot;
        touched(line, now);
        if (blockShift >= 0) {
            fills[lastSet >> blockShift]++;
        }
    }

    /**
     * What this level holds of the block starting at {@code firstLine}, when no line of the block
     * has been used or filled by the per-line path ({@link BlockMarks}): every line of it, none,
     * or a part.
     */
    BlockState blockState(long firstLine) {
        int first = setOf(firstLine);
        int g = first >> blockShift;
        int base = g * ways * REC;
        int n = recCount[g];
        for (int j = 0; j < n; j++) {
            int r = base + j * REC;
            if (records[r + LINE] == firstLine) {
                // Its lines have the stamps of this record. A line is gone only when `ways` lines
                // of its set have larger stamps (the newer records' lines, one per set each, and
                // at most the per-line stamps set in the group since), and only by a fill.
                int newerRecords = n - 1 - j;
                long newer = newerRecords + touches[g] - records[r + TOUCHES];
                if (newer < ways || newerRecords == 0 && fills[g] == records[r + FILLS]) {
                    return BlockState.ALL;
                }
                return heldSince(firstLine, first, records[r + T0]);
            }
        }
        // Never recorded here, or fallen out of the ring behind `ways` newer blocks: see the class comment.
        return BlockState.NONE;
    }

    /**
     * What this level holds of the block starting at {@code firstLine} in set {@code first}, which
     * it took in whole at {@code t0} with fewer than {@code ways} newer records behind it: a line
     * whose set the per-line path has not stamped since is still there (fewer than {@code ways}
     * lines of its set are newer); a line whose set it has stamped is looked up.
     */
    private BlockState heldSince(long firstLine, int first, long t0) {
        int lines = 1 << blockShift;
        int present = 0;
        for (int i = 0; i < lines; i++) {
            if (slots[(first + i) * stride + TOUCHED] <= t0 || lookup(firstLine + i) >= 0) {
                present++;
            }
        }
        return present == lines ? BlockState.ALL : present == 0 ? BlockState.NONE : BlockState.PART;
    }

    /**
     * What this level holds of the {@code blockLines} lines from {@code firstLine} on, asked line by
     * line: every one, none, or {@link BlockState#PART}. For blocks {@link #blockState} cannot
     * reason about (a line went through the per-line path). A lookup changes nothing but takes in
     * the set's pending records, which anything reading the set does first, so the answer is the
     * per-line model's.
     */
    BlockState probe(long firstLine, int blockLines) {
        boolean first = lookup(firstLine) >= 0;
        for (int i = 1; i < blockLines; i++) {
            if ((lookup(firstLine + i) >= 0) != first) {
                return BlockState.PART;
            }
        }
        return first ? BlockState.ALL : BlockState.NONE;
    }

    /**
     * The block starting at {@code firstLine} streamed through this level from stamp
     * {@code t0 + 1} on, one stamp per line, as a use of each line or a fill of its set's LRU way.
     */
    void record(long firstLine, long t0) {
        int g = setOf(firstLine) >> blockShift;
        int base = g * ways * REC;
        int n = recCount[g];
        // A block is in a ring once: its new record supersedes the old one.
        int j = 0;
        while (j < n && records[base + j * REC + LINE] != firstLine) {
            j++;
        }
        if (j == n && n == ways) {
            j = 0;
        }
        if (j < n) {
            System.arraycopy(records, base + (j + 1) * REC, records, base + j * REC, (n - j - 1) * REC);
            n--;
        }
        int r = base + n * REC;
        records[r + LINE] = firstLine;
        records[r + T0] = t0;
        records[r + TOUCHES] = touches[g];
        records[r + FILLS] = fills[g];
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
            if (blockShift >= 0 && newestT0[set >> blockShift] > slots[set * stride + ABSORBED]) {
                absorb(set);
            }
            for (int i = set * stride + HEADER; i < (set + 1) * stride; i += 2) {
                if (slots[i] != EMPTY) {
                    lines.put(slots[i], slots[i + 1]);
                }
            }
        }
        return lines;
    }

    void clear() {
        invalidateAll();
        Arrays.fill(recCount, 0);
        Arrays.fill(newestT0, -1);
    }

    /** Takes the group's records that {@code set} has not seen into it, oldest first. */
    private void absorb(int set) {
        int g = set >> blockShift;
        int offset = set & ((1 << blockShift) - 1);
        int base = g * ways * REC;
        int n = recCount[g];
        int header = set * stride;
        long seen = slots[header + ABSORBED];
        int j = n;
        while (j > 0 && records[base + (j - 1) * REC + T0] > seen) {
            j--;
        }
        slots[header + ABSORBED] = newestT0[g];
        if (j == 0 && n == ways) {
            // `ways` new lines of distinct blocks, all more recent than anything in the set: they
            // are what it holds now, whatever it held before.
            int slot = header + HEADER;
            for (int r = 0; r < ways; r++) {
                slots[slot + 2 * r] = records[base + r * REC + LINE] + offset;
                slots[slot + 2 * r + 1] = records[base + r * REC + T0] + offset + 1;
            }
            return;
        }
        for (; j < n; j++) {
            int r = base + j * REC;
            place(set, records[r + LINE] + offset, records[r + T0] + offset + 1);
        }
    }

    /** A use of {@code line} at {@code stamp} when the set holds it, else a fill of its LRU way. */
    private void place(int set, long line, long stamp) {
        long[] a = slots;
        int base = set * stride + HEADER;
        int end = base + 2 * ways;
        int victim = base;
        long oldest = a[base + 1];
        for (int i = base; i < end; i += 2) {
            if (a[i] == line) {
                a[i + 1] = stamp;
                return;
            }
            long st = a[i + 1];
            if (st < oldest) {
                oldest = st;
                victim = i;
            }
        }
        a[victim] = line;
        a[victim + 1] = stamp;
    }

    /** Every way invalid: tag {@link #EMPTY}, stamp 0; no record taken in, no per-line stamp. */
    private void invalidateAll() {
        for (int set = 0; set < sets; set++) {
            int header = set * stride;
            slots[header + ABSORBED] = -1;
            slots[header + TOUCHED] = -1;
            for (int i = header + HEADER; i < header + stride; i += 2) {
                slots[i] = EMPTY;
                slots[i + 1] = 0;
            }
        }
    }

    /** A stamp set by the per-line path at clock {@code now} in the last looked-up set. */
    private void touched(long line, long now) {
        if (blockShift >= 0) {
            touches[lastSet >> blockShift]++;
            slots[lastSet * stride + TOUCHED] = now;
        }
        marks.mark(line);
    }

    private static int hintIndex(long line) {
        return (int) ((line * 0x9E3779B97F4A7C15L) >>> (64 - HINT_BITS));
    }

    private int setOf(long line) {
        return (int) (setMask >= 0 ? line & setMask : line % sets);
    }

    /** What a level holds of one block (see {@link #blockState}): all its lines, none, or a part. */
    enum BlockState { ALL, NONE, PART }
}
