package org.ptreplay.core.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ptreplay.core.cost.CostModel;
import org.ptreplay.core.cost.CostOptions;
import org.ptreplay.core.cost.ProfileCostModel;
import org.ptreplay.core.profile.MachineProfile;
import org.ptreplay.core.profile.MachineProfiles;
import org.ptreplay.core.value.Placement;
import org.ptreplay.core.value.SimResult;
import org.ptreplay.core.value.ThpSpec;
import org.ptreplay.trace.Flags;
import org.ptreplay.trace.TraceEvent;

/**
 * Issue #15: the range-level paths ({@link SimConfig#rangePaths}: the ledger's L1 runs in faults,
 * populate, {@code zap_pte_range} and {@code copy_pte_range}, one walk per PMD extent) give
 * exactly what the per-entry reference gives. Random traces of one process and its forked
 * children (mmap with and without MAP_POPULATE, read and write touches, mremap moves and grows
 * at aligned and unaligned offsets, partial munmap, MADV_DONTNEED and MADV_POPULATE_WRITE, THP
 * advice, fork, COW writes, exits) are replayed with the range paths on and off; the whole
 * {@link SimResult} (every path's counts and picoseconds, per kind and in total, entries,
 * resident pages) and the cache level that served every access must be equal.
 *
 * <p>Core has the reference strategies and the test architecture; the preset strategies on x86
 * and arm64 are replayed the same way by the benchmarks module's {@code BatchRunsDifferentialTest}.
 * Cost models: the tiny test machine, whose 2 KiB L1 (8 sets of 4 ways) is evicted by every
 * page of user data, so the runs' LRU stamps decide what later hits; the same with a prefetcher
 * that fills L2 (runs allowed) or L1 (the model refuses runs: the per-access path), and with the
 * pair-line prefetcher as well (runs allowed: it fills L2 too); a realistic L1 of 64 sets; counts
 * only.
 */
class RangePathsDifferentialTest {
    private static final long PAGE = 4096;
    private static final long PMD = 2L << 20;
    private static final long BASE = 1L << 36;
    private static final long WINDOW = 48L << 20;
    private static final long U = TraceEvent.UNKNOWN_RESULT;
    private static final int RW = Flags.PROT_READ | Flags.PROT_WRITE;
    private static final int ANON = Flags.MAP_PRIVATE | Flags.MAP_ANONYMOUS | Flags.MAP_FIXED;

    @ParameterizedTest(name = "{0}, THP {1}, {2}, seed {3}")
    @CsvSource({
        "tiny, enabled=never, SEQUENTIAL, 1",
        "tiny, 64K=always, SCATTERED, 2",
        "tiny, enabled=always, SEQUENTIAL, 3",
        "tiny-prefetch-l2, enabled=never, SCATTERED, 4",
        "tiny-prefetch-l2, 16K=always, SEQUENTIAL, 5",
        "tiny-prefetch-l1, enabled=never, SEQUENTIAL, 6",
        "tiny-pair-lines, enabled=never, SCATTERED, 11",
        "tiny-pair-lines, 16K=always, SEQUENTIAL, 12",
        "wide, enabled=madvise, SEQUENTIAL, 7",
        "wide, 64K=always, SCATTERED, 8",
        "free, enabled=never, SEQUENTIAL, 9",
        "free, enabled=always, SCATTERED, 10",
    })
    void rangePathsEqualThePerEntryReference(String machine, String thp, Placement placement, long seed) {
        List<TraceEvent> trace = randomTrace(new Random(seed));
        Outcome on = replay(machine, thp, placement, trace, true);
        Outcome off = replay(machine, thp, placement, trace, false);
        assertEquals(off.result(), on.result());
        assertArrayEquals(off.served(), on.served());
        // Off, only move_ptes batches its L1 hits (SimConfig.batchRuns, on in both).
        if (machine.equals("tiny-prefetch-l1")) {
            // A prefetcher that trains on L1 hits: the model refuses runs, every access is replayed.
            assertEquals(0, on.batched());
            assertEquals(0, off.batched());
        } else {
            // A test that never reaches the batched paths proves nothing.
            assertTrue(on.batched() > off.batched() + 1_000, "L1 hits batched: " + on.batched() + " on, " + off.batched() + " off");
        }
        assertTrue(on.result().entries().zapped() > 1_000 && on.result().entries().copied() > 100
                && on.result().entries().faulted() > 1_000, on.result().entries().toString());
    }

    private record Outcome(SimResult result, long[] served, long batched) {
    }

    private static Outcome replay(String machine, String thp, Placement placement, List<TraceEvent> trace,
                                  boolean rangePaths) {
        CostModel model = cost(machine);
        Counting counting = new Counting(model);
        Kernel k = new Kernel(SimConfig.builder(new TestArch())
                .thp(ThpSpec.parse(thp))
                .placement(placement)
                .cpus(2)
                .cost(counting)
                .rangePaths(rangePaths)
                .build());
        SimResult r = k.replay(trace);
        long[] served = model instanceof ProfileCostModel p ? p.servedByLevel() : new long[0];
        return new Outcome(r, served, counting.batched);
    }

