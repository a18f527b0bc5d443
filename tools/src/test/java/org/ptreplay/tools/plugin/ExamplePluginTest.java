package org.ptreplay.tools.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ptreplay.spi.loader.Providers;
import org.ptreplay.spi.loader.Origin;
import org.ptreplay.spi.loader.ProviderKind;
import org.ptreplay.spi.loader.PluginEntry;
import org.ptreplay.spi.MovePtesStrategy;

/** The example plugin, as the reactor built it, loads from a plugin directory like any third-party jar. */
class ExamplePluginTest {

    /** Set by the tools pom from the example module's artifact (dependency:properties). */
    private static Path exampleJar() {
        String path = System.getProperty("ptreplay.example.plugin.jar");
        assertTrue(path != null && Files.isRegularFile(Path.of(path)),
                "the example plugin jar is not built: ptreplay.example.plugin.jar=" + path);
        return Path.of(path);
    }

    @Test
    void loadsFromADirectory(@TempDir Path dir) throws IOException {
        Path jar = Files.copy(exampleJar(), dir.resolve("folio-cache.jar"));
        Providers registry = PluginLoader.load(List.of(dir));

        assertEquals(List.of(), registry.problems());
        PluginEntry entry = registry.find(ProviderKind.STRATEGY, "move-ptes/folio-cache").orElseThrow();
        assertEquals("org.example.ptreplay.plugin", entry.module());
        assertEquals("1.0.0", entry.version());
        assertEquals(new Origin.PluginJar(jar), entry.origin());
        assertInstanceOf(MovePtesStrategy.class, registry.require(ProviderKind.STRATEGY, "move-ptes/folio-cache"));
    }

    /** A plugin reads the SPI, never the simulator (issue 14); the loader refuses one that does. */
    @Test
    void requiresOnlyTheSpi() {
        ModuleDescriptor descriptor = ModuleFinder.of(exampleJar()).findAll().iterator().next().descriptor();
        assertEquals(Set.of("java.base", "org.ptreplay.spi"),
                descriptor.requires().stream().map(ModuleDescriptor.Requires::name).collect(Collectors.toSet()));
    }
}
