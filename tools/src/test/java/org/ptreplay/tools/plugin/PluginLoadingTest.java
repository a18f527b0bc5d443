package org.ptreplay.tools.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ptreplay.spi.loader.Providers;
import org.ptreplay.spi.loader.Problem;
import org.ptreplay.spi.loader.Origin;
import org.ptreplay.spi.loader.UnknownProviderException;
import org.ptreplay.spi.loader.ProviderKind;
import org.ptreplay.spi.loader.ProviderStatus;
import org.ptreplay.spi.loader.PluginEntry;
import org.ptreplay.spi.MovePtesStrategy;
import org.ptreplay.spi.Provider;

/**
 * The production loader on one plugin directory holding good jars and one jar for each way a
 * plugin can be broken: each broken one is reported with its exact message, the good ones load.
 */
class PluginLoadingTest {

    @TempDir
    static Path work;

    static Path dir;
    static Providers registry;

    @BeforeAll
    static void buildPluginsAndLoad() throws IOException {
        dir = Files.createDirectories(work.resolve("plugins"));
        PluginJars jars = new PluginJars(work);
        String current = PluginJars.CURRENT_SPI;

        jars.modularStrategy(dir.resolve("good.jar"), "org.example.good", "org.example.good", "GoodStrategy",
                "move-ptes/good", current, "");
        jars.build(dir.resolve("plain-plugin.jar"), Map.of("plain/PlainWorkload.java", """
                package plain;

                public class PlainWorkload implements org.ptreplay.spi.WorkloadGenerator {
                    public String name() { return "plain-workload"; }
                    public String description() { return "a workload from a plain jar"; }
                    public String spiVersion() { return org.ptreplay.spi.Spi.VERSION; }
                    public java.util.List<org.ptreplay.spi.OptionSpec> parameters() { return java.util.List.of(); }
                    public void generate(java.util.Map<String, String> params,
                                         java.util.function.Consumer<org.ptreplay.trace.TraceEvent> out) {
                        throw new UnsupportedOperationException("test fixture: never generated");
                    }
                }
                """), Map.of("META-INF/services/org.ptreplay.spi.WorkloadGenerator", PluginJars.services("plain.PlainWorkload")));

        byte[] noise = new byte[1024];
        new Random(42).nextBytes(noise);
        Files.write(dir.resolve("corrupt.jar"), noise);

        // Compiled against a helper module that is then left out: resolution must fail.
        Path absent = jars.compile(Map.of("module-info.java", "module org.example.absent { exports org.example.absent; }",
                "org/example/absent/Helper.java", "package org.example.absent; public class Helper { }"), List.of());
        jars.build(dir.resolve("needy.jar"), Map.of(
                "module-info.java", PluginJars.moduleInfo("org.example.needy", "org.example.needy.NeedyStrategy", "org.example.absent"),
                "org/example/needy/NeedyStrategy.java", PluginJars.strategy("org.example.needy", "NeedyStrategy", "public",
                        "move-ptes/needy", current, "new org.example.absent.Helper();")),
                Map.of(), List.of(absent));

        // javac refuses a non-public provider in module-info, so this can only happen in a plain jar.
        jars.build(dir.resolve("hidden.jar"), Map.of("hidden/HiddenStrategy.java",
                PluginJars.strategy("hidden", "HiddenStrategy", "", "move-ptes/hidden", current, "")),
                Map.of("META-INF/services/org.ptreplay.spi.Strategy", PluginJars.services("hidden.HiddenStrategy")));

        jars.modularStrategy(dir.resolve("throwing.jar"), "org.example.throwing", "org.example.throwing",
                "ThrowingStrategy", "move-ptes/throwing", current, "throw new IllegalStateException(\"no licence key\");");
        jars.modularStrategy(dir.resolve("future-spi.jar"), "org.example.future", "org.example.future",
                "FutureStrategy", "move-ptes/future", "\"2.0\"", "");
        jars.modularStrategy(dir.resolve("dup-builtin.jar"), "org.example.dup", "org.example.dup",
                "DupStrategy", "move-ptes/folio-batch", current, "");
        jars.modularStrategy(dir.resolve("twin-a.jar"), "org.example.twin", "org.example.twin",
                "TwinStrategy", "move-ptes/twin", current, "");
        jars.modularStrategy(dir.resolve("twin-b.jar"), "org.example.twin", "org.example.twin",
                "TwinStrategy", "move-ptes/twin", current, "");
        jars.modularStrategy(dir.resolve("badname.jar"), "org.example.badname", "org.example.badname",
                "BadNameStrategy", "Move PTEs", current, "");
        jars.modularStrategy(dir.resolve("shadow.jar"), "org.ptreplay.strategies", "org.example.shadow",
                "ShadowStrategy", "move-ptes/shadow", current, "");
        jars.build(dir.resolve("library.jar"), Map.of("library/Util.java", "package library; public class Util { }"), Map.of());

        registry = PluginLoader.load(List.of(dir));
    }