    /**
     * One process in a 48 MiB window: mappings of up to 3 MiB at page offsets that cross PMD
     * boundaries, populated, written or read, then moved (same size or grown) to aligned or
     * unaligned destinations, partly unmapped, advised or repopulated, and forked children that
     * write some pages (COW) and exit (the fullmm zap).
     */
    static List<TraceEvent> randomTrace(Random rnd) {
        List<TraceEvent> t = new ArrayList<>();
        List<long[]> maps = new ArrayList<>();
        List<Integer> children = new ArrayList<>();
        int nextPid = 2;
        for (int i = 0; i < 60; i++) {
            int op = rnd.nextInt(11);
            if (maps.isEmpty() || op < 2) {
                long len = pages(rnd, 768);
                long addr = BASE + pageIn(rnd, WINDOW - len);
                boolean populate = rnd.nextInt(3) == 0;
                t.add(new TraceEvent.Mmap(1, 0, addr, len, RW, ANON | (populate ? Flags.MAP_POPULATE : 0), -1, 0, U));
                if (!populate) {
                    t.add(new TraceEvent.Touch(1, 0, addr, len, rnd.nextInt(4) != 0));
                }
                maps.add(new long[] {addr, len});
                continue;
            }
            long[] m = maps.get(rnd.nextInt(maps.size()));
            switch (op) {
                case 2, 3 -> {
                    long newLen = rnd.nextInt(3) == 0 ? m[1] + pages(rnd, 64) : m[1];
                    long off = rnd.nextBoolean() ? 0 : pageIn(rnd, PMD);
                    long to = BASE + (pageIn(rnd, WINDOW - newLen - PMD) & -PMD) + off;
                    t.add(new TraceEvent.Mremap(1, 0, m[0], m[1], newLen, Flags.MREMAP_MAYMOVE | Flags.MREMAP_FIXED,
                            to, U));
                    m[0] = to;
                    m[1] = newLen;
                    t.add(new TraceEvent.Touch(1, 0, to, Math.min(newLen, pages(rnd, 64)), true));
                }
                case 4 -> {
                    long cut = pages(rnd, (int) (m[1] / PAGE));
                    t.add(new TraceEvent.Munmap(1, 0, m[0] + m[1] - cut, cut, U));
                    m[1] -= cut;
                    if (m[1] == 0) {
                        maps.remove(m);
                    }
                }
                case 5 -> {
                    int advice = switch (rnd.nextInt(4)) {
                        case 0 -> Flags.MADV_DONTNEED;
                        case 1 -> Flags.MADV_HUGEPAGE;
                        case 2 -> Flags.MADV_POPULATE_WRITE;
                        default -> Flags.MADV_NOHUGEPAGE;
                    };
                    t.add(new TraceEvent.Madvise(1, 0, m[0], m[1], advice, U));
                    t.add(new TraceEvent.Touch(1, 0, m[0], m[1], rnd.nextBoolean()));
                }
                case 6, 7 -> {
                    int child = nextPid++;
                    t.add(new TraceEvent.Fork(1, 0, child, 0, U));
                    t.add(new TraceEvent.Touch(child, 0, m[0], Math.min(m[1], pages(rnd, 32)), true));
                    t.add(new TraceEvent.Touch(1, 0, m[0] + m[1] / 2, Math.min(m[1] / 2, pages(rnd, 16)), true));
                    children.add(child);
                }
                case 8 -> {
                    if (!children.isEmpty()) {
                        t.add(new TraceEvent.Exit(children.remove(0), 0, 0, true));
                    }
                }
                default -> t.add(new TraceEvent.Touch(1, 0, m[0], m[1], rnd.nextBoolean()));
            }
        }
        for (int child : children) {
            t.add(new TraceEvent.Exit(child, 0, 0, true));
        }
        t.add(new TraceEvent.Exit(1, 0, 0, true));
        return t;
    }

    private static long pages(Random rnd, int max) {
        return (1 + rnd.nextInt(Math.max(1, max))) * PAGE;
    }

    private static long pageIn(Random rnd, long bytes) {
        return rnd.nextLong(Math.max(1, bytes / PAGE)) * PAGE;
    }

    /**
     * {@code tiny}: the 2 KiB L1 of the profile fixtures, prefetcher off; {@code tiny-prefetch-l2}
     * and {@code -l1}: with a prefetcher that fills L2 or L1; {@code tiny-pair-lines}: the L2
     * prefetcher and the pair-line prefetcher; {@code wide}: 64 sets of 2 ways in
     * L1 (8 KiB) and 128 of 4 in L2; {@code free}: counts only.
     */
    static CostModel cost(String machine) {
        if (machine.equals("free")) {
            return CostModel.FREE;
        }
        String text = fixture("tiny-x86.txtpb");
        switch (machine) {
            case "tiny" -> { }
            case "tiny-prefetch-l2" -> text = text.replace("enabled: false", "enabled: true");
            case "tiny-prefetch-l1" -> text = text.replace("enabled: false", "enabled: true")
                    .replace("fill_level { value: 2", "fill_level { value: 1");
            case "tiny-pair-lines" -> text = text.replace("enabled: false",
                    "enabled: true pair_lines: true pair_lines_source: \"fixture\"");
            case "wide" -> text = text.replace("size_bytes { value: 2048", "size_bytes { value: 8192")
                    .replace("associativity { value: 4", "associativity { value: 2")
                    .replace("size_bytes { value: 8192 source: \"fixture\" }\n    associativity { value: 8",
                            "size_bytes { value: 32768 source: \"fixture\" }\n    associativity { value: 4");
            default -> throw new IllegalArgumentException(machine);
        }
        try {
            return ProfileCostModel.create(MachineProfiles.parse(text, machine), CostOptions.defaults());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String fixture(String name) {
        try (InputStream in = MachineProfile.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Delegates to a cost model and counts the accesses it is given as L1-hit runs. */
    private static final class Counting extends ForwardingCostModel {
        long batched;

        Counting(CostModel model) {
            super(model);
        }

        @Override
        public void recordL1Hits(long[] pa, int[] last, int accesses) {
            batched += accesses;
            model.recordL1Hits(pa, last, accesses);
        }
    }
}
