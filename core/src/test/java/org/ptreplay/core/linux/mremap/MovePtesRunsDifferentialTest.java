package org.ptreplay.core.linux.mremap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.ptreplay.core.cost.CostModel;
import org.ptreplay.core.cost.CostOptions;
import org.ptreplay.core.cost.ProfileCostModel;
import org.ptreplay.core.profile.MachineProfile;
import org.ptreplay.core.profile.MachineProfiles;
import org.ptreplay.core.sim.Kernel;
import org.ptreplay.core.sim.SimConfig;
import org.ptreplay.core.sim.TestArch;
import org.ptreplay.core.value.Placement;
import org.ptreplay.core.value.SimResult;
import org.ptreplay.core.value.ThpSpec;
import org.ptreplay.spi.Architecture;
import org.ptreplay.spi.MovePtesStrategy;
import org.ptreplay.spi.Spi;
import org.ptreplay.spi.ops.Frame;
import org.ptreplay.spi.ops.MovePtesContext;
import org.ptreplay.spi.ops.Primitive;
import org.ptreplay.spi.ops.Pte;
import org.ptreplay.spi.ops.PteOps;
import org.ptreplay.trace.Flags;
import org.ptreplay.trace.TraceEvent;

/**
 * Issue #8 / #14: the L1 run the {@code move_ptes} context opens ({@code SimConfig.batchRuns}, on
 * by default) gives exactly what touch-by-touch accounting gives, whatever the strategy does inside
 * it. Random traces (mmap, touches, mremap moves and grows at PMD-aligned and unaligned offsets,
 * partial munmap, madvise, fork, exit) are replayed with the run on and off, for every shape of
 * move strategy (the per-PTE reference, one that holds the PTL across extents, a 6.17-style batch
 * through {@code folio_pte_batch}, and one that enters its own frames and charges mid-loop), on an
 * x86-like test architecture and on one whose {@code ptep_get} reads a whole block inside a frame
 * (arm64 contpte's shape), under machines whose L1 evicts the moved lines, keeps them, or is
 * filled by a prefetcher (runs refused), and counts only. The whole {@link SimResult} and the
 * cache levels that served the accesses must be equal. The real architectures and presets are
 * checked the same way by the benchmarks module's BatchRunsDifferentialTest.
 */
class MovePtesRunsDifferentialTest {
    private static final long PAGE = 4096;
    private static final long PMD = 2L << 20;
    /** The traces live in [BASE, BASE + WINDOW). */
    private static final long BASE = 1L << 36;
    private static final long WINDOW = 96L << 20;
    private static final long U = TraceEvent.UNKNOWN_RESULT;
    private static final int RW = Flags.PROT_READ | Flags.PROT_WRITE;

    private record Machine(String name, String from, String to) {
    }

    /**
     * tiny-x86 (2 KiB L1: a move evicts its own lines) as it is, with a prefetcher that fills L2
     * (runs batched) or L1 (the cost model refuses runs), with the pair-line prefetcher too (it
     * fills L2: runs batched), and with a 32 KiB L1 that keeps them.
     */
    private static final List<Machine> MACHINES = List.of(
            new Machine("tiny", "", ""),
            new Machine("tiny-prefetch-l2", "enabled: false", "enabled: true"),
            new Machine("tiny-pair-lines", "enabled: false", "enabled: true pair_lines: true pair_lines_source: \"fixture\""),
            new Machine("tiny-prefetch-l1", "enabled: false\n    enabled_source: \"fixture\"\n    degree { value: 2 source: \"fixture\" }\n    fill_level { value: 2",
                    "enabled: true\n    enabled_source: \"fixture\"\n    degree { value: 2 source: \"fixture\" }\n    fill_level { value: 1"),
            new Machine("roomy", "size_bytes { value: 2048", "size_bytes { value: 32768"),
            new Machine("free", null, null));

    @Test
    void everyMoveStrategyReplaysTheSameWithTheRunOnAndOff() {
        List<MovePtesStrategy> strategies = List.of(new PerPteMovePtes(), new PtlHold(), new FolioBatch(), new OwnFrames());
        List<Architecture> arches = List.of(new TestArch(), TestArch.blockReads(16));
        long moved = 0;
        for (long seed = 1; seed <= 2; seed++) {
            List<TraceEvent> trace = randomTrace(new Random(seed));
            // Seed 2: THP always (huge PMDs split by partial moves), scattered frames, soft-dirty.
            String thp = seed == 1 ? "enabled=never" : "enabled=always";
            Placement placement = seed == 1 ? Placement.SEQUENTIAL : Placement.SCATTERED;
            for (Architecture arch : arches) {
                for (MovePtesStrategy s : strategies) {
                    for (Machine m : MACHINES) {
                        Outcome on = replay(arch, s, m, thp, placement, trace, true);
                        Outcome off = replay(arch, s, m, thp, placement, trace, false);
                        String what = s.name() + " block " + (arch == arches.get(0) ? 1 : 16) + " on " + m.name()
                                + " seed " + seed;
                        assertEquals(off.result(), on.result(), what);
                        assertArrayEquals(off.served(), on.served(), what);
                        moved += on.result().entries().moved();
                    }
                }
            }
        }
        // The traces do move PTEs; a test that never opens a run proves nothing.
        assertTrue(moved > 100_000, "moved " + moved);
    }

    private record Outcome(SimResult result, long[] served) {
    }

