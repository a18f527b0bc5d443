package org.ptreplay.tools.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.ptreplay.spi.Architecture;
import org.ptreplay.spi.Provider;
import org.ptreplay.spi.Strategy;

/** The built-in providers come from the modules shipped with ptreplay, found by ServiceLoader alone. */
class BuiltInDiscoveryTest {

    /** name → module of every provider ServiceLoader finds in the boot layer. */
    private static <T extends Provider> Map<String, String> bootProviders(Class<T> service) {
        Map<String, String> found = new TreeMap<>();
        ServiceLoader.load(ModuleLayer.boot(), service).stream()
                .forEach(p -> found.put(p.get().name(), p.type().getModule().getName()));
        return found;
    }

    @Test
    void bothArchitecturesAreInTheBootLayersModuleGraph() {
        Map<String, String> archs = bootProviders(Architecture.class);
        assertEquals("org.ptreplay.arch.x86", archs.get("x86"));
        assertEquals("org.ptreplay.arch.arm64", archs.get("arm64"));
    }

    @Test
    void theStrategiesModuleProvidesStrategies() {
        assertEquals("org.ptreplay.strategies", bootProviders(Strategy.class).get("move-ptes/folio-batch"));
    }

    @Test
    void theRegistryListsTheBuiltInsWithoutProblems() {
        PluginRegistry registry = PluginRegistry.load(List.of());
        assertEquals(List.of(), registry.problems());
        PluginEntry x86 = registry.entries().stream().filter(e -> e.name().equals("x86")).findFirst().orElseThrow();
        assertEquals(ProviderKind.ARCHITECTURE, x86.kind());
        assertEquals(Origin.BUILT_IN, x86.origin());
        // The example plugin is a test dependency only for build order: it must not leak in as a built-in.
        assertTrue(registry.entries().stream().noneMatch(e -> e.module().startsWith("org.example")),
                () -> "built-ins: " + registry.entries());
    }
}
