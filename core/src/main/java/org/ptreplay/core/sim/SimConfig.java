package org.ptreplay.core.sim;

import org.ptreplay.spi.Strategy;
import org.ptreplay.spi.KernelPath;
import java.util.List;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.ptreplay.core.cost.CostModel;
import org.ptreplay.core.linux.mremap.NoPgtableMove;
import org.ptreplay.core.select.ResolvedKernel;
import org.ptreplay.core.linux.memory.PerPteCopyPtes;
import org.ptreplay.core.linux.mremap.PerPteMovePtes;
import org.ptreplay.core.linux.memory.PerPteZapPtes;
import org.ptreplay.core.linux.mprotect.PerPteChangePtes;
import org.ptreplay.spi.Architecture;
import org.ptreplay.spi.ChangePtesStrategy;
import org.ptreplay.spi.CopyPtesStrategy;
import org.ptreplay.spi.KernelConfig;
import org.ptreplay.spi.MovePtesStrategy;
import org.ptreplay.spi.PgtableMoveStrategy;
import org.ptreplay.spi.ZapPtesStrategy;
import org.ptreplay.core.value.Placement;
import org.ptreplay.core.value.ThpSpec;

/**
 * The configuration of one replay cell: architecture and its options, one strategy per kernel
 * path, THP settings, kernel switches and machine facts. Build with {@link #builder}.
 *
 * @param cpus         CPUs of the machine; an mm is live on min(threads, cpus) of them
 * @param lazyTlbCpus  CPUs that ran an mm and are in lazy-TLB mode (still in its mm_cpumask), at
 *                     most the machine's other CPUs; x86 shoots them down only when page tables
 *                     are freed (docs/kernel-model.md §1.5). 0 by default: no scheduler tells
 * @param kernelConfig the release's configuration switches, current kernels' by default
 * @param softDirty    CONFIG_MEM_SOFT_DIRTY, off by default (it changes no count)
 * @param strict       stop at the first divergence
 * @param memoryBytes  the heap this cell may fill with simulated pages: an event that could need more
 *                     is refused up front with one sentence instead of an OutOfMemoryError
 * @param physMemBytes the simulated machine's physical memory: the buddy allocator hands out no
 *                     pfn beyond it, so a large folio whose order it cannot supply falls back to a
 *                     smaller one (docs/kernel-model.md §5.1) and an order-0 allocation that fails
 *                     stops the replay. Unbounded by default, so no existing result changes
 * @param vmaOnly      a VMA-level replay (summary, stats, check): population (MAP_POPULATE,
 *                     MADV_POPULATE_*) builds no page tables, so a 64 TiB populate costs nothing
 * @param batchRuns    batch-level accounting of {@code move_ptes}' L1 hits (issue #8): a speed-up
 *                     with identical results, on by default; off only to check that claim
 * @param rangePaths   the range-level kernel paths (issue #15): touches, populate,
 *                     {@code zap_pte_range} and {@code copy_pte_range} run inside an L1 run of
 *                     the ledger (batched L1 hits, as {@code batchRuns} does for {@code move_ptes}),
 *                     and touches and populate walk to the PMD entry once per extent; on by
 *                     default. Off replays the per-entry reference, with identical results (the
 *                     differential tests compare the two)
 */
