package org.ptreplay.core.cost;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.TextFormat;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ptreplay.core.profile.proto.Memory;

/**
 * The optimised hierarchy (way hints, lookups that pick the victim on the way, prefetcher slot
 * hints) against the plain definition written out below: per level a linear scan for the line, a
 * linear scan for the first way with the smallest stamp, and a prefetcher that scans its streams.
 * Randomised traces mix side-by-side table walks (the move_ptes pattern), re-accesses of a small
 * hot set, scattered struct-page lines and user streams longer and shorter than the caches; every
 * access must be served by the same level, in geometries with power-of-two and other set counts,
 * and with prefetches that put several lines into one set at one stamp (2 sets, degree 4); with and
 * without the pair-line prefetcher, also alone (degree 0) and filling L1.
 */
class CacheHierarchyDifferentialTest {

    @ParameterizedTest(name = "L1 {0}x{1}, L2 {2}x{3}, degree {4} fill L{5}, prefetch {6}, pair lines {7}, seed {8}")
    @CsvSource({
        // sets, ways per level; prefetch degree and fill level; prefetch on; pair lines; seed
        "8, 4, 16, 8, 2, 2, true, false, 1",
        "6, 2, 12, 4, 3, 2, true, false, 2",
        "2, 3, 6, 5, 4, 1, true, false, 3",
        "64, 12, 96, 16, 4, 2, true, false, 4",
        "6, 2, 12, 4, 3, 2, false, false, 5",
        "8, 4, 16, 8, 2, 2, true, true, 6",
        "6, 2, 12, 4, 3, 2, true, true, 7",
        "2, 3, 6, 5, 4, 1, true, true, 8",
        "64, 12, 96, 16, 20, 2, true, true, 9",
        "8, 4, 16, 8, 0, 2, true, true, 10",
        "6, 2, 12, 4, 3, 2, false, true, 11",
    })
    void everyAccessIsServedWhereThePlainModelServesIt(int sets1, int ways1, int sets2, int ways2, int degree,
                                                      int fill, boolean prefetch, boolean pairLines, long seed)
            throws Exception {
        Memory memory = memory(sets1, ways1, sets2, ways2, degree, fill, pairLines);
        CacheHierarchy fast = new CacheHierarchy(memory, prefetch, true);
        PlainHierarchy plain = new PlainHierarchy(new int[] {sets1, sets2}, new int[] {ways1, ways2}, prefetch ? degree : 0,
                fill - 1, prefetch && pairLines);
        SplittableRandom rnd = new SplittableRandom(seed);
        long srcTable = 0x40_0000L;
        long dstTable = 0x80_0000L;
        int entry = 0;
        for (int i = 0; i < 200_000; i++) {
            int what = rnd.nextInt(100);
            if (what < 60) {
                // move_ptes: read and clear the source entry, write the destination entry.
                long src = srcTable + 8L * entry;
                long dst = dstTable + 8L * entry;
                for (long pa : new long[] {src, src, dst}) {
                    assertEquals(plain.access(pa), fast.access(pa), "access " + i + " at " + Long.toHexString(pa));
                }
                if (++entry == 512) {
                    entry = 0;
                    srcTable += 0x1000L * (1 + rnd.nextInt(3));
                    dstTable += 0x1000L * (1 + rnd.nextInt(3));
                }
            } else if (what < 85) {
                long pa = 64L * rnd.nextInt(4 * sets2 * ways2);
                assertEquals(plain.access(pa), fast.access(pa), "access " + i);
            } else if (what < 99) {
                long pa = (1L << 50) + 64L * rnd.nextLong(1L << 30);
                assertEquals(plain.access(pa), fast.access(pa), "access " + i);
            } else {
                long pa = 0x1_0000_0000L + 64L * rnd.nextInt(1 << 20);
                long length = 1 + rnd.nextInt(64 * 2 * sets2 * ways2);
                plain.stream(pa, length);
                fast.stream(pa, length);
            }
        }
        assertArrayEquals(plain.served, fast.served());
    }

    private static Memory memory(int sets1, int ways1, int sets2, int ways2, int degree, int fill, boolean pairLines)
            throws Exception {
        String text = level("L1d", sets1, ways1, 1) + level("L2", sets2, ways2, 4)
                + "dram_latency_ns { value: 100 source: \"test\" }\n"
                + "outstanding_misses { value: 4 source: \"test\" }\n"
                + "prefetcher { enabled: true enabled_source: \"test\" degree { value: " + degree
                + " source: \"test\" } fill_level { value: " + fill + " source: \"test\" }"
                + (pairLines ? " pair_lines: true pair_lines_source: \"test\"" : "") + " }\n";
        Memory.Builder b = Memory.newBuilder();
        TextFormat.merge(text, b);
        return b.build();
    }

    private static String level(String name, int sets, int ways, int latency) {
        return "level { name: \"" + name + "\" size_bytes { value: " + (64L * sets * ways) + " source: \"test\" }"
                + " associativity { value: " + ways + " source: \"test\" } line_bytes { value: 64 source: \"test\" }"
                + " latency_ns { value: " + latency + " source: \"test\" } }\n";
    }
}
