package org.ptreplay.core.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ptreplay.core.profile.MachineProfile;
import org.ptreplay.spi.Architecture;
import org.ptreplay.spi.OptionSpec;

/**
 * The option layers: arch defaults, preset (kernel support), CPU features, user. tiny-arm64 lists
 * bbml2 absent and tlbirange present; tiny-x86 lists invlpgb absent.
 */
class EffectiveArchOptionsTest {
    private static final List<String> ON_OFF = List.of("on", "off");
    private static final Architecture ARM64 = new ReplayFixtures.NamedArch("arm64", List.of(
            new OptionSpec("bbml2", "off", ON_OFF, "elide convert TLBI"),
            new OptionSpec("contpte", "batched", List.of("off", "basic", "batched"), "contpte layer"),
            new OptionSpec("tlbirange", "off", ON_OFF, "range TLBI")));
    private static final MachineProfile TINY_ARM64 = ReplayFixtures.profile("/org/ptreplay/core/profile/tiny-arm64.txtpb");
    private static final MachineProfile TINY_X86 = ReplayFixtures.profile("/org/ptreplay/core/profile/tiny-x86.txtpb");

    @Test
    void aKernelFeatureNeedsTheCpuFeature() {
        EffectiveArchOptions o = EffectiveArchOptions.resolve(ARM64, Map.of("bbml2", "on", "contpte", "batched"),
                "linux-6.17", TINY_ARM64, Map.of());
        assertEquals(Map.of("bbml2", "off", "contpte", "batched", "tlbirange", "on"), o.options());
        assertEquals(List.of("bbml2=off: linux-6.17 would use it, but the CPU of tiny-arm64 lacks it",
                "tlbirange=on: the CPU of tiny-arm64 has it"), o.notes());
    }

    @Test
    void invlpgbIsOffOnACpuWithoutIt() {
        EffectiveArchOptions o = EffectiveArchOptions.resolve(ReplayFixtures.X86, Map.of("invlpgb", "on"),
                "linux-6.17", TINY_X86, Map.of());
        assertEquals(Map.of("invlpgb", "off"), o.options());
    }

    @Test
    void theUserWinsAndIsNamed() {
        EffectiveArchOptions o = EffectiveArchOptions.resolve(ARM64, Map.of("bbml2", "on"), "linux-6.17", TINY_ARM64,
                Map.of("bbml2", "on", "tlbirange", "off"));
        assertEquals("on", o.options().get("bbml2"));
        assertEquals("off", o.options().get("tlbirange"));
        assertEquals(List.of("bbml2=on: given by the user", "tlbirange=off: given by the user"), o.notes());
    }

    @Test
    void badOptionsAreOneSentence() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> EffectiveArchOptions
                .resolve(ARM64, Map.of(), "p", TINY_ARM64, Map.of("granul", "64k")));
        assertEquals("arch argument arm64 sets 'granul', but arch arm64 has no such option; its options are bbml2, contpte, tlbirange.",
                unknown.getMessage());
        IllegalArgumentException typo = assertThrows(IllegalArgumentException.class, () -> EffectiveArchOptions
                .resolve(ARM64, Map.of(), "p", TINY_ARM64, Map.of("contpt", "basic")));
        assertEquals("arch argument arm64 sets 'contpt', but arch arm64 has no such option (did you mean 'contpte'?);"
                + " its options are bbml2, contpte, tlbirange.", typo.getMessage());
        IllegalArgumentException value = assertThrows(IllegalArgumentException.class, () -> EffectiveArchOptions
                .resolve(ARM64, Map.of(), "p", TINY_ARM64, Map.of("contpte", "yes")));
        assertEquals("arch argument arm64 sets contpte=yes, but arch arm64 allows only off, basic, batched for it.",
                value.getMessage());
        // tiny-x86 lists invlpgb, which this arm64 has no option for.
        IllegalArgumentException feature = assertThrows(IllegalArgumentException.class, () -> EffectiveArchOptions
                .resolve(new ReplayFixtures.NamedArch("x86", List.of()), Map.of(), "p", TINY_X86, Map.of()));
        assertEquals("machine profile tiny-x86 lists the CPU feature invlpgb, but arch x86 has no on/off option of that name;"
                + " its options are .", feature.getMessage());
    }
}
