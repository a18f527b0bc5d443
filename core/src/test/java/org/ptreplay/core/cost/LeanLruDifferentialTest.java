package org.ptreplay.core.cost;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.TextFormat;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ptreplay.core.profile.proto.Memory;

/**
 * The lean cache structures of issue #15 (one packed (tag, stamp) array per level, packed block
 * records, one lookup per level for a prefetch's source and fill) against the structures they
 * replaced ({@link ReferenceHierarchy}, kept unchanged). Randomised traces mix side-by-side table
 * walks, hot lines, scattered struct-page lines, ascending reads of cached pages, whole 4 KiB user pages from a small pool (so pages
 * come back while partly cached), 64 KiB folios, partial and unaligned streams, streams longer than
 * the caches, and runs of L1 hits applied at once ({@code recordL1Hits}). Every access must be
 * served by the same level and wait the same picoseconds for its prefetches (each hierarchy has its
 * own {@link MemoryTiming}, so a prefetch reported from another level shows), every
 * {@code l1Resident} answer must agree (and, after every access, the answers for the line just
 * accessed and, through {@code l1Kept}, for the lines of the last few accesses that were resident
 * before it, which the lean hierarchy gives without a lookup), and every level must hold the same lines with the same
 * stamps (checked every few events). Geometries: tiny caches whose streams and prefetches evict
 * their own lines, set counts that are not powers of two, with and without block records,
 * prefetching into L1 and into L2, and off; with and without the pair-line prefetcher (also with no
 * stream prefetcher, degree 0). With both prefetchers, the lean hierarchy skips a stream prefetch of
 * the pair line the prefetch before it completed (a no-op in the reference), and must have done so.
 */
class LeanLruDifferentialTest {
    private static final long POOL = 0x1000_0000L;
    /** The addresses of the last demand accesses, for the l1Kept check; cleared by anything else. */
    private final ArrayDeque<Long> previous = new ArrayDeque<>();

