package org.ptreplay.core.cost;

import java.util.List;
import java.util.SortedMap;
import org.ptreplay.core.profile.proto.CacheLevel;
import org.ptreplay.core.profile.proto.Memory;

/**
 * The caches one CPU sees, fed with simulated physical addresses: PTE slots (8 entries per
 * 64-byte line), vmemmap struct page lines (one per pfn) and user data streamed by touches.
 *
 * <p>Non-inclusive fill: a demand access that hits level k (or memory) installs the line in every
 * level before k; each level keeps its own LRU order. An optional {@link StreamPrefetcher} installs
 * the lines it predicts in its fill level and every level beyond it, and an optional pair-line
 * (spatial) prefetcher completes every line brought into the fill level with the other line of its
 * 128-byte aligned pair ({@link #access}). Nothing here allocates per access.
 */
final class CacheHierarchy {
    private static final int BLOCK_BYTES = 4096;
    private final LruCache[] levels;
    private final int lineShift;
    private final long largestCapacityLines;
    /** Null when prefetching is off. */
    private final StreamPrefetcher prefetcher;
    /** Index of the first level a prefetch fills. */
    private final int prefetchFill;
    /** Whether the pair-line prefetcher runs (64-byte lines: the pair of line n is n ^ 1). */
    private final boolean pairLines;
    /** Told of every prefetch request and where its line came from; null when nothing listens. */
    private MemoryTiming timing;
    /** Demand accesses served by each level; the last slot counts memory. */
    private final long[] served;
    /** Per level, the slot a missed line is filled into (scratch of {@link #load}). */
    private final int[] victims;
    /** Lines per 4 KiB block, the unit of whole-block streams. */
    private final int blockLines;
    /** Whether whole blocks are streamed as block records (every level keeps them). */
    private final boolean blockStreams;
    private final BlockMarks marks;
    private long clock;
    /**
     * Whether an L1 hit changes nothing but its line's stamp: no prefetcher, or prefetchers that
     * fill a later level and so neither train on L1 hits nor fill L1 ({@link #l1Resident}).
     */
    private final boolean l1Runs;
    /** The line of the last demand access ({@link #access}) and the clock it left; -1 before the first. */
    private long lastLine = -1;
    private long lastClock = -1;
    /** The line the last demand access evicted from L1 to make room for its own; -1 for none. */
    private long lastL1Victim = -1;
    /** The line {@link #load} last evicted from L1, -1 for none (scratch, read by {@link #access}). */
    private long loadL1Victim;
    /** Stream prefetches skipped because the prefetch just before had left their line in every level they fill. */
    private long redundantPrefetches;
    /** Blocks streamed whole after a level was asked line by line what it holds ({@link #streamBlock}). */
    private long probedBlocks;

    /**
     * @param memory       the profile's memory section (validated: one line size, sane geometry)
     * @param prefetch     whether the prefetcher the profile describes runs
     * @param blockStreams whether whole 4 KiB blocks of a stream may be applied as block records
     *                     ({@link LruCache}); off, every streamed line takes the per-line path.
     *                     The results are the same (the differential tests replay both ways).
     */
    CacheHierarchy(Memory memory, boolean prefetch, boolean blockStreams) {
        List<CacheLevel> specs = memory.getLevelList();
        int lineBytes = (int) specs.get(0).getLineBytes().getValue();
        this.lineShift = Integer.numberOfTrailingZeros(lineBytes);
        this.blockLines = Math.max(1, BLOCK_BYTES >>> lineShift);
        this.marks = new BlockMarks(Integer.numberOfTrailingZeros(blockLines));
        this.levels = new LruCache[specs.size()];
        long largest = 0;
        boolean allBlocks = blockStreams;
        for (int i = 0; i < levels.length; i++) {
            CacheLevel spec = specs.get(i);
            levels[i] = new LruCache((long) spec.getSizeBytes().getValue(),
                    (int) spec.getAssociativity().getValue(), lineBytes, blockStreams ? blockLines : 0, marks);
            largest = Math.max(largest, levels[i].capacityLines());
            allBlocks &= levels[i].keepsBlocks();
        }
        this.blockStreams = allBlocks;
        this.largestCapacityLines = largest;
        int degree = (int) memory.getPrefetcher().getDegree().getValue();
        this.prefetcher = prefetch && degree > 0 ? new StreamPrefetcher(degree, lineShift) : null;
        this.prefetchFill = (int) memory.getPrefetcher().getFillLevel().getValue() - 1;
        this.pairLines = prefetch && memory.getPrefetcher().getPairLines();
        if (pairLines && lineBytes != 64) {
            throw new IllegalArgumentException("pair_lines completes 128-byte pairs of 64-byte lines, not of "
                    + lineBytes + "-byte lines");
        }
        this.l1Runs = prefetchFill > 0 || (prefetcher == null && !pairLines);
        this.served = new long[levels.length + 1];
        this.victims = new int[levels.length];
    }

