package org.ptreplay.arch.arm64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ptreplay.spi.ops.PageTableGeometry;
import org.ptreplay.spi.Architecture;
import org.ptreplay.spi.OptionSpec;
import org.ptreplay.spi.Provider;
import org.ptreplay.spi.Spi;

class Arm64ArchitectureTest {
    private final Architecture arch = new Arm64Architecture();

    @Test
    void providerIdentity() {
        assertEquals("arm64", arch.name());
        assertTrue(Provider.NAME.matcher(arch.name()).matches());
        assertEquals(Spi.VERSION, arch.spiVersion());
        assertEquals(Provider.Status.OK, arch.status());
    }

    @Test
    void optionsAndDefaults() {
        assertEquals(java.util.List.of("granule", "contpte", "contpte-early-exit", "bbml2", "tlbirange", "kpti"),
                arch.options().stream().map(OptionSpec::name).toList());
        assertEquals(java.util.List.of("4k", "batched", "off", "off", "off", "off"),
                arch.options().stream().map(OptionSpec::defaultValue).toList());
        assertEquals(new Arm64Config(Granule.G4K, ContPteMode.BATCHED, false, false, false, false),
                Arm64Config.parse(Map.of()));
        assertEquals(new Arm64Config(Granule.G64K, ContPteMode.BASIC, true, true, true, true),
                Arm64Config.parse(Map.of("granule", "64k", "contpte", "basic", "contpte-early-exit", "on",
                        "bbml2", "on", "tlbirange", "on", "kpti", "on")));
    }

    @Test
    void geometryPerGranule() {
        assertEquals(new PageTableGeometry(12, 4, 48, 16), arch.geometry(Map.of()));
        assertEquals(new PageTableGeometry(14, 4, 48, 128), arch.geometry(Map.of("granule", "16k")));
        PageTableGeometry g64 = arch.geometry(Map.of("granule", "64k"));
        assertEquals(new PageTableGeometry(16, 3, 48, 32), g64);
        assertEquals(8192, g64.ptrsPerTable());
        assertEquals(2L << 20, g64.contSize());
        assertFalse(g64.hasPud());
    }

    @Test
    void unknownOptionIsOneSentenceListingTheOptions() {
        String msg = assertThrows(IllegalArgumentException.class,
                () -> arch.geometry(Map.of("granul", "4k"))).getMessage();
        assertEquals("Unknown arm64 option 'granul'; the options are granule, contpte, contpte-early-exit, "
                + "bbml2, tlbirange, kpti.", msg);
    }

    @Test
    void badValuesAreOneSentenceNamingOptionAndAllowedValues() {
        assertBad(Map.of("granule", "8k"), "arm64 option granule=8k is not allowed; use one of 4k, 16k, 64k.");
        assertBad(Map.of("contpte", "on"), "arm64 option contpte=on is not allowed; use one of off, basic, batched.");
        for (String option : new String[] {"contpte-early-exit", "bbml2", "tlbirange", "kpti"}) {
            assertBad(Map.of(option, "yes"), "arm64 option " + option + "=yes is not allowed; use one of on, off.");
        }
    }

    @Test
    void createRejectsBadOptionsToo() {
        assertThrows(IllegalArgumentException.class, () -> arch.create(Map.of("kpti", "ON"), new FakeMmuEnv()));
    }

    @Test
    void registeredForTheClassPath() throws IOException {
        String service = "META-INF/services/" + Architecture.class.getName();
        try (InputStream in = Arm64Architecture.class.getClassLoader().getResourceAsStream(service)) {
            assertEquals(Arm64Architecture.class.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8).trim());
        }
    }

    private void assertBad(Map<String, String> options, String expected) {
        assertEquals(expected, assertThrows(IllegalArgumentException.class, () -> arch.geometry(options)).getMessage());
    }
}