    @Test
    void everyBrokenPluginIsReportedInOneExactLine() {
        assertEquals(List.of(
                // Broken entries, in listing order (kind, then name; uppercase sorts first) ...
                dir.resolve("badname.jar") + ": Move PTEs: invalid name \"Move PTEs\": a name has lowercase letters,"
                        + " digits, '-', '.', '/' and '+', and starts with a letter or digit",
                dir.resolve("dup-builtin.jar") + ": move-ptes/folio-batch: duplicate name: the built-in strategy"
                        + " move-ptes/folio-batch from module org.ptreplay.strategies wins",
                dir.resolve("future-spi.jar") + ": move-ptes/future: built for SPI 2.0, this ptreplay has SPI 1.2",
                dir.resolve("twin-b.jar") + ": move-ptes/twin: duplicate name: " + dir.resolve("twin-a.jar")
                        + " already provides strategy move-ptes/twin",
                // ... then the jars that yielded no provider, in file-name order.
                dir.resolve("corrupt.jar") + ": not a readable jar file (zip END header not found)",
                dir.resolve("hidden.jar") + ": hidden.HiddenStrategy: provider class is not public",
                dir.resolve("library.jar") + ": module library provides none of the services ptreplay looks up"
                        + " (org.ptreplay.spi.Architecture, org.ptreplay.spi.KernelPreset,"
                        + " org.ptreplay.spi.MachineProfileSource, org.ptreplay.spi.Strategy,"
                        + " org.ptreplay.spi.WorkloadGenerator)",
                dir.resolve("needy.jar") + ": module org.example.needy requires org.example.absent, which ptreplay"
                        + " does not load (a plugin may require only ptreplay's modules and the JDK's)",
                dir.resolve("shadow.jar") + ": its module org.ptreplay.strategies has the name of a module ptreplay"
                        + " already loads",
                dir.resolve("throwing.jar") + ": org.example.throwing.ThrowingStrategy: constructor threw"
                        + " java.lang.IllegalStateException: no licence key"),
                registry.problems().stream().map(Problem::message).toList());
    }

    @Test
    void goodModularJarLoadsIntoItsOwnLayer() {
        PluginEntry good = registry.find(ProviderKind.STRATEGY, "move-ptes/good").orElseThrow();
        assertEquals("org.example.good", good.module());
        assertEquals(new Origin.PluginJar(dir.resolve("good.jar")), good.origin());
        Module module = good.provider().getClass().getModule();
        assertNotSame(ModuleLayer.boot(), module.getLayer());
        assertEquals(List.of(ModuleLayer.boot()), module.getLayer().parents());
    }

    @Test
    void goodPlainJarLoadsAsAnAutomaticModule() {
        PluginEntry plain = registry.find(ProviderKind.WORKLOAD, "plain-workload").orElseThrow();
        assertEquals("plain.plugin", plain.module());
        assertTrue(plain.provider().getClass().getModule().getDescriptor().isAutomatic());
        assertEquals(ProviderStatus.OK, plain.status());
    }

    @Test
    void firstOfTwoPluginsWithOneNameWinsAndBuiltInsWinOverPlugins() {
        assertEquals(new Origin.PluginJar(dir.resolve("twin-a.jar")),
                registry.find(ProviderKind.STRATEGY, "move-ptes/twin").orElseThrow().origin());
        // The built-in keeps its name against the plugin that reuses it: lookups find the built-in.
        PluginEntry winner = registry.find(ProviderKind.STRATEGY, "move-ptes/folio-batch").orElseThrow();
        assertEquals(Origin.BuiltIn.class, winner.origin().getClass());
        assertEquals("org.ptreplay.strategies", winner.module());
        assertEquals(ProviderStatus.OK, winner.status());
    }

    @Test
    void brokenProvidersAreListedButCannotBeLookedUp() {
        PluginEntry future = registry.entries().stream()
                .filter(e -> e.name().equals("move-ptes/future")).findFirst().orElseThrow();
        assertEquals("broken: built for SPI 2.0, this ptreplay has SPI 1.2", future.status().label());
        assertEquals("2.0", future.spiVersion());
        UnknownProviderException e = org.junit.jupiter.api.Assertions.assertThrows(UnknownProviderException.class,
                () -> registry.require(ProviderKind.STRATEGY, "move-ptes/future"));
        assertEquals("strategy move-ptes/future is broken: built for SPI 2.0, this ptreplay has SPI 1.2;"
                + " usable strategies: " + usableStrategies(), e.getMessage());
    }

    @Test
    void requireReturnsTheProviderAndExplainsUnknownNames() {
        assertInstanceOf(MovePtesStrategy.class, registry.require(ProviderKind.STRATEGY, "move-ptes/good"));
        UnknownProviderException e = org.junit.jupiter.api.Assertions.assertThrows(UnknownProviderException.class,
                () -> registry.require(ProviderKind.STRATEGY, "move-ptes/godo"));
        assertEquals("unknown strategy 'move-ptes/godo' (did you mean 'move-ptes/good'?);"
                + " usable strategies: " + usableStrategies(), e.getMessage());
    }

    /** The plugins' good strategies, plus whichever built-ins are implemented in this build. */
    private static String usableStrategies() {
        List<String> usable = registry.names(ProviderKind.STRATEGY);
        assertTrue(usable.containsAll(List.of("move-ptes/good", "move-ptes/twin")), usable::toString);
        return String.join(", ", usable);
    }

    @Test
    void providerInstancesAreProviders() {
        for (PluginEntry e : registry.entries()) {
            assertInstanceOf(e.kind().type(), e.provider(), e.name());
            assertInstanceOf(Provider.class, e.provider());
        }
    }
}