public record SimConfig(Architecture arch, Map<String, String> archOptions, MovePtesStrategy movePtes,
                        PgtableMoveStrategy pgtableMove, CopyPtesStrategy copyPtes, ZapPtesStrategy zapPtes,
                        ChangePtesStrategy changePtes,
                        ThpSpec thp, int cpus, int lazyTlbCpus, Placement placement, long seed,
                        KernelConfig kernelConfig, boolean softDirty, boolean strict, CostModel cost,
                        boolean vmaOnly, long memoryBytes, boolean batchRuns, boolean rangePaths, long physMemBytes) {

    public SimConfig {
        Objects.requireNonNull(arch, "arch");
        archOptions = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(archOptions));
        Objects.requireNonNull(movePtes, "movePtes");
        Objects.requireNonNull(pgtableMove, "pgtableMove");
        Objects.requireNonNull(copyPtes, "copyPtes");
        Objects.requireNonNull(zapPtes, "zapPtes");
        Objects.requireNonNull(changePtes, "changePtes");
        Objects.requireNonNull(thp, "thp");
        Objects.requireNonNull(kernelConfig, "kernelConfig");
        Objects.requireNonNull(placement, "placement");
        Objects.requireNonNull(cost, "cost");
        if (cpus < 1) {
            throw new IllegalArgumentException("cpus must be at least 1, got " + cpus + ".");
        }
        if (physMemBytes < 1) {
            throw new IllegalArgumentException("physical memory must be positive, got " + physMemBytes + " bytes.");
        }
        if (lazyTlbCpus < 0) {
            throw new IllegalArgumentException("lazy-TLB CPUs must be 0 or more, got " + lazyTlbCpus + ".");
        }
    }

    /** {@link #physMemBytes} in base pages of {@code 1 << pageShift} bytes, at least one. */
    public long physPages(int pageShift) {
        return physMemBytes == Long.MAX_VALUE ? Long.MAX_VALUE : Math.max(1, physMemBytes >>> pageShift);
    }

    /** The strategy of each kernel path. */
    public Map<KernelPath, Strategy> strategies() {
        EnumMap<KernelPath, Strategy> m = new EnumMap<>(KernelPath.class);
        for (Strategy s : List.of(movePtes, pgtableMove, copyPtes, zapPtes, changePtes)) {
            m.put(s.path(), s);
        }
        return m;
    }

    /** Defaults: the reference per-PTE strategies, no page-table moves, kernel-default THP, unlimited CPUs, counts only. */
    public static Builder builder(Architecture arch) {
        return new Builder(arch);
    }

    public static final class Builder {
        private final Architecture arch;
        private Map<String, String> archOptions = Map.of();
        private MovePtesStrategy movePtes = new PerPteMovePtes();
        private PgtableMoveStrategy pgtableMove = new NoPgtableMove();
        private CopyPtesStrategy copyPtes = new PerPteCopyPtes();
        private ZapPtesStrategy zapPtes = new PerPteZapPtes();
        private ChangePtesStrategy changePtes = new PerPteChangePtes();
        private ThpSpec thp = ThpSpec.DEFAULT;
        private int cpus = Integer.MAX_VALUE;
        private int lazyTlbCpus;
        private Placement placement = Placement.SEQUENTIAL;
        private long seed = 1;
        private KernelConfig kernelConfig = KernelConfig.CURRENT;
        private boolean softDirty;
        private boolean strict;
        private CostModel cost = CostModel.FREE;
        private boolean vmaOnly;
        private long memoryBytes = Long.MAX_VALUE;
        private long physMemBytes = Long.MAX_VALUE;
        private boolean batchRuns = true;
        private boolean rangePaths = true;

        private Builder(Architecture arch) {
            this.arch = arch;
        }

        public Builder archOptions(Map<String, String> v) { archOptions = v; return this; }
        public Builder movePtes(MovePtesStrategy v) { movePtes = v; return this; }
        public Builder pgtableMove(PgtableMoveStrategy v) { pgtableMove = v; return this; }
        public Builder copyPtes(CopyPtesStrategy v) { copyPtes = v; return this; }
        public Builder zapPtes(ZapPtesStrategy v) { zapPtes = v; return this; }
        public Builder changePtes(ChangePtesStrategy v) { changePtes = v; return this; }
        public Builder thp(ThpSpec v) { thp = v; return this; }
        public Builder cpus(int v) { cpus = v; return this; }
        public Builder lazyTlbCpus(int v) { lazyTlbCpus = v; return this; }
        public Builder placement(Placement v) { placement = v; return this; }
        public Builder seed(long v) { seed = v; return this; }
        public Builder kernelConfig(KernelConfig v) { kernelConfig = v; return this; }

        /**
         * What a resolved strategy argument configures: one strategy per path and the kernel
         * configuration of its preset. The one place that turns a {@link ResolvedKernel} into a
         * cell's kernel (the engine, the benchmarks and the tests use it); the arch options are
         * layered separately (replay.EffectiveArchOptions).
         */
        public Builder kernel(ResolvedKernel k) {
            return movePtes(k.movePtes()).pgtableMove(k.pgtableMove()).copyPtes(k.copyPtes()).zapPtes(k.zapPtes())
                    .changePtes(k.changePtes())
                    .kernelConfig(k.kernelConfig());
        }

        public Builder softDirty(boolean v) { softDirty = v; return this; }
        public Builder strict(boolean v) { strict = v; return this; }
        public Builder cost(CostModel v) { cost = v; return this; }
        public Builder vmaOnly(boolean v) { vmaOnly = v; return this; }
        public Builder memoryBytes(long v) { memoryBytes = v; return this; }
        public Builder physMemBytes(long v) { physMemBytes = v; return this; }
        public Builder batchRuns(boolean v) { batchRuns = v; return this; }
        public Builder rangePaths(boolean v) { rangePaths = v; return this; }

        public SimConfig build() {
            return new SimConfig(arch, archOptions, movePtes, pgtableMove, copyPtes, zapPtes, changePtes, thp, cpus,
                    lazyTlbCpus, placement, seed, kernelConfig, softDirty, strict, cost, vmaOnly, memoryBytes, batchRuns,
                    rangePaths, physMemBytes);
        }
    }
}