    int lineShift() {
        return lineShift;
    }

    /** Reports every prefetch request to {@code t}, with the level its line comes from (prefetch timeliness). */
    void timing(MemoryTiming t) {
        this.timing = t;
    }

    /** Number of cache levels; {@link #access} returns this value for a miss in all of them. */
    int levels() {
        return levels.length;
    }

    /**
     * One demand access to the line holding {@code pa} (non-negative). Returns the index of the
     * level that served it (0 = L1), or {@link #levels()} when it came from memory.
     */
    int access(long pa) {
        long line = pa >>> lineShift;
        long now = ++clock;
        int hit = load(line, now);
        served[hit]++;
        lastLine = line;
        lastClock = now;
        lastL1Victim = loadL1Victim;
        // The spatial prefetcher "strives to complete every cache line fetched to the L2 cache with
        // the pair line that completes it to a 128-byte aligned chunk" (Intel Optimization Reference
        // Manual, "Data Prefetching"; docs/profiles.md, "The cache model"): a line that missed the
        // fill level was fetched into it, so its pair is requested with it.
        long resident = -1;
        if (pairLines && hit > prefetchFill) {
            resident = prefetch(line ^ 1, now, false);
        }
        // A prefetcher that fills level f sees only the requests that reach level f: the L2
        // streamer trains on L1 misses (Intel Optimization Reference Manual, "Data Prefetching":
        // the streamer monitors read requests from the L1 cache). An L1-hot line in between, such
        // as a folio's head struct page, therefore does not break a stream of subpage lines.
        if (prefetcher != null && hit >= prefetchFill && prefetcher.train(line)) {
            for (int k = 0, n = prefetcher.issueCount(); k < n; k++) {
                long l = prefetcher.issueLine(k);
                // A stream in either direction asks next for the pair line the prefetch before
                // completed its line with (or the demand line's own pair): that line has just been
                // put into every level from the fill level on, so asking again would find it in
                // the fill level and change nothing (no fill, no timing, no pair): skipped.
                if (l == resident) {
                    redundantPrefetches++;
                    continue;
                }
                resident = prefetch(l, now, true);
            }
        }
        return hit;
    }

    /**
     * A prefetch of {@code line} into the fill level and every level beyond it, where absent. One
     * lookup per level both finds the level the line comes from (the first from the fill level
     * outwards that holds it, for the timing) and picks the victim to fill: a fill changes only
     * its own level, so the levels after it see what they held before the prefetch. A line the fill
     * level did not hold was fetched into it, which the pair-line prefetcher completes with its
     * pair too when {@code completePair} (a stream prefetch; the pair's own fetch does not recurse:
     * its pair is the line that caused it). Returns the line prefetched last (the pair, if one was
     * fetched): it is now in every level from the fill level on.
     */
    private long prefetch(long line, long now, boolean completePair) {
        int source = levels.length;
        for (int k = prefetchFill; k < levels.length; k++) {
            int slot = levels[k].lookup(line);
            if (slot < 0) {
                levels[k].fillAt(-1 - slot, line, now);
            } else if (source == levels.length) {
                source = k;
            }
        }
        if (timing != null && source > prefetchFill) {
            timing.prefetch(line, source);
        }
        if (completePair && pairLines && source > prefetchFill) {
            return prefetch(line ^ 1, now, false);
        }
        return line;
    }

