package org.ptreplay.core.replay;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.ptreplay.core.profile.MachineProfile;
import org.ptreplay.core.select.ResolvedKernel;
import org.ptreplay.core.value.Placement;
import org.ptreplay.core.value.ThpSpec;
import org.ptreplay.spi.Architecture;

/**
 * One replay cell as the user asked for it: an architecture with the options given on the
 * command line, a resolved strategy argument, a machine profile of that architecture, and the run
 * settings. {@link EffectiveArchOptions} turns the option layers into what the cell runs with.
 *
 * @param arch        the architecture
 * @param userOptions arch options given by the user ({@code arm64:granule=64k}); they win over
 *                    the preset and the CPU features
 * @param kernel      the strategy argument resolved for {@code arch}
 * @param profile     the machine profile; its arch must be {@code arch}'s name
 * @param thp         THP settings
 * @param placement   where order-0 folios go in physical memory (how aged the machine is)
 * @param cpus        logical CPUs of the machine; 0 keeps the profile's count
 * @param lazyTlbCpus CPUs in lazy-TLB mode for every mm (still in its mm_cpumask), at most the
 *                    other CPUs: x86 shootdowns reach them only when page tables are freed
 *                    (docs/kernel-model.md §1.5); arm64 broadcasts and ignores it
 * @param concurrency CPUs running the workload at once (arm64 TLBI/DSB prices grow with it)
 * @param strict      stop at the first divergence
 */
public record CellSpec(Architecture arch, Map<String, String> userOptions, ResolvedKernel kernel,
                       MachineProfile profile, ThpSpec thp, Placement placement, int cpus, int lazyTlbCpus,
                       int concurrency, boolean strict) {

    public CellSpec {
        Objects.requireNonNull(arch, "arch");
        userOptions = Collections.unmodifiableSortedMap(new TreeMap<>(userOptions));
        Objects.requireNonNull(kernel, "kernel");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(thp, "thp");
        Objects.requireNonNull(placement, "placement");
        if (!profile.arch().equals(arch.name())) {
            throw new IllegalArgumentException("machine profile " + profile.name() + " is for " + profile.arch()
                    + ", not for " + arch.name() + ".");
        }
        if (!kernel.arch().equals(arch.name())) {
            throw new IllegalArgumentException("strategy " + kernel.name() + " was resolved for " + kernel.arch()
                    + ", not for " + arch.name() + ".");
        }
        if (cpus < 0) {
            throw new IllegalArgumentException("cpus must be 0 (the profile's count) or positive, not " + cpus + ".");
        }
        if (lazyTlbCpus < 0) {
            throw new IllegalArgumentException("lazy-TLB CPUs must be 0 or more, not " + lazyTlbCpus + ".");
        }
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1, not " + concurrency + ".");
        }
    }

    /**
     * {@code arch/strategy/profile}, e.g. {@code x86/linux-6.17/generic-x86}: names only, so no
     * space or {@code ;} (folded stacks use it as the first frame). User arch options are part of
     * the arch, as {@code arm64:granule=64k}.
     */
    public String label() {
        StringBuilder sb = new StringBuilder(arch.name());
        userOptions.forEach((k, v) -> sb.append(':').append(k).append('=').append(v));
        return sb.append('/').append(kernel.name()).append('/').append(profile.name()).toString();
    }
}
