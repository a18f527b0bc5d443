package org.ptreplay.spi.loader;

import java.util.List;
import org.ptreplay.spi.Architecture;
import org.ptreplay.spi.KernelPreset;
import org.ptreplay.spi.MachineProfileSource;
import org.ptreplay.spi.Provider;
import org.ptreplay.spi.Strategy;
import org.ptreplay.spi.WorkloadGenerator;

/**
 * One kind of plugin: the SPI interface ptreplay looks up with ServiceLoader and the words used
 * for it in listings and messages. {@link #ALL} is also the listing order.
 *
 * @param id     singular, as in JSON and tables ({@code machine-profile})
 * @param plural for messages ({@code machine profiles})
 * @param type   the service interface
 */
public record ProviderKind<T extends Provider>(String id, String plural, Class<T> type) {

    public static final ProviderKind<Architecture> ARCHITECTURE =
            new ProviderKind<>("architecture", "architectures", Architecture.class);
    public static final ProviderKind<Strategy> STRATEGY =
            new ProviderKind<>("strategy", "strategies", Strategy.class);
    public static final ProviderKind<KernelPreset> KERNEL_PRESET =
            new ProviderKind<>("kernel-preset", "kernel presets", KernelPreset.class);
    public static final ProviderKind<MachineProfileSource> MACHINE_PROFILE =
            new ProviderKind<>("machine-profile", "machine profiles", MachineProfileSource.class);
    public static final ProviderKind<WorkloadGenerator> WORKLOAD =
            new ProviderKind<>("workload", "workloads", WorkloadGenerator.class);

    public static final List<ProviderKind<?>> ALL =
            List.of(ARCHITECTURE, STRATEGY, KERNEL_PRESET, MACHINE_PROFILE, WORKLOAD);

    /** Position in {@link #ALL}: kinds sort in that order. */
    public int order() {
        return ALL.indexOf(this);
    }

    @Override
    public String toString() {
        return id;
    }
}
