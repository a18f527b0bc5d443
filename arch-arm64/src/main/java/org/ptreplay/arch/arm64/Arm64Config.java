package org.ptreplay.arch.arm64;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.ptreplay.spi.OptionSpec;

/**
 * The options of the arm64 architecture, parsed and checked.
 *
 * @param granule    translation granule ({@code granule})
 * @param contPte    contpte generation ({@code contpte})
 * @param earlyExit  {@code contpte_ptep_get} stops once dirty and young were both seen
 *                   (093ae7a033cf, 6.17; {@code contpte-early-exit})
 * @param bbml2      the CPU has BBML2 without conflict aborts, so {@code contpte_convert} issues no
 *                   TLBI and no DSB (83bbd6be7d17, 6.17; {@code bbml2})
 * @param tlbiRange  FEAT_TLBIRANGE: range TLBIs instead of one TLBI per stride ({@code tlbirange})
 * @param kpti       kernel page-table isolation: every user TLBI is issued twice, for the kernel
 *                   and the user ASID ({@code __tlbi_user}; {@code kpti})
 */
record Arm64Config(Granule granule, ContPteMode contPte, boolean earlyExit, boolean bbml2,
                   boolean tlbiRange, boolean kpti) {

    static final String GRANULE = "granule";
    static final String CONTPTE = "contpte";
    static final String EARLY_EXIT = "contpte-early-exit";
    static final String BBML2 = "bbml2";
    static final String TLBIRANGE = "tlbirange";
    static final String KPTI = "kpti";

    private static final List<String> ON_OFF = List.of("on", "off");

    static final List<OptionSpec> OPTIONS = List.of(
            new OptionSpec(GRANULE, Granule.G4K.optionValue(), values(Granule.values(), Granule::optionValue),
                    "translation granule: 4k, 16k or 64k base pages (CONT_PTES 16, 128, 32)"),
            new OptionSpec(CONTPTE, ContPteMode.BATCHED.optionValue(),
                    values(ContPteMode.values(), ContPteMode::optionValue),
                    "contpte layer: off (CONFIG_ARM64_CONTPTE=n), basic (series before the batched helpers), "
                            + "batched (6.9+)"),
            new OptionSpec(EARLY_EXIT, "off", ON_OFF,
                    "contpte_ptep_get stops once dirty and young are both seen (093ae7a033cf, 6.17)"),
            new OptionSpec(BBML2, "off", ON_OFF,
                    "BBML2 without conflict aborts: contpte_convert elides its TLBI and DSB (83bbd6be7d17, 6.17)"),
            new OptionSpec(TLBIRANGE, "off", ON_OFF, "FEAT_TLBIRANGE: range TLBIs instead of one per page"),
            new OptionSpec(KPTI, "off", ON_OFF, "kernel page-table isolation: each user TLBI is issued twice"));

    Arm64Config {
        Objects.requireNonNull(granule, "granule");
        Objects.requireNonNull(contPte, "contPte");
    }

    /**
     * Parses options; missing ones take their defaults.
     *
     * @throws IllegalArgumentException with one sentence naming the bad option and what is allowed
     */
    static Arm64Config parse(Map<String, String> options) {
        Objects.requireNonNull(options, "options");
        for (String key : options.keySet()) {
            if (OPTIONS.stream().noneMatch(o -> o.name().equals(key))) {
                throw new IllegalArgumentException("Unknown arm64 option '" + key + "'; the options are "
                        + String.join(", ", OPTIONS.stream().map(OptionSpec::name).toList()) + ".");
            }
        }
        return new Arm64Config(
                pick(options, GRANULE, Granule.values(), Granule::optionValue),
                pick(options, CONTPTE, ContPteMode.values(), ContPteMode::optionValue),
                onOff(options, EARLY_EXIT), onOff(options, BBML2), onOff(options, TLBIRANGE), onOff(options, KPTI));
    }

    private static <E> E pick(Map<String, String> options, String name, E[] constants, Function<E, String> value) {
        String given = valueOf(options, name);
        for (E e : constants) {
            if (value.apply(e).equals(given)) {
                return e;
            }
        }
        throw badValue(name, given);
    }

    private static boolean onOff(Map<String, String> options, String name) {
        String given = valueOf(options, name);
        return switch (given) {
            case "on" -> true;
            case "off" -> false;
            default -> throw badValue(name, given);
        };
    }

    private static String valueOf(Map<String, String> options, String name) {
        String given = options.get(name);
        return given != null ? given : spec(name).defaultValue();
    }

    private static IllegalArgumentException badValue(String name, String given) {
        return new IllegalArgumentException("arm64 option " + name + "=" + given + " is not allowed; use one of "
                + String.join(", ", spec(name).allowed()) + ".");
    }

    private static OptionSpec spec(String name) {
        return OPTIONS.stream().filter(o -> o.name().equals(name)).findFirst().orElseThrow();
    }

    private static <E> List<String> values(E[] constants, Function<E, String> value) {
        return Arrays.stream(constants).map(value).toList();
    }
}