    /**
     * User data [pa, pa + length) streamed through the caches. A stream is contiguous, so after it
     * LRU holds exactly its last lines in every level it covers: a stream longer than the largest
     * level first empties every level (everything is displaced) and then only its last
     * largest-level-capacity lines are simulated. Work per call is thus bounded by the capacity
     * of the largest level, whatever the length. Streams neither train the prefetcher nor count
     * as demand accesses, nor do their lines call for their pairs: a stream holds its lines' pairs
     * but at an end that is not 128-byte aligned (page zeroing streams whole pages).
     *
     * <p>A whole aligned 4 KiB block costs O(levels) instead of O(lines &times; levels) when each
     * level it reaches holds all of the block or none of it: the lines then all miss up to the same
     * level and hit there (or come from memory), and each level on the way records the block
     * ({@link LruCache#record}). A level tells that from its records ({@link LruCache#blockState},
     * which looks up only the lines whose sets the per-line path has stamped since the block's
     * record) when none of the block's lines went through the per-line path ({@link BlockMarks});
     * otherwise it is asked line by line ({@link LruCache#probe}), which costs one lookup per line
     * but none of the uses and fills. A block that a level holds in part goes line by line.
     */
    void stream(long pa, long length) {
        if (length <= 0) {
            return;
        }
        long first = pa >>> lineShift;
        long last = (pa + length - 1) >>> lineShift;
        if (last - first + 1 > largestCapacityLines) {
            for (var level : levels) {
                level.clear();
            }
            marks.clear();
            first = last - largestCapacityLines + 1;
        }
        long line = first;
        while (line <= last) {
            if (blockStreams && (line & (blockLines - 1)) == 0 && last - line >= blockLines - 1 && streamBlock(line)) {
                line += blockLines;
            } else {
                load(line, ++clock);
                line++;
            }
        }
    }

    /** Streams the block starting at {@code firstLine} as block records, if the levels allow it. */
    private boolean streamBlock(long firstLine) {
        boolean marked = marks.marked(firstLine);
        boolean probed = false;
        int hit = levels.length;
        for (int k = 0; k < levels.length; k++) {
            LruCache.BlockState state;
            if (marked) {
                state = levels[k].probe(firstLine, blockLines);
                probed = true;
            } else {
                state = levels[k].blockState(firstLine);
            }
            if (state == LruCache.BlockState.PART) {
                return false;
            }
            if (state == LruCache.BlockState.ALL) {
                hit = k;
                break;
            }
        }
        // As per line: the level that holds them uses them, every level before it fills them.
        long t0 = clock;
        for (int k = 0; k <= hit && k < levels.length; k++) {
            levels[k].record(firstLine, t0);
        }
        clock = t0 + blockLines;
        if (probed) {
            probedBlocks++;
        }
        return true;
    }

    /**
     * Whether a demand access to the line of {@code pa} now would be an L1 hit whose only effect
     * is the line's LRU stamp, the clock and {@code served[0]}: the line is in L1 and the
     * prefetchers, if any, do not act on L1 hits (they fill a later level and see only the
     * requests that reach it, see {@link #access}). The batch-level accounting of runs of
     * identical entries relies on it (issue #8): a sequence of such hits to lines that stay in
     * L1 can be applied at once by {@link #recordL1Hits}.
     */
    boolean l1Resident(long pa) {
        if (!l1Runs) {
            return false;
        }
        long line = pa >>> lineShift;
        // Right after a demand access to this line, nothing else having happened (every other
        // change to the caches advances the clock): the access left it in L1 (a miss fills L1,
        // and the prefetches it set off fill later levels), so the lookup can be skipped.
        if (line == lastLine && clock == lastClock) {
            return true;
        }
        return levels[0].lookup(line) >= 0;
    }

