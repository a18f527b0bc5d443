package org.ptreplay.strategies;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.ptreplay.core.select.ResolvedKernel;
import org.ptreplay.core.select.StrategySelector;
import org.ptreplay.core.sim.Kernel;
import org.ptreplay.core.sim.SimConfig;
import org.ptreplay.core.value.ThpSpec;
import org.ptreplay.spi.Architecture;
import org.ptreplay.spi.KernelPreset;
import org.ptreplay.spi.loader.ProviderKind;
import org.ptreplay.spi.loader.Providers;
import org.ptreplay.trace.TraceEvent;

/**
 * The real providers as a replay finds them, with the SPI loader: architectures, every strategy
 * (core's reference ones and this module's) and the presets, and cells built from them.
 */
final class RealKernels {
    /** Loaded once: the SPI loader checks every provider as the CLI does. */
    private static final Providers PROVIDERS = Providers.builtIn();

    private RealKernels() {
    }

    static StrategySelector selector() {
        assertEquals(List.of(), PROVIDERS.problems());
        return new StrategySelector(PROVIDERS.all(ProviderKind.STRATEGY), PROVIDERS.all(ProviderKind.KERNEL_PRESET));
    }

    static List<KernelPreset> presets() {
        return PROVIDERS.all(ProviderKind.KERNEL_PRESET);
    }

    static Architecture arch(String name) {
        return PROVIDERS.require(ProviderKind.ARCHITECTURE, name);
    }

    /** A one-CPU cell running {@code argument} (a preset, strategies, or both) resolved for {@code arch}. */
    static Kernel kernel(String argument, String arch, String thp) {
        ResolvedKernel r = selector().resolve(argument, arch);
        SimConfig.Builder b = SimConfig.builder(arch(arch)).cpus(1).thp(ThpSpec.parse(thp))
                .archOptions(r.archOptions()).kernel(r);
        return new Kernel(b.build());
    }

    static Kernel run(Kernel k, List<TraceEvent> events) {
        for (int i = 0; i < events.size(); i++) {
            k.apply(i, events.get(i));
        }
        return k;
    }
}
