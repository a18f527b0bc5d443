package org.ptreplay.tools.replay;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ptreplay.core.profile.InvalidProfileException;
import org.ptreplay.core.profile.MachineProfile;
import org.ptreplay.core.profile.MachineProfiles;
import org.ptreplay.core.replay.CellSpec;
import org.ptreplay.core.select.ResolvedKernel;
import org.ptreplay.core.select.StrategySelector;
import org.ptreplay.core.value.Placement;
import org.ptreplay.core.value.ThpSpec;
import org.ptreplay.spi.Architecture;
import org.ptreplay.spi.KernelPreset;
import org.ptreplay.spi.MachineProfileSource;
import org.ptreplay.spi.Strategy;
import org.ptreplay.spi.loader.PluginEntry;
import org.ptreplay.spi.loader.Providers;
import org.ptreplay.spi.loader.ProviderKind;

/**
 * Turns the {@code --arch}, {@code --strategy} and {@code --profile} arguments into cells: for
 * each arch (in argument order), each strategy argument, each profile of that arch. An arch
 * without a profile among the arguments gets {@code generic-<arch>}, and the plan says so.
 */
public final class CellPlanner {

    /**
     * What every cell of the plan shares.
     *
     * @param lazyTlbCpus CPUs in lazy-TLB mode for every mm ({@code --lazy-tlb-cpus}); x86 only
     */
    public record Settings(ThpSpec thp, Placement placement, int cpus, int lazyTlbCpus, int concurrency,
                           boolean strict) {
    }

    /** A bad argument: an unknown name or option (exit 2). */
    public static final class BadArgument extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BadArgument(String sentence, Throwable cause) {
            super(sentence, cause);
        }
    }

    /** A machine profile that cannot be loaded (exit 1). */
    public static final class BadProfile extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BadProfile(String sentence, Throwable cause) {
            super(sentence, cause);
        }
    }

    private final Providers registry;
    private final StrategySelector selector;

    public CellPlanner(Providers registry) {
        this.registry = registry;
        this.selector = new StrategySelector(providers(registry, ProviderKind.STRATEGY, Strategy.class),
                providers(registry, ProviderKind.KERNEL_PRESET, KernelPreset.class));
    }

    /**
     * @throws org.ptreplay.tools.plugin.UnknownProviderException an unknown arch or profile, with "did you mean"
     * @throws BadArgument a bad arch option syntax, strategy argument, or a profile of an arch not replayed
     * @throws BadProfile  a profile that does not load
     */
    public Plan plan(List<String> archArgs, List<String> strategyArgs, List<String> profileNames, Settings settings) {
        return plan(archArgs, strategyArgs, profileNames, List.of(), settings);
    }

    /**
     * As {@link #plan(List, List, List, Settings)}, with profiles loaded from files
     * ({@code --profile-file}) after the named ones, each under the name its file gives.
     *
     * @throws BadArgument also when a file's profile has the name of another profile of the plan
     */
    public Plan plan(List<String> archArgs, List<String> strategyArgs, List<String> profileNames,
                     List<MachineProfile> fileProfiles, Settings settings) {
        List<ArchArgument> archs = new ArrayList<>();
        for (String a : archArgs) {
            try {
                archs.add(ArchArgument.parse(a));
            } catch (IllegalArgumentException e) {
                throw new BadArgument(e.getMessage(), e);
            }
        }
        Map<String, Architecture> archByName = new LinkedHashMap<>();
        for (ArchArgument a : archs) {
            archByName.putIfAbsent(a.name(), registry.require(ProviderKind.ARCHITECTURE, a.name()));
        }
        Map<String, List<MachineProfile>> profilesByArch = new LinkedHashMap<>();
        for (String name : profileNames) {
            MachineProfile p = load(registry.require(ProviderKind.MACHINE_PROFILE, name.strip()));
            if (!archByName.containsKey(p.arch())) {
                throw new BadArgument("machine profile " + p.name() + " is for arch " + p.arch()
                        + ", which is not replayed; add it with --arch " + p.arch(), null);
            }
            profilesByArch.computeIfAbsent(p.arch(), k -> new ArrayList<>()).add(p);
        }
        for (MachineProfile p : fileProfiles) {
            if (!archByName.containsKey(p.arch())) {
                throw new BadArgument(p.origin() + " describes " + p.name() + " for arch " + p.arch()
                        + ", which is not replayed; add it with --arch " + p.arch(), null);
            }
            List<MachineProfile> same = profilesByArch.computeIfAbsent(p.arch(), k -> new ArrayList<>());
            if (same.stream().anyMatch(q -> q.name().equals(p.name()))) {
                throw new BadArgument(p.origin() + " names its profile " + p.name()
                        + ", as another profile of this replay does; give it another name", null);
            }
            same.add(p);
        }
        List<String> notes = new ArrayList<>();
        for (String arch : archByName.keySet()) {
            if (!profilesByArch.containsKey(arch)) {
                String generic = "generic-" + arch;
                profilesByArch.put(arch, List.of(load(registry.require(ProviderKind.MACHINE_PROFILE, generic))));
                notes.add("No " + arch + " machine profile given: using " + generic + ".");
            }
            if (settings.lazyTlbCpus() > 0 && arch.equals("arm64")) {
                notes.add("--lazy-tlb-cpus changes nothing on arm64: its TLBIs are broadcast to every CPU and"
                        + " do not consult mm_cpumask (docs/kernel-model.md §1.5).");
            }
        }
        List<CellSpec> cells = new ArrayList<>();
        for (ArchArgument a : archs) {
            Architecture arch = archByName.get(a.name());
            for (String s : strategyArgs) {
                ResolvedKernel kernel = resolve(s, arch.name());
                for (MachineProfile p : profilesByArch.get(arch.name())) {
                    cells.add(new CellSpec(arch, a.options(), kernel, p, settings.thp(), settings.placement(), settings.cpus(),
                            settings.lazyTlbCpus(), settings.concurrency(), settings.strict()));
                }
            }
        }
        return new Plan(cells, notes);
    }

    private ResolvedKernel resolve(String argument, String arch) {
        try {
            return selector.resolve(argument, arch);
        } catch (IllegalArgumentException e) {
            throw new BadArgument(e.getMessage(), e);
        }
    }

    private static MachineProfile load(MachineProfileSource source) {
        try {
            return MachineProfiles.load(source);
        } catch (InvalidProfileException e) {
            throw new BadProfile(e.getMessage(), e);
        }
    }

    private static <T> List<T> providers(Providers registry, ProviderKind<?> kind, Class<T> type) {
        return registry.entries().stream()
                .filter(e -> e.usable() && e.kind().equals(kind))
                .map(PluginEntry::provider)
                .map(type::cast)
                .toList();
    }
}
