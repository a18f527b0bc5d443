package org.ptreplay.tools.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.ptreplay.tools.trace.Fixture.ANON_FIXED;
import static org.ptreplay.tools.trace.Fixture.RW;
import static org.ptreplay.tools.trace.Fixture.UNKNOWN;
import static org.ptreplay.tools.trace.Fixture.brk;
import static org.ptreplay.tools.trace.Fixture.fork;
import static org.ptreplay.tools.trace.Fixture.mmap;
import static org.ptreplay.tools.trace.Fixture.mmapFile;
import static org.ptreplay.tools.trace.Fixture.mremap;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ptreplay.trace.Flags;
import org.ptreplay.trace.TraceEvent;
import org.ptreplay.trace.TraceHeader;

class TraceStatsTest {

    private static final long K = 1024;
    private static final long M = K * K;
    private static final int MAYMOVE = Flags.MREMAP_MAYMOVE;

    @SuppressWarnings("unchecked")
    private static Map<String, Object> stats(List<TraceEvent> events) {
        TraceHeader h = Fixture.header(TraceHeader.SourceKind.TEXT);
        TraceStats s = new TraceStats("fixture.txt", h, Fixture.replay(h), Fixture.arch("arm64").geometry(Map.of("granule", "4k")));
        for (int i = 0; i < events.size(); i++) {
            s.accept(i, events.get(i));
        }
        return s.json();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> m, String... path) {
        for (String p : path) {
            m = (Map<String, Object>) m.get(p);
        }
        return m;
    }

    @Test
    void outcomesOfUnrecordedMremapsComeFromTheVmaReplay() {
        List<TraceEvent> events = List.of(
                mmap(1, 0x40000000L, 2 * M, RW, ANON_FIXED, UNKNOWN),           // [1G, 1G+2M)
                mremap(1, 0x40000000L, 2 * M, 4 * M, MAYMOVE, UNKNOWN),         // the gap above is free: expands
                mremap(1, 0x40000000L, 4 * M, 1 * M, 0, UNKNOWN),               // shrinks to 1M
                mmap(1, 0x40100000L, 4 * K, RW, ANON_FIXED, UNKNOWN),           // right above: blocks growth
                mremap(1, 0x40000000L, 1 * M, 2 * M, MAYMOVE, UNKNOWN),         // so it must move
                mremap(1, 0x40000000L, 1 * M, 2 * M, 0, UNKNOWN),               // nothing left there: EFAULT
                mremap(1, 0x40100000L, 4 * K, 4 * K, 0, UNKNOWN));              // same size: unchanged
        Map<String, Object> outcomes = map(stats(events), "mremap", "outcomes");
        assertEquals(Map.of("expanded_in_place", 1L, "shrunk_in_place", 1L, "moved", 1L, "unchanged", 1L,
                "failed", 1L, "unknown", 0L), outcomes);
    }

    @Test
    void alignmentOfMovesAtContPtePmdAndPud() {
        // Recorded results: the old and new addresses are what the recording says.
        List<TraceEvent> events = List.of(
                // a: both 2M-aligned (so also 64K-aligned), at different offsets in their 1G
                mremap(1, 0x7f0000200000L, 2 * M, 4 * M, MAYMOVE, 0x7f0000600000L),
                // b: both 64K-aligned; the same offset (0x10000) in their 2M blocks
                mremap(1, 0x7f0000010000L, 64 * K, 128 * K, MAYMOVE, 0x7f0000a10000L),
                // c: neither aligned nor at the same offset anywhere (0x3000 vs 0x5000)
                mremap(1, 0x7f0000003000L, 4 * K, 8 * K, MAYMOVE, 0x7f0000c05000L),
                mremap(1, 0x7f0000003000L, 4 * K, 8 * M, MAYMOVE, -Flags.ENOMEM));
        Map<String, Object> json = stats(events);
        Map<String, Object> moves = map(json, "moves");
        assertEquals(3L, moves.get("count"));
        assertEquals(alignment(64 * K, 2, 2, 2, 2, 2.0 / 3, 2.0 / 3), moves.get("cont_pte"));
        assertEquals(alignment(2 * M, 1, 1, 1, 2, 1.0 / 3, 2.0 / 3), moves.get("pmd"));
        assertEquals(alignment(1024 * M, 0, 0, 0, 0, 0.0, 0.0), moves.get("pud"));
        assertEquals(1L, map(json, "mremap", "outcomes").get("failed"));
    }

    private static Map<String, Object> alignment(long size, long old, long nw, long both, long mutual,
                                                 double bothFraction, double mutualFraction) {
        return Map.of("size", size, "old_aligned", old, "new_aligned", nw, "both_aligned", both, "mutually_aligned", mutual,
                "both_aligned_fraction", bothFraction, "mutually_aligned_fraction", mutualFraction);
    }

    @Test
    void forkSizesCountAnonymousVmasOnly() {
        List<TraceEvent> events = List.of(
                mmap(1, 0x10000000L, 1 * M, RW, ANON_FIXED, 0x10000000L),    // 1M anonymous
                mmapFile(1, 0x20000000L, 64 * K, 3, 0x20000000L),            // a file: not counted
                brk(1, 0, 0x5000000L),
                brk(1, 0x5002000L, 0x5002000L),                              // an 8K anonymous heap
                fork(1, 2, 0),                                               // copies 1M + 8K of anon VMAs
                fork(1, 3, Flags.CLONE_VM | Flags.CLONE_THREAD));            // copies nothing
        Map<String, Object> forks = map(stats(events), "forks");
        long anon = M + 8 * K;
        assertEquals(1L, forks.get("count"));
        assertEquals(1L, forks.get("clone_vm"));
        assertEquals(anon, forks.get("anon_bytes_max"));
        assertEquals(anon, forks.get("anon_bytes_total"));
        assertEquals(List.of(Map.of("min", M, "max", 2 * M, "count", 1L)), forks.get("anon_bytes"));
    }

    @Test
    void mappingSizesFallInPowerOfTwoBuckets() {
        List<TraceEvent> events = List.of(
                mmap(1, 0, 4 * K, RW, Fixture.ANON, 0x10000000L),
                mmap(1, 0, 5 * K, RW, Fixture.ANON, 0x10002000L),     // rounds to 8K
                mmap(1, 0, 8 * K, RW, Fixture.ANON, 0x10004000L),
                mmap(1, 0, 1 * M, RW, Fixture.ANON, -Flags.ENOMEM));  // failed: not a mapping
        assertEquals(List.of(Map.of("min", 4 * K, "max", 8 * K, "count", 1L),
                Map.of("min", 8 * K, "max", 16 * K, "count", 2L)), stats(events).get("mapping_sizes"));
    }
}
