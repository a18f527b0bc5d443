package org.ptreplay.core.cost;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.TextFormat;
import java.util.SortedMap;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ptreplay.core.profile.proto.Memory;

/**
 * Whole-block streams (block records, issue #15) against the per-line definition
 * ({@link PlainHierarchy}) and against the same hierarchy with block streams off. Randomised traces
 * stream 4 KiB pages from a small pool (so pages come back while their lines are still cached, in
 * some levels or all, partly evicted or not), folios of 16 pages at once (page zeroing), partial
 * and unaligned streams, streams longer than the caches, and demand accesses to table lines,
 * struct pages and lines of the streamed pages themselves. Every access must be served by the same
 * level, every level must hold the same lines with the same LRU stamps (checked every few
 * events, more often in smaller caches), and at the end every line of the pool is read back in the same order with the same
 * results. Geometries: tiny caches whose streams evict their own lines (2 and 3 ways, a set count
 * that is not a power of two), a realistic one, and one whose set count is not a multiple of a
 * block's lines (no block records: per line throughout); with and without the pair-line prefetcher.
 */
class BlockStreamsDifferentialTest {
    private static final long POOL = 0x1000_0000L;

    @ParameterizedTest(name = "sets {0}, ways {1}, degree {2} fill L{3}, pool {4} pages, hot {5}, pair lines {6}, seed {7}")
    @CsvSource({
        // sets and ways per level (':'-separated); prefetch degree and fill level (0: off); pool
        // pages; hot lines (demand accesses that mostly hit: uses without fills); pair lines; seed
        "64:128:192, 2:3:2, 2, 2, 24, 0, false, 1",
        "64:128:192, 1:2:3, 4, 2, 12, 0, false, 2",
        "64:64, 4:8, 2, 1, 40, 0, false, 3",
        "64:1024:3072, 12:8:12, 2, 2, 300, 0, false, 4",
        "64:1024:3072, 12:8:12, 0, 0, 2000, 0, false, 5",
        "64:256, 3:4, 3, 2, 64, 0, false, 6",
        "48:96, 2:4, 2, 2, 24, 0, false, 7",
        "64:128, 2:2, 2, 2, 3, 6, false, 8",
        "64:128:192, 3:2:4, 0, 0, 4, 40, false, 9",
        "64:128:192, 2:3:2, 2, 2, 24, 0, true, 10",
        "64:1024:3072, 12:8:12, 20, 2, 300, 0, true, 11",
        "48:96, 2:4, 2, 2, 24, 0, true, 12",
        "64:128, 2:2, 2, 2, 3, 6, true, 13",
    })
    void everyAccessIsServedWhereThePerLineModelServesIt(String setList, String wayList, int degree, int fill,
                                                         int poolPages, int hotLines, boolean pairLines, long seed)
            throws Exception {
        int[] sets = ints(setList);
        int[] ways = ints(wayList);
        Memory memory = memory(sets, ways, Math.max(degree, 1), Math.max(fill, 1), pairLines);
        CacheHierarchy blocks = new CacheHierarchy(memory, degree > 0, true);
        CacheHierarchy lines = new CacheHierarchy(memory, degree > 0, false);
        PlainHierarchy plain = new PlainHierarchy(sets, ways, degree, fill - 1, degree > 0 && pairLines);
        SplittableRandom rnd = new SplittableRandom(seed);
        long table = 0x40_0000L;
        int entry = 0;
        // Compare the whole state often: a stamp that differs is overwritten soon in tiny caches.
        int checkEvery = Math.max(1, capacity(sets, ways) / 32);
        for (int i = 0; i < 30_000; i++) {
            int what = rnd.nextInt(100);
            long pa;
            long length = 0;
            if (hotLines > 0 && what >= 47 && rnd.nextInt(100) < 80) {
                pa = 0x2000_0000L + 64L * 7 * rnd.nextInt(hotLines);
            } else if (what < 40) {
                pa = POOL + 4096L * rnd.nextInt(poolPages);
                length = 4096;
            } else if (what < 43) {
                pa = POOL + 4096L * 16 * rnd.nextInt(Math.max(1, poolPages / 16));
                length = 16 * 4096;
            } else if (what < 46) {
                pa = POOL + 64L * rnd.nextInt(64 * poolPages);
                length = 1 + rnd.nextInt(3 * 4096);
            } else if (what < 47) {
                pa = POOL + 4096L * rnd.nextInt(poolPages);
                length = 4096L * (1 + rnd.nextInt(2 * capacity(sets, ways) / 64));
            } else if (what < 70) {
                pa = table + 8L * entry;
                if (++entry == 512) {
                    entry = 0;
                    table += 0x1000L * (1 + rnd.nextInt(3));
                }
            } else if (what < 85) {
                pa = (1L << 50) + 64L * rnd.nextInt(1 << 16);
            } else {
                // A demand access to a line of a streamed page (e.g. the kernel's copy of a page).
                pa = POOL + 64L * rnd.nextInt(64 * poolPages);
            }
            if (length > 0) {
                plain.stream(pa, length);
                blocks.stream(pa, length);
                lines.stream(pa, length);
            } else {
                int expected = plain.access(pa);
                assertEquals(expected, blocks.access(pa), "access " + i + " at " + Long.toHexString(pa));
                assertEquals(expected, lines.access(pa), "access " + i + " at " + Long.toHexString(pa));
            }
            if (i % checkEvery == 0) {
                sameLinesAndStamps(plain, blocks, sets.length, "after event " + i);
            }
        }
        sameLinesAndStamps(plain, blocks, sets.length, "at the end");
        for (long line = 0; line < 64L * poolPages; line++) {
            long pa = POOL + 64 * line;
            int expected = plain.access(pa);
            assertEquals(expected, blocks.access(pa), "read-back of " + Long.toHexString(pa));
            assertEquals(expected, lines.access(pa), "read-back of " + Long.toHexString(pa));
        }
        assertArrayEquals(plain.served, blocks.served());
        assertArrayEquals(plain.served, lines.served());
        if (java.util.Arrays.stream(sets).allMatch(n -> n % 64 == 0)) {
            // Pages come back while partly cached and after demand accesses to their lines: some
            // must have been streamed whole only after asking a level line by line.
            assertTrue(blocks.probedBlocks() > 0, "no block was streamed whole after a probe");
        }
    }

