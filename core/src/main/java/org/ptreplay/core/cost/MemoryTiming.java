package org.ptreplay.core.cost;

import java.util.Arrays;

/**
 * When lines arrive, on the cell's simulated clock (docs/profiles.md, "Memory timing"):
 *
 * <ul>
 *   <li><b>Prefetch timeliness.</b> A prefetched line is installed at once (the cache model's
 *       contents do not depend on time) but arrives one latency of the level it came from after it
 *       was requested. A demand access that finds it before then waits for the rest: a loop that
 *       issues faster than memory delivers pays the difference.</li>
 *   <li><b>Memory-level parallelism.</b> At most {@code slots} misses are outstanding at once per
 *       core (the profile's {@code memory.outstanding_misses}, the line fill buffers or L2 miss
 *       queue). Prefetches overlap with each other and with demand misses up to that limit; a
 *       request that finds every slot busy starts when the earliest one completes.</li>
 * </ul>
 *
 * <p>A demand access is charged its whole wait when its loop orders its misses: on x86 by a
 * locked instruction per iteration (xchg, cmpxchg, lock add), everywhere by the data dependence
 * of a struct page read on the PTE just read. A loop whose iterations are independent — no
 * serializing instruction, addresses computed from the loop index, not loaded — keeps up to
 * {@code slots} of its misses in flight on an out-of-order core, so by Little's law each of its
 * accesses adds 1/{@code slots} of the wait it would have alone ({@link #independentExtraPs};
 * docs/profiles.md "Memory timing", docs/kernel-model.md §4.4). All times are integer
 * picoseconds; nothing allocates.
 */
final class MemoryTiming {
    /** Pending prefetches remembered at once; a collision forgets the older one (it is then taken as arrived). */
    private static final int PENDING_BITS = 8;

    /** Extra latency over L1 of a line served by each level; the last entry is memory. */
    private final long[] extraPs;
    /** Index of the level prefetches fill: a line found before it was not waited for. */
    private final int fillLevel;
    /** Completion time of each outstanding-miss slot. */
    private final long[] slots;
    private final long[] pendingLine = new long[1 << PENDING_BITS];
    private final long[] pendingArrival = new long[1 << PENDING_BITS];
    private long now;
    private long prefetchWaitPs;

    /**
     * @param extraPs latency over L1 of a line found in each level, memory last
     * @param slots   misses that may be outstanding at once (at least 1)
     * @param fillLevel index of the level prefetches fill
     */
    MemoryTiming(long[] extraPs, int slots, int fillLevel) {
        if (slots < 1) {
            throw new IllegalArgumentException("outstanding misses must be at least 1, not " + slots);
        }
        this.extraPs = extraPs.clone();
        this.fillLevel = fillLevel;
        this.slots = new long[slots];
        Arrays.fill(pendingLine, -1);
    }

    /** Sets the simulated time of the accesses that follow. */
    void at(long nowPs) {
        now = nowPs;
    }

    /** A prefetch of {@code line}, found in level {@code source} (the level count for memory), issued now. */
    void prefetch(long line, int source) {
        int h = hash(line);
        pendingLine[h] = line;
        pendingArrival[h] = occupy(extraPs[source]);
    }

    /**
     * The extra latency over L1 of a demand access to {@code line} served by {@code level}: that
     * level's, or the rest of a pending prefetch's flight when it has not arrived yet (only from
     * the fill level outwards: a line found before it is not waited for); a miss
     * everywhere first waits for a free slot.
     */
    long demandExtraPs(long line, int level) {
        long extra = extraPs[level];
        if (level < fillLevel) {
            // Served before the prefetcher's level (an L1 hit under an L2 streamer): nothing to wait for.
            return extra;
        }
        int h = hash(line);
        if (pendingLine[h] == line) {
            pendingLine[h] = -1;
            long rest = pendingArrival[h] - now;
            if (rest > extra) {
                prefetchWaitPs += rest - extra;
                extra = rest;
            }
        }
        if (level == extraPs.length - 1) {
            extra = occupy(extra) - now;
        }
        return extra;
    }

    /**
     * {@link #demandExtraPs} for an access of a loop whose iterations are independent: it takes its
     * slot and its line as any demand access does, but overlaps with the loop's other misses, up
     * to one per slot, so it adds {@code 1/slots} of that wait to the loop's time (rounded down).
     */
    long independentExtraPs(long line, int level) {
        long waitedBefore = prefetchWaitPs;
        long extra = demandExtraPs(line, level);
        prefetchWaitPs = waitedBefore + (prefetchWaitPs - waitedBefore) / slots.length;
        return extra / slots.length;
    }

    /** Picoseconds demand accesses waited for prefetches still in flight, beyond their level's latency. */
    long prefetchWaitPs() {
        return prefetchWaitPs;
    }

    /** Takes the earliest free slot for a request of {@code latencyPs} issued now; returns its completion. */
    private long occupy(long latencyPs) {
        int earliest = 0;
        for (int i = 1; i < slots.length; i++) {
            if (slots[i] < slots[earliest]) {
                earliest = i;
            }
        }
        long done = Math.max(now, slots[earliest]) + latencyPs;
        slots[earliest] = done;
        return done;
    }

    private static int hash(long line) {
        return (int) ((line * 0x9E3779B97F4A7C15L) >>> (64 - PENDING_BITS));
    }
}
