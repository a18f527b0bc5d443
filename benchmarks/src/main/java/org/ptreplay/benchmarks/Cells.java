package org.ptreplay.benchmarks;

import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.ptreplay.core.cost.CostModel;
import org.ptreplay.core.cost.CostOptions;
import org.ptreplay.core.cost.ProfileCostModel;
import org.ptreplay.core.profile.InvalidProfileException;
import org.ptreplay.core.profile.MachineProfiles;
import org.ptreplay.core.select.ResolvedKernel;
import org.ptreplay.core.select.StrategySelector;
import org.ptreplay.core.sim.Kernel;
import org.ptreplay.core.sim.SimConfig;
import org.ptreplay.spi.Architecture;
import org.ptreplay.spi.KernelPreset;
import org.ptreplay.spi.MachineProfileSource;
import org.ptreplay.spi.Strategy;

/**
 * Builds the replay cell a benchmark runs: an architecture, a strategy argument (a kernel preset
 * such as {@code linux-6.16}) and either a bundled machine profile with its cache model or
 * {@link #FREE} (counts only). Providers are found with {@link ServiceLoader} on the class path,
 * as the shaded benchmarks jar runs.
 */
final class Cells {
    /** The pseudo profile name that prices everything at zero: no cache model. */
    static final String FREE = "free";

    private Cells() {
    }

    static Kernel kernel(String arch, String strategies, String profile) {
        Architecture a = one(Architecture.class, arch);
        List<Strategy> all = ServiceLoader.load(Strategy.class).stream().map(ServiceLoader.Provider::get).toList();
        List<KernelPreset> presets = ServiceLoader.load(KernelPreset.class).stream().map(ServiceLoader.Provider::get).toList();
        ResolvedKernel k = new StrategySelector(all, presets).resolve(strategies, arch);
        SimConfig config = SimConfig.builder(a)
                .archOptions(k.archOptions())
                .movePtes(k.movePtes())
                .pgtableMove(k.pgtableMove())
                .copyPtes(k.copyPtes())
                .zapPtes(k.zapPtes())
                .pageMapcount(Boolean.parseBoolean(k.kernelConfig().getOrDefault("page_mapcount", "true")))
                .largeMapcount(Boolean.parseBoolean(k.kernelConfig().getOrDefault("large_mapcount", "true")))
                .batchedNrPagesMapped(Boolean.parseBoolean(
                        k.kernelConfig().getOrDefault("nr_pages_mapped_batched", "true")))
                .cpus(1)
                .cost(cost(profile))
                .build();
        return new Kernel(config);
    }

    private static CostModel cost(String profile) {
        if (profile.equals(FREE)) {
            return CostModel.FREE;
        }
        try {
            return ProfileCostModel.create(MachineProfiles.load(one(MachineProfileSource.class, profile)),
                    CostOptions.defaults());
        } catch (InvalidProfileException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private static <T extends org.ptreplay.spi.Provider> T one(Class<T> service, String name) {
        List<T> found = ServiceLoader.load(service).stream().map(ServiceLoader.Provider::get).toList();
        return found.stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no " + service.getSimpleName() + " named " + name
                        + "; known: " + found.stream().map(org.ptreplay.spi.Provider::name).collect(Collectors.joining(", "))));
    }
}