    private static void sameLinesAndStamps(PlainHierarchy plain, CacheHierarchy blocks, int levels, String when) {
        for (int k = 0; k < levels; k++) {
            SortedMap<Long, Long> expected = plain.contents(k);
            SortedMap<Long, Long> actual = blocks.contents(k);
            if (!expected.equals(actual)) {
                // Name the first line that differs, not two maps of thousands of entries.
                var lines = new TreeSet<>(expected.keySet());
                lines.addAll(actual.keySet());
                for (long line : lines) {
                    assertEquals(expected.get(line), actual.get(line), "L" + (k + 1) + " stamp of line 0x"
                            + Long.toHexString(line) + " " + when);
                }
            }
        }
    }

    private static int capacity(int[] sets, int[] ways) {
        int largest = 0;
        for (int k = 0; k < sets.length; k++) {
            largest = Math.max(largest, sets[k] * ways[k]);
        }
        return largest;
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
                .append("prefetcher { enabled: true enabled_source: \"test\" degree { value: ").append(degree)
                .append(" source: \"test\" } fill_level { value: ").append(fill).append(" source: \"test\" }")
                .append(pairLines ? " pair_lines: true pair_lines_source: \"test\"" : "").append(" }\n");
        Memory.Builder b = Memory.newBuilder();
        TextFormat.merge(text.toString(), b);
        return b.build();
    }
}
