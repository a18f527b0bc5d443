package org.ptreplay.benchmarks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.ptreplay.core.cost.CostModel;
import org.ptreplay.core.cost.CostOptions;
import org.ptreplay.core.cost.ProfileCostModel;
import org.ptreplay.core.profile.MachineProfiles;
import org.ptreplay.core.select.ResolvedKernel;
import org.ptreplay.core.select.StrategySelector;
import org.ptreplay.core.sim.Kernel;
import org.ptreplay.core.value.Placement;
import org.ptreplay.core.sim.SimConfig;
import org.ptreplay.core.value.SimResult;
import org.ptreplay.core.value.ThpSpec;
import org.ptreplay.spi.Architecture;
import org.ptreplay.spi.loader.ProviderKind;
import org.ptreplay.spi.loader.Providers;
import org.ptreplay.trace.Flags;
import org.ptreplay.trace.TraceEvent;

/**
 * Issue #8: the batch-level accounting of {@code move_ptes} runs ({@code SimConfig.batchRuns}, on by
 * default) must give exactly what touch-by-touch accounting gives, with the real architectures and
 * the bundled presets and profiles (core's MovePtesRunsDifferentialTest checks every move strategy
 * shape on test architectures). Random traces (mmap, touches,
 * mremap moves and grows at PMD-aligned and unaligned offsets, partial munmap, madvise, fork,
 * exit) are replayed with the batching on and off, on x86 and arm64, several profiles and counts
 * only, sequential and scattered placement, THP on and off; the results (every path's counts and
 * picoseconds, per kind and in total, entries, resident pages) and the cache levels that served
 * the accesses must be equal.
 */
class BatchRunsDifferentialTest {
    private static final long PAGE = 4096;
    private static final long PMD = 2L << 20;
    /** The traces live in [BASE, BASE + WINDOW). */
    private static final long BASE = 1L << 36;
    private static final long WINDOW = 96L << 20;
    private static final long U = TraceEvent.UNKNOWN_RESULT;
    private static final int RW = Flags.PROT_READ | Flags.PROT_WRITE;

    /**
     * A machine whose 2 KiB L1 (8 sets of 4 ways) cannot hold the lines of one source and one
     * destination table: moves evict, so the LRU stamps the batched runs set decide what later
     * hits. {@code tiny-x86-2}: the prefetcher fills L2 (runs are batched); {@code tiny-x86-1}: it
     * fills L1 and trains on every access (the cost model refuses runs: the per-access path).
     * {@code tiny-x86-wide-2}: 64 sets of 2 ways in L1 and 128 of 4 in L2, the smallest geometry
     * whose sets hold whole 4 KiB blocks, so streams are block records that evict their own lines.
     */
    private static final String TINY = "tiny-x86-";
    private static final String TINY_X86 = """
            name: "tiny-x86"
            arch: "x86"
            description: "Test machine: 2 KiB L1, 8 KiB L2, round prices"
            cpu {
              count { value: 8 source: "fixture" }
              frequency_ghz { value: 1 source: "fixture" }
            }
            memory {
              level {
                name: "L1d"
                size_bytes { value: 2048 source: "fixture" }
                associativity { value: 4 source: "fixture" }
                line_bytes { value: 64 source: "fixture" }
                latency_ns { value: 1 source: "fixture" }
              }
              level {
                name: "L2"
                size_bytes { value: 8192 source: "fixture" }
                associativity { value: 8 source: "fixture" }
                line_bytes { value: 64 source: "fixture" }
                latency_ns { value: 4 source: "fixture" }
              }
              dram_latency_ns { value: 100 source: "fixture" }
              outstanding_misses { value: 4 source: "fixture" }
              prefetcher {
                enabled: true
                enabled_source: "fixture"
                degree { value: 2 source: "fixture" }
                fill_level { value: FILL source: "fixture" }
              }
            }
            ops {
              pte_access_ns { value: 1 source: "fixture" }
              xchg_ns { value: 20 source: "fixture" }
              cmpxchg_ns { value: 19 source: "fixture" }
              atomic_add_ns { value: 18 source: "fixture" }
              atomic_posted_ns { value: 18 source: "fixture" }
              spinlock_ns { value: 21 source: "fixture" }
              rwsem_write_ns { value: 40 source: "fixture" }
              page_alloc_ns { value: 90 source: "fixture" }
              page_free_ns { value: 80 source: "fixture" }
              zero_bytes_per_ns { value: 16 source: "fixture" }
              syscall_ns { value: 70 source: "fixture" }
              mmu_notifier_ns { value: 0.5 source: "fixture" }
              vma_walk_ns { value: 10 source: "fixture" }
              vma_store_ns { value: 100 source: "fixture" }
              pte_iter_cycles { value: 30 source: "fixture" }
              pte_entry_cycles { value: 12 source: "fixture" }
              pte_batch_cycles { value: 40 source: "fixture" }
              exception_cycles { value: 300 source: "fixture" }
              memcg_cycles { value: 100 source: "fixture" }
              shadow_fill_ns { value: 0 source: "fixture" }
              shadow_sync_ns { value: 0 source: "fixture" }
              shadow_sync_rmw_ns { value: 0 source: "fixture" }
              shadow_leaf_rmw_ns { value: 0 source: "fixture" }
            }
            x86 {
              invlpg_ns { value: 100 source: "fixture" }
              full_flush_ns { value: 30 source: "fixture" }
              ipi {
                base_ns { value: 2000 source: "fixture" }
                slope_ns { value: 150 source: "fixture" }
              }
            }
            cpu_features { name: "invlpgb" present: false source: "fixture" }
            """;