    /**
     * {@link #l1Resident} for the line of {@code pa} when it was L1-resident just before the last
     * demand access and nothing has changed the caches since (the {@code L1Run} of the ledger
     * checks its other tracked line so after each access): that access can only have removed it
     * by evicting it from L1 for its own line. The same answer as a lookup, without one; any
     * other situation takes the lookup.
     */
    boolean l1Kept(long pa) {
        if (!l1Runs) {
            return false;
        }
        if (clock != lastClock) {
            return l1Resident(pa);
        }
        return (pa >>> lineShift) != lastL1Victim;
    }

    /**
     * Applies {@code accesses} consecutive demand accesses that are all L1 hits on the distinct
     * lines of the addresses in {@code pa}, exactly as {@code accesses} calls of {@link #access}
     * would: the clock advances by {@code accesses}, the stamp of the line of {@code pa[i]} becomes
     * the clock of its last access, at offset {@code last[i]} (1-based; 0 when the run does not
     * touch that line), and L1 serves them all. Nothing else changes on an L1 hit (no fill, no
     * prefetch training), so the state is identical to the per-access replay. Every line touched
     * must be {@link #l1Resident} before the run, and no two touched lines share an offset (one
     * access touches one line; two lines stamped alike would tie for the LRU victim, which a
     * set's way order would then decide, see {@link LruCache} on distinct stamps).
     */
    void recordL1Hits(long[] pa, int[] last, int accesses) {
        long now = clock;
        for (int i = 0; i < pa.length; i++) {
            if (last[i] > 0) {
                for (int j = 0; j < i; j++) {
                    if (last[j] == last[i]) {
                        throw new IllegalArgumentException("recordL1Hits: two lines cannot both be accessed at offset " + last[i]);
                    }
                }
                stampL1(pa[i], now + last[i]);
            }
        }
        clock = now + accesses;
        served[0] += accesses;
    }

    private void stampL1(long pa, long stamp) {
        int slot = levels[0].lookup(pa >>> lineShift);
        if (slot < 0) {
            throw new IllegalStateException("recordL1Hits: line of 0x" + Long.toHexString(pa) + " is not in L1");
        }
        levels[0].use(slot, stamp);
    }

    /** The lines of level {@code k} with their LRU stamps ({@link LruCache#contents}); for the differential tests. */
    SortedMap<Long, Long> contents(int k) {
        return levels[k].contents();
    }

    /** Blocks streamed whole after a line-by-line probe ({@link #stream}); for the differential tests. */
    long probedBlocks() {
        return probedBlocks;
    }

    /** Stream prefetches skipped as no-ops ({@link #access}); for the differential tests. */
    long redundantPrefetches() {
        return redundantPrefetches;
    }

    /** Demand accesses served by each level so far; the last element counts memory. */
    long[] served() {
        return served.clone();
    }

    /**
     * Finds the line from L1 outwards and fills it into every level before the one that had it.
     * Each level's victim is chosen during its lookup: the levels are separate arrays, so nothing
     * changes a missed level's set before its fill.
     */
    private int load(long line, long now) {
        int n = levels.length;
        int hit = n;
        for (int k = 0; k < n; k++) {
            int slot = levels[k].lookup(line);
            if (slot >= 0) {
                levels[k].use(slot, now);
                hit = k;
                break;
            }
            victims[k] = -1 - slot;
        }
        loadL1Victim = hit > 0 ? levels[0].lineAt(victims[0]) : -1;
        for (int k = 0; k < hit; k++) {
            levels[k].fillAt(victims[k], line, now);
        }
        return hit;
    }
}
