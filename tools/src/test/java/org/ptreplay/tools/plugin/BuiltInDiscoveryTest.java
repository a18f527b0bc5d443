package org.ptreplay.tools.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.ptreplay.spi.loader.Providers;
import org.ptreplay.spi.loader.Origin;
import org.ptreplay.spi.loader.ProviderKind;
import org.ptreplay.spi.loader.PluginEntry;
import org.ptreplay.spi.Provider;

/** The built-in providers come from the modules shipped with ptreplay, found by the SPI loader with ServiceLoader alone. */
class BuiltInDiscoveryTest {

    /** name → module of every provider of a kind that the SPI loader finds in the boot layer. */
    private static <T extends Provider> Map<String, String> bootProviders(ProviderKind<T> kind) {
        Map<String, String> found = new TreeMap<>();
        for (T p : Providers.builtIn().all(kind)) {
            assertEquals(ModuleLayer.boot(), p.getClass().getModule().getLayer(), p.name());
            found.put(p.name(), p.getClass().getModule().getName());
        }
        return found;
    }

    @Test
    void bothArchitecturesAreInTheBootLayersModuleGraph() {
        Map<String, String> archs = bootProviders(ProviderKind.ARCHITECTURE);
        assertEquals("org.ptreplay.arch.x86", archs.get("x86"));
        assertEquals("org.ptreplay.arch.arm64", archs.get("arm64"));
    }

    @Test
    void theStrategiesModuleProvidesStrategies() {
        assertEquals("org.ptreplay.strategies", bootProviders(ProviderKind.STRATEGY).get("move-ptes/folio-batch"));
    }

    @Test
    void theRegistryListsTheBuiltInsWithoutProblems() {
        Providers registry = PluginLoader.load(List.of());
        assertEquals(List.of(), registry.problems());
        PluginEntry x86 = registry.entries().stream().filter(e -> e.name().equals("x86")).findFirst().orElseThrow();
        assertEquals(ProviderKind.ARCHITECTURE, x86.kind());
        assertEquals(Origin.BUILT_IN, x86.origin());
        // The example plugin is a test dependency only for build order: it must not leak in as a built-in.
        assertTrue(registry.entries().stream().noneMatch(e -> e.module().startsWith("org.example")),
                () -> "built-ins: " + registry.entries());
    }
}