    private record Cell(String arch, String kernel, String profile, Placement placement, String thp, boolean softDirty) {
    }

    @Test
    void batchedMovesEqualThePerPteReferenceOnRandomTraces() {
        long movedOnX86 = sameResultsOnAndOff((c, trace, on) -> replay(c, trace, on, CostOptions.defaults()));
        // The traces do move PTEs one by one; a test that never reaches the batched loop proves nothing.
        assertTrue(movedOnX86 > 10_000, "moved " + movedOnX86);
    }

    /**
     * Issue #15: block records for whole 4 KiB user-data streams ({@link CostOptions#blockStreams})
     * give what streaming line by line gives (the cache-level proof is core's
     * BlockStreamsDifferentialTest; this one replays kernels).
     */
    @Test
    void blockStreamsEqualPerLineStreamsOnRandomTraces() {
        sameResultsOnAndOff((c, trace, on) -> replay(c, trace, true, CostOptions.defaults().withBlockStreams(on)));
    }

    /**
     * Issue #15: the range-level paths ({@code SimConfig.rangePaths}, on by default: L1 runs in
     * faults, populate, zap_pte_range and copy_pte_range, one walk per PMD extent) give what the
     * per-entry paths give, with every preset's strategies on x86 and arm64 (core's
     * RangePathsDifferentialTest covers the reference strategies).
     */
    @Test
    void rangePathsEqualThePerEntryPathsOnRandomTraces() {
        sameResultsOnAndOff((c, trace, on) -> replay(c, trace, true, CostOptions.defaults(), on));
    }

    /** One replay of a cell with the switch under test on or off. */
    private interface Switched {
        Outcome replay(Cell c, List<TraceEvent> trace, boolean on);
    }