    private static Outcome replay(Architecture arch, MovePtesStrategy s, Machine m, String thp, Placement placement,
                                  List<TraceEvent> trace, boolean batchRuns) {
        CostModel cost = cost(m);
        Kernel k = new Kernel(SimConfig.builder(arch).movePtes(s).thp(ThpSpec.parse(thp)).placement(placement)
                .softDirty(placement == Placement.SCATTERED).cpus(2).cost(cost).batchRuns(batchRuns).build());
        SimResult r = k.replay(trace);
        return new Outcome(r, cost instanceof ProfileCostModel p ? p.servedByLevel() : new long[0]);
    }

    private static CostModel cost(Machine m) {
        if (m.from() == null) {
            return CostModel.FREE;
        }
        try (InputStream in = MachineProfile.class.getResourceAsStream("tiny-x86.txtpb")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            if (!text.contains(m.from())) {
                throw new IllegalStateException("tiny-x86.txtpb has no '" + m.from() + "' for " + m.name());
            }
            return ProfileCostModel.create(MachineProfiles.parse(text.replace(m.from(), m.to()), m.name()),
                    CostOptions.defaults());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (Exception e) {
            throw new IllegalStateException(m.name() + ": " + e.getMessage(), e);
        }
    }

    /** A test strategy: no provider metadata beyond its name. */
    private abstract static class TestStrategy implements MovePtesStrategy {
        @Override
        public String description() {
            return "test strategy";
        }

        @Override
        public String spiVersion() {
            return Spi.VERSION;
        }
    }

    /** The per-PTE loop holding the PTL across the extents of one table (move-ptes/ptl-hold's shape). */
    private static final class PtlHold extends TestStrategy {
        private final PerPteMovePtes loop = new PerPteMovePtes();

        @Override
        public String name() {
            return "test/ptl-hold";
        }

        @Override
        public boolean holdPtlAcrossExtents() {
            return true;
        }

        @Override
        public boolean movePtes(MovePtesContext ctx) {
            return loop.movePtes(ctx);
        }
    }

    /**
     * 6.17's batched loop (f822a9a81a31): a present entry's batch sized by {@code folio_pte_batch}
     * (struct page touches on other lines mid-run), then {@code get_and_clear_full_ptes(nr)} and
     * {@code set_ptes(nr)}.
     */
    private static final class FolioBatch extends TestStrategy {
        @Override
        public String name() {
            return "test/folio-batch";
        }

        @Override
        public boolean movePtes(MovePtesContext ctx) {
            int pageShift = ctx.geometry().pageShift();
            long oldAddr = ctx.oldAddr();
            long newAddr = ctx.newAddr();
            long oldPtep = ctx.oldPtep();
            long newPtep = ctx.newPtep();
            boolean flush = false;
            while (oldAddr < ctx.oldEnd()) {
                int nr = 1;
                long oldPte = ctx.ptepGet(oldPtep);
                if (!Pte.none(oldPte)) {
                    long folio = ctx.vmNormalFolio(oldAddr, oldPte);
                    if (Pte.present(oldPte)) {
                        int maxNr = (int) ((ctx.oldEnd() - oldAddr) >>> pageShift);
                        if (folio != PteOps.NO_FOLIO && ctx.folioTestLarge(folio)) {
                            nr = ctx.folioPteBatch(folio, oldPtep, oldPte, maxNr, 0);
                        }
                        flush = true;
                    }
                    long pte = ctx.getAndClearFullPtes(oldAddr, oldPtep, nr, false);
                    ctx.setPtes(newAddr, newPtep, ctx.moveSoftDirtyPte(pte), nr);
                }
                oldAddr += (long) nr << pageShift;
                newAddr += (long) nr << pageShift;
                oldPtep += 8L * nr;
                newPtep += 8L * nr;
            }
            return flush;
        }
    }

    /** The per-PTE loop with every moved entry in a frame of its own and a charge of its own, as a plugin may do. */
    private static final class OwnFrames extends TestStrategy {
        private static final Frame MOVE_ONE = Frame.of("test_move_one_pte");

        @Override
        public String name() {
            return "test/own-frames";
        }

        @Override
        public boolean movePtes(MovePtesContext ctx) {
            long page = ctx.geometry().pageSize();
            long newAddr = ctx.newAddr();
            long oldPtep = ctx.oldPtep();
            long newPtep = ctx.newPtep();
            boolean flush = false;
            for (long oldAddr = ctx.oldAddr(); oldAddr < ctx.oldEnd(); oldAddr += page, newAddr += page, oldPtep += 8, newPtep += 8) {
                if (Pte.none(ctx.ptepGet(oldPtep))) {
                    continue;
                }
                ctx.ledger().enter(MOVE_ONE);
                ctx.ledger().charge(Primitive.PTE_ENTRY);
                long pte = ctx.ptepGetAndClear(oldAddr, oldPtep);
                ctx.ledger().exit(MOVE_ONE);
                flush |= Pte.present(pte);
                ctx.setPteAt(newAddr, newPtep, ctx.moveSoftDirtyPte(pte));
            }
            return flush;
        }
    }

    /**
     * One process in a 96 MiB window: mappings of up to 2.5 MiB at page offsets that cross PMD
     * boundaries, written or read, then moved (same size or grown) to aligned or unaligned
     * destinations, partly unmapped or advised, and forked children that write and exit.
     */
    static List<TraceEvent> randomTrace(Random rnd) {
        List<TraceEvent> t = new ArrayList<>();
        List<long[]> maps = new ArrayList<>();
        List<Integer> children = new ArrayList<>();
        int nextPid = 2;
        for (int i = 0; i < 30; i++) {
            int op = rnd.nextInt(10);
            if (maps.isEmpty() || op < 2) {
                long len = pages(rnd, 640);
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
}
