package org.ptreplay.core.select;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.ptreplay.spi.ChangePtesStrategy;
import org.ptreplay.spi.CopyPtesStrategy;
import org.ptreplay.spi.KernelConfig;
import org.ptreplay.spi.KernelPath;
import org.ptreplay.spi.MovePtesStrategy;
import org.ptreplay.spi.PgtableMoveStrategy;
import org.ptreplay.spi.Strategy;
import org.ptreplay.spi.ZapPtesStrategy;

/**
 * A strategy argument resolved for one architecture: what a replay cell runs.
 *
 * @param name         the argument in canonical form: lowercase, the preset first, then the path
 *                     strategies in {@link KernelPath} order, options sorted by key
 * @param arch         the architecture it was resolved for
 * @param strategies   the configured strategy of every path
 * @param archOptions  the options the preset gives this architecture (empty without a preset)
 * @param kernelConfig the preset's kernel configuration, current kernels' without a preset
 * @param preset       whether a kernel preset gave {@code kernelConfig} (the output lists the
 *                     switches only then)
 */
public record ResolvedKernel(String name, String arch, Map<KernelPath, Strategy> strategies,
                             Map<String, String> archOptions, KernelConfig kernelConfig, boolean preset) {

    public ResolvedKernel {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(arch, "arch");
        EnumMap<KernelPath, Strategy> byPath = new EnumMap<>(KernelPath.class);
        byPath.putAll(strategies);
        for (KernelPath path : KernelPath.values()) {
            Strategy s = byPath.get(path);
            if (s == null || s.path() != path) {
                throw new IllegalArgumentException("no " + path.prefix() + " strategy in " + name);
            }
        }
        strategies = Collections.unmodifiableMap(byPath);
        archOptions = Collections.unmodifiableSortedMap(new TreeMap<>(archOptions));
        Objects.requireNonNull(kernelConfig, "kernelConfig");
    }

    public MovePtesStrategy movePtes() {
        return (MovePtesStrategy) strategies.get(KernelPath.MOVE_PTES);
    }

    public PgtableMoveStrategy pgtableMove() {
        return (PgtableMoveStrategy) strategies.get(KernelPath.PGTABLE_MOVE);
    }

    public CopyPtesStrategy copyPtes() {
        return (CopyPtesStrategy) strategies.get(KernelPath.COPY_PTES);
    }

    public ZapPtesStrategy zapPtes() {
        return (ZapPtesStrategy) strategies.get(KernelPath.ZAP_PTES);
    }

    public ChangePtesStrategy changePtes() {
        return (ChangePtesStrategy) strategies.get(KernelPath.CHANGE_PTES);
    }
}
