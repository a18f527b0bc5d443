package org.ptreplay.benchmarks;

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
import org.ptreplay.spi.loader.ProviderKind;
import org.ptreplay.spi.loader.Providers;

/**
 * Builds the replay cell a benchmark runs: an architecture, a strategy argument (a kernel preset
 * such as {@code linux-6.16}) and either a bundled machine profile with its cache model or
 * {@link #FREE} (counts only). Providers are found by the SPI loader
 * ({@link Providers}) on the class path, as the shaded benchmarks jar runs.
 */
final class Cells {
    /** The pseudo profile name that prices everything at zero: no cache model. */
    static final String FREE = "free";

    /** Loaded and checked once, by the SPI loader, as the CLI does. */
    private static final Providers PROVIDERS = Providers.builtIn();

    private Cells() {
    }

    static Kernel kernel(String arch, String strategies, String profile) {
        Architecture a = PROVIDERS.require(ProviderKind.ARCHITECTURE, arch);
        ResolvedKernel k = new StrategySelector(PROVIDERS.all(ProviderKind.STRATEGY),
                PROVIDERS.all(ProviderKind.KERNEL_PRESET)).resolve(strategies, arch);
        SimConfig config = SimConfig.builder(a)
                .archOptions(k.archOptions())
                .kernel(k)
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
            return ProfileCostModel.create(MachineProfiles.load(PROVIDERS.require(ProviderKind.MACHINE_PROFILE, profile)),
                    CostOptions.defaults());
        } catch (InvalidProfileException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
