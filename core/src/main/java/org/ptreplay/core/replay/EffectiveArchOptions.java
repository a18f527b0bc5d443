package org.ptreplay.core.replay;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.ptreplay.core.profile.MachineProfile;
import org.ptreplay.core.profile.proto.CpuFeature;
import org.ptreplay.spi.Architecture;
import org.ptreplay.spi.OptionSpec;
import org.ptreplay.spi.loader.DidYouMean;

/**
 * The arch options a cell runs with, and why. Layers, each overriding the one before:
 * <ol>
 *   <li>the architecture's defaults ({@link Architecture#options()});</li>
 *   <li>the kernel preset's options: what that kernel <em>supports</em>;</li>
 *   <li>the machine profile's {@code cpu_features}: a feature the CPU lacks turns its option off
 *       (INVLPGB only exists on AMD Zen 3+, BBML2 without conflict aborts only on the CPUs of the
 *       kernel's allow-list); a feature the CPU has turns on an option no preset sets, because it
 *       is purely hardware ({@code tlbirange}: FEAT_TLBIRANGE, Armv8.4+);</li>
 *   <li>the options the user gave with the arch ({@code arm64:bbml2=on}), which win.</li>
 * </ol>
 *
 * @param options every option of the arch with its effective value, sorted
 * @param notes   one line per option a CPU feature or the user changed, sorted by option
 */
public record EffectiveArchOptions(SortedMap<String, String> options, List<String> notes) {

    private static final List<String> ON_OFF = List.of("on", "off");

    public EffectiveArchOptions {
        options = Collections.unmodifiableSortedMap(new TreeMap<>(options));
        notes = List.copyOf(notes);
    }

    /**
     * @param presetName the strategy argument, for the notes
     * @throws IllegalArgumentException one sentence: an option the arch does not have, a value it
     *         does not allow, or a CPU feature of the profile that names no on/off option of the arch
     */
    public static EffectiveArchOptions resolve(Architecture arch, Map<String, String> preset, String presetName,
                                               MachineProfile profile, Map<String, String> user) {
        SortedMap<String, OptionSpec> specs = new TreeMap<>();
        arch.options().forEach(o -> specs.put(o.name(), o));
        SortedMap<String, String> values = new TreeMap<>();
        specs.forEach((name, spec) -> values.put(name, spec.defaultValue()));
        check(arch, specs, preset, "kernel preset " + presetName);
        values.putAll(preset);

        SortedMap<String, String> why = new TreeMap<>();
        for (CpuFeature feature : profile.cpuFeatures().values()) {
            String name = feature.getName();
            OptionSpec spec = specs.get(name);
            if (spec == null || !spec.allowed().containsAll(ON_OFF) || spec.allowed().size() != 2) {
                throw new IllegalArgumentException("machine profile " + profile.name() + " lists the CPU feature " + name
                        + ", but arch " + arch.name() + " has no on/off option of that name; its options are "
                        + String.join(", ", specs.keySet()) + ".");
            }
            if (!feature.getPresent()) {
                if (values.get(name).equals("on")) {
                    why.put(name, name + "=off: " + presetName + " would use it, but the CPU of " + profile.name()
                            + " lacks it");
                }
                values.put(name, "off");
            } else if (!preset.containsKey(name)) {
                if (!values.get(name).equals("on")) {
                    why.put(name, name + "=on: the CPU of " + profile.name() + " has it");
                }
                values.put(name, "on");
            }
        }

        check(arch, specs, user, "arch argument " + arch.name());
        user.forEach((name, value) -> {
            if (!value.equals(values.get(name))) {
                why.put(name, name + "=" + value + ": given by the user");
            }
            values.put(name, value);
        });
        return new EffectiveArchOptions(values, new ArrayList<>(why.values()));
    }

    private static void check(Architecture arch, Map<String, OptionSpec> specs, Map<String, String> given, String who) {
        for (Map.Entry<String, String> e : new TreeMap<>(given).entrySet()) {
            OptionSpec spec = specs.get(e.getKey());
            if (spec == null) {
                throw new IllegalArgumentException(who + " sets '" + e.getKey() + "', but arch " + arch.name()
                        + " has no such option" + DidYouMean.hint(e.getKey(), specs.keySet()) + "; its options are " + String.join(", ", specs.keySet()) + ".");
            }
            if (!spec.allowed().isEmpty() && !spec.allowed().contains(e.getValue())) {
                throw new IllegalArgumentException(who + " sets " + e.getKey() + "=" + e.getValue() + ", but arch "
                        + arch.name() + " allows only " + String.join(", ", spec.allowed()) + " for it.");
            }
        }
    }
}
