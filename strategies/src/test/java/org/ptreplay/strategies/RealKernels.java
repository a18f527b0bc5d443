package org.ptreplay.strategies;

import java.util.List;
import java.util.ServiceLoader;
import org.ptreplay.core.select.ResolvedKernel;
import org.ptreplay.core.select.StrategySelector;
import org.ptreplay.core.sim.Kernel;
import org.ptreplay.core.sim.SimConfig;
import org.ptreplay.core.value.ThpSpec;
import org.ptreplay.spi.Architecture;
import org.ptreplay.spi.KernelPreset;
import org.ptreplay.spi.Strategy;
import org.ptreplay.trace.TraceEvent;

/**
 * The real providers as a replay finds them with ServiceLoader: architectures, every strategy
 * (core's reference ones and this module's) and the presets, and cells built from them.
 */
final class RealKernels {
    static {
        // The test code runs inside this module, which declares no 'uses' of its own services.
        RealKernels.class.getModule().addUses(Architecture.class);
        RealKernels.class.getModule().addUses(Strategy.class);
        RealKernels.class.getModule().addUses(KernelPreset.class);
    }

    private RealKernels() {
    }

    static <T> List<T> load(Class<T> service) {
        return ServiceLoader.load(service, RealKernels.class.getClassLoader()).stream()
                .map(ServiceLoader.Provider::get).toList();
    }

    static StrategySelector selector() {
        return new StrategySelector(load(Strategy.class), load(KernelPreset.class));
    }

    static Architecture arch(String name) {
        return load(Architecture.class).stream().filter(a -> a.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no architecture " + name));
    }

    /** A one-CPU cell running {@code argument} (a preset, strategies, or both) resolved for {@code arch}. */
    static Kernel kernel(String argument, String arch, String thp) {
        ResolvedKernel r = selector().resolve(argument, arch);
        SimConfig.Builder b = SimConfig.builder(arch(arch)).cpus(1).thp(ThpSpec.parse(thp))
                .archOptions(r.archOptions())
                .movePtes(r.movePtes()).pgtableMove(r.pgtableMove()).copyPtes(r.copyPtes()).zapPtes(r.zapPtes());
        String mapcount = r.kernelConfig().get("page_mapcount");
        if (mapcount != null) {
            b.pageMapcount(Boolean.parseBoolean(mapcount));
        }
        String large = r.kernelConfig().get("large_mapcount");
        if (large != null) {
            b.largeMapcount(Boolean.parseBoolean(large));
        }
        String batched = r.kernelConfig().get("nr_pages_mapped_batched");
        if (batched != null) {
            b.batchedNrPagesMapped(Boolean.parseBoolean(batched));
        }
        String realign = r.kernelConfig().get("mremap_realign");
        if (realign != null) {
            b.mremapRealign(Boolean.parseBoolean(realign));
        }
        return new Kernel(b.build());
    }

    static Kernel run(Kernel k, List<TraceEvent> events) {
        for (int i = 0; i < events.size(); i++) {
            k.apply(i, events.get(i));
        }
        return k;
    }
}