    @ParameterizedTest(name = "sets {0}, ways {1}, degree {2} fill L{3}, prefetch {4}, block streams {5}, pair lines {6}, seed {7}")
    @CsvSource({
        // sets and ways per level (':'-separated); prefetch degree and fill level; prefetch on;
        // block streams; pair lines; seed
        "64:128:192, 2:3:2, 2, 2, true, true, false, 1",
        "64:128:192, 1:2:3, 4, 1, true, true, false, 2",
        "8:16, 4:8, 2, 2, true, true, false, 3",
        "6:12, 2:4, 3, 2, true, false, false, 4",
        "2:6, 3:5, 4, 1, true, true, false, 5",
        "64:1024:3072, 12:8:12, 2, 2, true, true, false, 6",
        "64:1024:3072, 12:8:12, 2, 2, false, true, false, 7",
        "48:96, 2:4, 2, 2, true, true, false, 8",
        "64:128, 2:2, 2, 2, false, false, false, 9",
        "16:32, 1:4, 2, 2, true, true, false, 10",
        "64:128:192, 2:3:2, 2, 2, true, true, true, 11",
        "2:6, 3:5, 4, 1, true, true, true, 12",
        "64:1024:3072, 12:8:12, 20, 2, true, true, true, 13",
        "6:12, 2:4, 0, 2, true, false, true, 14",
        "48:96, 2:4, 2, 2, true, true, true, 15",
    })
    void theLeanStructuresGiveWhatTheReferenceGives(String setList, String wayList, int degree, int fill,
                                                   boolean prefetch, boolean blockStreams, boolean pairLines, long seed)
            throws Exception {
        int[] sets = ints(setList);
        int[] ways = ints(wayList);
        Memory memory = memory(sets, ways, degree, fill, pairLines);
        CacheHierarchy lean = new CacheHierarchy(memory, prefetch, blockStreams);
        ReferenceHierarchy reference = new ReferenceHierarchy(memory, prefetch, blockStreams);
        // Latencies long next to the 50 ps between accesses, so that demand accesses often find
        // their prefetched lines still in flight and the level a prefetch came from shows.
        long[] extra = new long[sets.length + 1];
        for (int k = 1; k <= sets.length; k++) {
            extra[k] = k == sets.length ? 200_000 : 20_000L * k * k;
        }
        MemoryTiming leanTiming = new MemoryTiming(extra, 3, fill - 1);
        MemoryTiming referenceTiming = new MemoryTiming(extra, 3, fill - 1);
        lean.timing(leanTiming);
        reference.timing(referenceTiming);
        int capacity = 0;
        for (int k = 0; k < sets.length; k++) {
            capacity = Math.max(capacity, sets[k] * ways[k]);
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        long table = 0x40_0000L;
        long other = 0x80_0000L;
        int entry = 0;
        long nowPs = 0;
        int checkEvery = Math.max(1, capacity / 32);
        for (int i = 0; i < 40_000; i++) {
            int what = rnd.nextInt(100);
            String at = "event " + i;
            if (what < 30) {
                // move_ptes: read and clear the source entry, write the destination entry.
                for (long pa : new long[] {table + 8L * entry, table + 8L * entry, other + 8L * entry}) {
                    nowPs = access(lean, leanTiming, reference, referenceTiming, pa, nowPs, at);
                }
                if (++entry == 512) {
                    entry = 0;
                    table += 0x1000L * (1 + rnd.nextInt(3));
                    other += 0x1000L * (1 + rnd.nextInt(3));
                }
            } else if (what < 38) {
                // A run of L1 hits on the two table lines, as MovePtesRuns applies it.
                long a = table + 8L * entry;
                long b = other + 8L * entry;
                boolean resident = reference.l1Resident(a) && reference.l1Resident(b);
                assertEquals(resident, lean.l1Resident(a) && lean.l1Resident(b), "l1Resident, " + at);
                if (resident) {
                    int accesses = 1 + rnd.nextInt(12);
                    int lastA = rnd.nextInt(accesses + 1);
                    // One of the two lines is accessed last; the other at an earlier offset or
                    // not at all (as L1Run counts them: distinct lines never share an offset).
                    int lastB = lastA == accesses ? rnd.nextInt(accesses) : accesses;
                    reference.recordL1Hits(a, lastA, b, lastB, accesses);
                    lean.recordL1Hits(new long[] {a, b}, new int[] {lastA, lastB}, accesses);
                    previous.clear();
                }
            } else if (what < 50) {
                long pa = 0x2000_0000L + 64L * 7 * rnd.nextInt(24);
                nowPs = access(lean, leanTiming, reference, referenceTiming, pa, nowPs, at);
            } else if (what < 62) {
                long pa = (1L << 50) + 64L * rnd.nextInt(1 << 14);
                nowPs = access(lean, leanTiming, reference, referenceTiming, pa, nowPs, at);
            } else if (what < 70) {
                // Ascending demand accesses to lines of a streamed page (the kernel copying a
                // page): they train the prefetcher on lines some levels still hold.
                long pa = POOL + 64L * rnd.nextInt(64 * 48);
                for (int n = rnd.nextInt(16); n >= 0 && (pa & 4095) != 0; n--, pa += 64) {
                    nowPs = access(lean, leanTiming, reference, referenceTiming, pa, nowPs, at);
                }
            } else {
                long pa;
                long length;
                if (what < 90) {
                    pa = POOL + 4096L * rnd.nextInt(48);
                    length = 4096;
                } else if (what < 94) {
                    pa = POOL + 4096L * 16 * rnd.nextInt(3);
                    length = 16 * 4096;
                } else if (what < 99) {
                    pa = POOL + 64L * rnd.nextInt(64 * 48);
                    length = 1 + rnd.nextInt(3 * 4096);
                } else {
                    pa = POOL + 4096L * rnd.nextInt(48);
                    length = 64L * (1 + rnd.nextInt(3 * capacity));
                }
                reference.stream(pa, length);
                lean.stream(pa, length);
                previous.clear();
            }
            if (i % checkEvery == 0) {
                sameContents(reference, lean, sets.length, at);
            }
        }
        sameContents(reference, lean, sets.length, "at the end");
        assertArrayEquals(reference.served(), lean.served());
        assertEquals(referenceTiming.prefetchWaitPs(), leanTiming.prefetchWaitPs());
        if (prefetch && pairLines && degree > 1) {
            // The reference asks again for the pair line a stream prefetch just completed; the
            // lean hierarchy skips it (CacheHierarchy.access). A row that never did proves nothing.
            assertTrue(lean.redundantPrefetches() > 0, "no stream prefetch of a just-completed pair was skipped");
        }
    }

    /**
     * One demand access through both, as ProfileCostModel.accessPs makes it; returns the clock
     * after it. Then, as the ledger's L1 run asks them: whether the line accessed is L1-resident,
     * and whether the lines of the last few accesses that were resident before it still are.
     */
    private long access(CacheHierarchy lean, MemoryTiming leanTiming, ReferenceHierarchy reference,
                        MemoryTiming referenceTiming, long pa, long nowPs, String at) {
        List<Long> resident = new ArrayList<>();
        for (long p : previous) {
            if (reference.l1Resident(p)) {
                resident.add(p);
            }
        }
        referenceTiming.at(nowPs);
        leanTiming.at(nowPs);
        int level = reference.access(pa);
        assertEquals(level, lean.access(pa), "level of 0x" + Long.toHexString(pa) + ", " + at);
        assertEquals(reference.l1Resident(pa), lean.l1Resident(pa), "l1Resident after the access, " + at);
        for (long p : resident) {
            assertEquals(reference.l1Resident(p), lean.l1Kept(p), "l1Kept of 0x" + Long.toHexString(p) + ", " + at);
        }
        previous.addFirst(pa);
        if (previous.size() > 4) {
            previous.removeLast();
        }
        long wait = referenceTiming.demandExtraPs(pa >>> 6, level);
        assertEquals(wait, leanTiming.demandExtraPs(pa >>> 6, level), "wait of 0x" + Long.toHexString(pa) + ", " + at);
        return nowPs + wait + 50;
    }

    private static void sameContents(ReferenceHierarchy reference, CacheHierarchy lean, int levels, String at) {
        for (int k = 0; k < levels; k++) {
            assertEquals(reference.contents(k), lean.contents(k), "L" + (k + 1) + " lines and stamps, " + at);
        }
    }

    private static int[] ints(String list) {
        String[] parts = list.trim().split(":");
        int[] values = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            values[i] = Integer.parseInt(parts[i]);
        }
        return values;
    }

    private static Memory memory(int[] sets, int[] ways, int degree, int fill, boolean pairLines) throws Exception {
        StringBuilder text = new StringBuilder();
        for (int k = 0; k < sets.length; k++) {
            text.append("level { name: \"L").append(k + 1).append("\" size_bytes { value: ").append(64L * sets[k] * ways[k])
                    .append(" source: \"test\" } associativity { value: ").append(ways[k])
                    .append(" source: \"test\" } line_bytes { value: 64 source: \"test\" } latency_ns { value: ")
                    .append(1 + 4 * k).append(" source: \"test\" } }\n");
        }
        text.append("dram_latency_ns { value: 100 source: \"test\" }\n")
                .append("outstanding_misses { value: 3 source: \"test\" }\n")
                .append("prefetcher { enabled: true enabled_source: \"test\" degree { value: ").append(degree)
                .append(" source: \"test\" } fill_level { value: ").append(fill).append(" source: \"test\" }")
                .append(pairLines ? " pair_lines: true pair_lines_source: \"test\"" : "").append(" }\n");
        Memory.Builder b = Memory.newBuilder();
        TextFormat.merge(text.toString(), b);
        return b.build();
    }
}