    /** Replays the random traces on every cell with the switch on and off; returns the PTEs moved on x86. */
    private static long sameResultsOnAndOff(Switched replay) {
        List<Cell> cells = List.of(
                new Cell("x86", "linux-6.16", "raptor-lake", Placement.SEQUENTIAL, "enabled=never", false),
                new Cell("x86", "linux-6.16", "raptor-lake", Placement.SCATTERED, "enabled=always", true),
                new Cell("x86", "linux-6.16", "sapphire-rapids", Placement.SEQUENTIAL, "enabled=madvise", false),
                new Cell("x86", "linux-6.16", "generic-x86", Placement.SCATTERED, "enabled=never", true),
                new Cell("x86", "linux-6.16", Cells.FREE, Placement.SEQUENTIAL, "enabled=always", false),
                new Cell("x86", "linux-6.8", "xeon-4210r", Placement.SEQUENTIAL, "enabled=never", false),
                new Cell("x86", "linux-6.17", "raptor-lake", Placement.SEQUENTIAL, "enabled=never", false),
                new Cell("x86", "linux-6.16", TINY + "2", Placement.SEQUENTIAL, "enabled=never", false),
                new Cell("x86", "linux-6.16", TINY + "2", Placement.SCATTERED, "enabled=always", true),
                new Cell("x86", "linux-6.16", TINY + "1", Placement.SEQUENTIAL, "enabled=never", false),
                new Cell("x86", "linux-6.16", TINY + "wide-2", Placement.SEQUENTIAL, "enabled=never", false),
                new Cell("x86", "linux-6.8", TINY + "wide-2", Placement.SCATTERED, "enabled=always", true),
                new Cell("arm64", "linux-6.16", "apple-m3", Placement.SEQUENTIAL, "enabled=never", false),
                new Cell("arm64", "linux-6.9", "ampere-altra", Placement.SCATTERED, "enabled=always", true));
        long movedOnX86 = 0;
        for (long seed = 1; seed <= 4; seed++) {
            List<TraceEvent> trace = randomTrace(new Random(seed));
            for (Cell c : cells) {
                Outcome on = replay.replay(c, trace, true);
                Outcome off = replay.replay(c, trace, false);
                String what = c + " seed " + seed;
                assertEquals(off.result(), on.result(), what);
                assertArrayEquals(off.served(), on.served(), what);
                if (c.arch().equals("x86")) {
                    movedOnX86 += on.result().entries().moved();
                }
            }
        }
        return movedOnX86;
    }

    private record Outcome(SimResult result, long[] served) {
    }

    /** One replay of {@code c} with {@code SimConfig.batchRuns} as given and a cost model of {@code options}. */
    private static Outcome replay(Cell c, List<TraceEvent> trace, boolean batchRuns, CostOptions options) {
        return replay(c, trace, batchRuns, options, true);
    }

    /** As above, with {@code SimConfig.rangePaths} as given. */
    private static Outcome replay(Cell c, List<TraceEvent> trace, boolean batchRuns, CostOptions options, boolean rangePaths) {
        CostModel cost = cost(c.profile(), options);
        SimResult r = kernel(c, cost, batchRuns, rangePaths).replay(trace);
        return new Outcome(r, cost instanceof ProfileCostModel p ? p.servedByLevel() : new long[0]);
    }

