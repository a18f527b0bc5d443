package org.ptreplay.arch.arm64.profiles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ptreplay.core.cost.CostOptions;
import org.ptreplay.core.cost.ProfileCostModel;
import org.ptreplay.spi.ops.Primitive;
import org.ptreplay.core.profile.InvalidProfileException;
import org.ptreplay.core.profile.MachineProfile;
import org.ptreplay.core.profile.MachineProfiles;
import org.ptreplay.spi.MachineProfileSource;

class BundledProfilesTest {
    private static final String SERVICE = MachineProfileSource.class.getName();
    private static final List<MachineProfileSource> SOURCES = List.of(
                new AppleM3Profile(),
                new AppleM2VmProfile(),
                new AmpereAltraProfile(),
                new GenericArm64Profile());
    private static final List<String> PROVIDERS = List.of(
                "org.ptreplay.arch.arm64.profiles.AppleM3Profile",
                "org.ptreplay.arch.arm64.profiles.AppleM2VmProfile",
                "org.ptreplay.arch.arm64.profiles.AmpereAltraProfile",
                "org.ptreplay.arch.arm64.profiles.GenericArm64Profile");

    @Test
    void testsRunOnTheModulePath() {
        assertEquals("org.ptreplay.arch.arm64", AppleM3Profile.class.getModule().getName());
    }

    @Test
    void everyProfileLoadsThroughItsProviderWithEveryNumberSourced() throws InvalidProfileException {
        assertEquals(List.of("apple-m3", "apple-m2-vm", "ampere-altra", "generic-arm64"), SOURCES.stream().map(MachineProfileSource::name).toList());
        for (MachineProfileSource source : SOURCES) {
            MachineProfile profile = MachineProfiles.load(source);
            assertEquals(source.name(), profile.name());
            assertEquals("arm64", profile.arch());
            assertTrue(profile.numbers().size() >= 28, source.name());
            profile.numbers().forEach((path, number) ->
                    assertFalse(number.getSource().isBlank(), source.name() + " " + path));
        }
    }

    @Test
    void plainAccessPriceIsTheL1Latency() throws InvalidProfileException {
        // The schema defines pte_access_ns as an L1 hit, L1 latency included (profile.proto).
        for (MachineProfileSource source : SOURCES) {
            var proto = MachineProfiles.load(source).proto();
            assertEquals(proto.getMemory().getLevel(0).getLatencyNs().getValue(),
                    proto.getOps().getPteAccessNs().getValue(), source.name());
        }
    }

    @Test
    void coldStructPageCostsMoreThanAWarmOne() throws InvalidProfileException {
        long structPage = (1L << 50) + 64L * 123_457;
        for (MachineProfileSource source : SOURCES) {
            var model = ProfileCostModel.create(MachineProfiles.load(source), CostOptions.defaults());
            long cold = model.accessPs(Primitive.SP_R, structPage);
            long warm = model.accessPs(Primitive.SP_R, structPage);
            assertTrue(cold > 10 * warm, source.name() + ": cold " + cold + " ps, warm " + warm + " ps");
        }
    }

    @Test
    void everyProfilePricesBroadcastTlbiHigherUnderConcurrency() throws InvalidProfileException {
        for (MachineProfileSource source : SOURCES) {
            MachineProfile profile = MachineProfiles.load(source);
            var alone = ProfileCostModel.create(profile, CostOptions.defaults());
            var all = ProfileCostModel.create(profile, CostOptions.defaults().withConcurrency(profile.cpus()));
            assertTrue(all.costPs(Primitive.DSB, 1) > alone.costPs(Primitive.DSB, 1), source.name());
            assertTrue(all.costPs(Primitive.TLBI_VA, 1) > alone.costPs(Primitive.TLBI_VA, 1), source.name());
        }
    }

    /**
     * No bundled machine keeps shadow page tables (bare metal, or hardware nested paging): a first
     * access and a changed entry cost no hypervisor work: the shadow prices are 0.
     */
    @Test
    void bundledMachinesPayNoShadowPaging() throws InvalidProfileException {
        for (MachineProfileSource source : SOURCES) {
            var ops = MachineProfiles.load(source).proto().getOps();
            assertEquals(0, ops.getShadowFillNs().getValue(), source.name());
            assertEquals(0, ops.getShadowSyncNs().getValue(), source.name());
            var model = ProfileCostModel.create(MachineProfiles.load(source), CostOptions.defaults());
            assertEquals(0, model.costPs(Primitive.SHADOW_FILL, 1000), source.name());
            assertEquals(0, model.costPs(Primitive.SHADOW_SYNC, 1000), source.name());
            assertEquals(0, model.costPs(Primitive.SHADOW_LEAF_RMW, 1000), source.name());
            assertEquals(Math.round(ops.getXchgNs().getValue() * 1000), model.l1HitPs(Primitive.PTE_XCHG), source.name());
            assertEquals(Math.round(ops.getCmpxchgNs().getValue() * 1000), model.l1HitPs(Primitive.PTE_RMW), source.name());
        }
    }

    @Test
    void providersAreDeclaredForTheModuleAndTheClassPath() throws IOException {
        ModuleDescriptor descriptor = AppleM3Profile.class.getModule().getDescriptor();
        List<String> declared = descriptor.provides().stream()
                .filter(p -> p.service().equals(SERVICE))
                .flatMap(p -> p.providers().stream())
                .toList();
        assertEquals(PROVIDERS, declared);
        try (InputStream in = AppleM3Profile.class.getModule().getResourceAsStream("META-INF/services/" + SERVICE)) {
            assertEquals(PROVIDERS, new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList());
        }
        assertEquals(PROVIDERS, SOURCES.stream().map(s -> s.getClass().getName()).toList());
    }
}