    /**
     * One process in a 96 MiB window: mappings of up to 3 MiB at page offsets that cross PMD
     * boundaries, written or read, then moved (same size or grown) to aligned or unaligned
     * destinations, partly unmapped or advised, and forked children that write and exit.
     */
    static List<TraceEvent> randomTrace(Random rnd) {
        List<TraceEvent> t = new ArrayList<>();
        List<long[]> maps = new ArrayList<>();
        List<Integer> children = new ArrayList<>();
        int nextPid = 2;
        for (int i = 0; i < 70; i++) {
            int op = rnd.nextInt(10);
            if (maps.isEmpty() || op < 2) {
                long len = pages(rnd, 768);
                long addr = BASE + pageIn(rnd, WINDOW - len);
                t.add(new TraceEvent.Mmap(1, 0, addr, len, RW, Flags.MAP_PRIVATE | Flags.MAP_ANONYMOUS | Flags.MAP_FIXED,
                        -1, 0, U));
                t.add(new TraceEvent.Touch(1, 0, addr, len, rnd.nextInt(4) != 0));
                maps.add(new long[] {addr, len});
                continue;
            }
            long[] m = maps.get(rnd.nextInt(maps.size()));
            switch (op) {
                case 2, 3, 4 -> {
                    // A move: to PMD-aligned + a random page offset (0 keeps it aligned), sometimes grown.
                    long newLen = rnd.nextInt(3) == 0 ? m[1] + pages(rnd, 64) : m[1];
                    long off = rnd.nextBoolean() ? 0 : pageIn(rnd, PMD);
                    long to = BASE + (pageIn(rnd, WINDOW - newLen - PMD) & -PMD) + off;
                    t.add(new TraceEvent.Mremap(1, 0, m[0], m[1], newLen, Flags.MREMAP_MAYMOVE | Flags.MREMAP_FIXED,
                            to, U));
                    m[0] = to;
                    m[1] = newLen;
                    t.add(new TraceEvent.Touch(1, 0, to, Math.min(newLen, pages(rnd, 64)), true));
                }
                case 5 -> {
                    long cut = pages(rnd, (int) (m[1] / PAGE));
                    t.add(new TraceEvent.Munmap(1, 0, m[0] + m[1] - cut, cut, U));
                    m[1] -= cut;
                    if (m[1] == 0) {
                        maps.remove(m);
                    }
                }
                case 6 -> {
                    int advice = switch (rnd.nextInt(3)) {
                        case 0 -> Flags.MADV_DONTNEED;
                        case 1 -> Flags.MADV_HUGEPAGE;
                        default -> Flags.MADV_NOHUGEPAGE;
                    };
                    t.add(new TraceEvent.Madvise(1, 0, m[0], m[1], advice, U));
                    t.add(new TraceEvent.Touch(1, 0, m[0], m[1], true));
                }
                case 7 -> {
                    int child = nextPid++;
                    t.add(new TraceEvent.Fork(1, 0, child, 0, U));
                    t.add(new TraceEvent.Touch(child, 0, m[0], Math.min(m[1], pages(rnd, 32)), true));
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

    /** 1 to max pages, in bytes. */
    private static long pages(Random rnd, int max) {
        return (1 + rnd.nextInt(Math.max(1, max))) * PAGE;
    }

    private static long pageIn(Random rnd, long bytes) {
        return rnd.nextLong(Math.max(1, bytes / PAGE)) * PAGE;
    }

    private static Kernel kernel(Cell c, CostModel cost, boolean batchRuns, boolean rangePaths) {
        Providers providers = Providers.builtIn();
        Architecture a = providers.require(ProviderKind.ARCHITECTURE, c.arch());
        ResolvedKernel k = new StrategySelector(providers.all(ProviderKind.STRATEGY),
                providers.all(ProviderKind.KERNEL_PRESET)).resolve(c.kernel(), c.arch());
        return new Kernel(SimConfig.builder(a)
                .archOptions(k.archOptions())
                .movePtes(k.movePtes())
                .pgtableMove(k.pgtableMove())
                .copyPtes(k.copyPtes())
                .zapPtes(k.zapPtes())
                .changePtes(k.changePtes())
                .thp(ThpSpec.parse(c.thp()))
                .placement(c.placement())
                .softDirty(c.softDirty())
                .cpus(2)
                .cost(cost)
                .batchRuns(batchRuns)
                .rangePaths(rangePaths)
                .build());
    }

    private static CostModel cost(String profile, CostOptions options) {
        if (profile.equals(Cells.FREE)) {
            return CostModel.FREE;
        }
        try {
            if (profile.startsWith(TINY)) {
                String variant = profile.substring(TINY.length());
                String text = TINY_X86.replace("FILL", variant.substring(variant.length() - 1));
                if (variant.startsWith("wide-")) {
                    text = text.replace("value: 2048", "value: 8192").replace("associativity { value: 4", "associativity { value: 2")
                            .replace("value: 8192 source: \"fixture\" }\n    associativity { value: 8",
                                    "value: 32768 source: \"fixture\" }\n    associativity { value: 4");
                }
                return ProfileCostModel.create(MachineProfiles.parse(text, profile), options);
            }
            return ProfileCostModel.create(MachineProfiles.load(Providers.builtIn().require(ProviderKind.MACHINE_PROFILE, profile)),
                    options);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
