package org.ptreplay.tools.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ptreplay.spi.loader.PluginEntry;
import org.ptreplay.spi.loader.Problem;
import org.ptreplay.spi.loader.ProviderKind;
import org.ptreplay.spi.loader.ProviderStatus;
import org.ptreplay.spi.loader.Providers;

/**
 * Plugins that misbehave while they are loaded (issue 16, item 10), each built in the test: every
 * one is reported in one sentence and the good plugin beside them still loads.
 */
class PluginIsolationTest {

    @TempDir
    static Path work;

    static Path dir;
    static Providers providers;
    static PluginJars jars;

    /** A modular strategy jar whose class has these members besides the constructor. */
    static Path strategyJar(String file, String pkg, String cls, String members) throws IOException {
        String module = "org.example." + pkg;
        String fqcn = module + "." + cls;
        return jars.build(dir.resolve(file), Map.of(
                "module-info.java", PluginJars.moduleInfo(module, fqcn),
                module.replace('.', '/') + "/" + cls + ".java", """
                        package %s;

                        public class %s implements org.ptreplay.spi.MovePtesStrategy {
                            %s
                            public boolean movePtes(org.ptreplay.spi.ops.MovePtesContext ctx) {
                                throw new UnsupportedOperationException("test fixture: never replayed");
                            }
                        }
                        """.formatted(module, cls, members)), Map.of());
    }

    private static String members(String name, String description) {
        return "public String name() { " + name + " }\n"
                + "public String description() { " + description + " }\n"
                + "public String spiVersion() { return org.ptreplay.spi.Spi.VERSION; }\n";
    }

    @BeforeAll
    static void buildPluginsAndLoad() throws IOException {
        dir = Files.createDirectories(work.resolve("plugins"));
        jars = new PluginJars(work);
        strategyJar("a-name-error.jar", "nameerror", "NameError",
                members("throw new AssertionError(\"name is not ready\");", "return \"d\";"));
        strategyJar("b-path-throws.jar", "paththrows", "PathThrows",
                members("return \"move-ptes/path-throws\";", "return \"d\";")
                        + "public org.ptreplay.spi.KernelPath path() { throw new IllegalStateException(\"no path\"); }");
        strategyJar("c-null-description.jar", "nulldesc", "NullDescription",
                members("return \"move-ptes/null-description\";", "return null;"));
        strategyJar("d-forged.jar", "forged", "Forged",
                members("return \"move-ptes/forged\";",
                        "return \"looks fine\\nstrategy  move-ptes/evil  ok  \\u001b[31mred\\u001b[0m\";"));
        strategyJar("e-good.jar", "good", "Good", members("return \"move-ptes/isolated-good\";", "return \"good\";"));
        jars.build(dir.resolve("f-simulator.jar"), Map.of(
                "module-info.java", PluginJars.moduleInfo("org.example.simulator", "org.example.simulator.Sim",
                        "org.ptreplay.core"),
                "org/example/simulator/Sim.java", PluginJars.strategy("org.example.simulator", "Sim", "public",
                        "move-ptes/simulator", PluginJars.CURRENT_SPI, "")), Map.of());
        providers = PluginLoader.load(List.of(dir));
    }

    @Test
    void everyMisbehavingPluginIsOneSentenceAndTheGoodOneLoads() {
        assertEquals(List.of(
                dir.resolve("a-name-error.jar") + ": org.example.nameerror.NameError: name() threw"
                        + " java.lang.AssertionError: name is not ready",
                dir.resolve("b-path-throws.jar") + ": org.example.paththrows.PathThrows: path() threw"
                        + " java.lang.IllegalStateException: no path",
                dir.resolve("c-null-description.jar") + ": org.example.nulldesc.NullDescription:"
                        + " description() returned null",
                dir.resolve("f-simulator.jar") + ": module org.example.simulator requires org.ptreplay.core, but a"
                        + " plugin may require only org.ptreplay.spi and org.ptreplay.trace of ptreplay's modules"
                        + " (the simulator is not a plugin API)"),
                providers.problems().stream().map(Problem::message).toList());
        assertEquals(ProviderStatus.OK,
                providers.find(ProviderKind.STRATEGY, "move-ptes/isolated-good").orElseThrow().status());
    }

    @Test
    void pluginTextIsKeptWithItsControlCharactersVisible() {
        PluginEntry forged = providers.find(ProviderKind.STRATEGY, "move-ptes/forged").orElseThrow();
        assertEquals("looks fine\\nstrategy  move-ptes/evil  ok  \\x1b[31mred\\x1b[0m", forged.description());
    }

    /** A class that lacks an SPI method is refused before it is listed, not at its first call in a replay. */
    @Test
    void aPluginBuiltAgainstAnotherSpiShapeIsRefused(@TempDir Path other) throws IOException {
        Path jar = other.resolve("old.jar");
        Path oldSpi = jars.compileAgainstOnly(Map.of(
                "module-info.java", "module org.ptreplay.spi { exports org.ptreplay.spi; }",
                "org/ptreplay/spi/Provider.java", "package org.ptreplay.spi; public interface Provider {"
                        + " String name(); String description(); String spiVersion(); }",
                "org/ptreplay/spi/Strategy.java", "package org.ptreplay.spi; public interface Strategy extends Provider { }",
                "org/ptreplay/spi/MovePtesStrategy.java",
                "package org.ptreplay.spi; public interface MovePtesStrategy extends Strategy { }"), List.of());
        Path classes = jars.compileAgainstOnly(Map.of(
                "module-info.java", "module org.example.shape { requires org.ptreplay.spi;"
                        + " provides org.ptreplay.spi.Strategy with org.example.shape.Old; }",
                "org/example/shape/Old.java", "package org.example.shape; public class Old"
                        + " implements org.ptreplay.spi.MovePtesStrategy {"
                        + " public String name() { return \"move-ptes/old-shape\"; }"
                        + " public String description() { return \"old\"; }"
                        + " public String spiVersion() { return \"1.0\"; } }"),
                List.of(oldSpi));
        jars.pack(jar, classes, Map.of());
        Providers loaded = PluginLoader.load(List.of(other));
        assertEquals(List.of(jar + ": org.example.shape.Old: built against another shape of the SPI: it does not"
                        + " implement MovePtesStrategy.movePtes(MovePtesContext)"),
                loaded.problems().stream().map(Problem::message).toList());
    }

    /**
     * A constructor that does not return: the jar is reported after the timeout and the next jar
     * loads. (This loop ends when its thread is interrupted, so that it does not spin on through
     * the rest of the test run; the loader interrupts it, but a hostile loop could ignore that.)
     */
    @Test
    void aLoopingPluginIsReportedAndTheNextJarLoads(@TempDir Path other) throws IOException {
        Path looping = jars.modularStrategy(other.resolve("a-looping.jar"), "org.example.looping",
                "org.example.looping", "Looping", "move-ptes/looping", PluginJars.CURRENT_SPI,
                "while (!Thread.currentThread().isInterrupted()) { Thread.onSpinWait(); }");
        jars.modularStrategy(other.resolve("b-after.jar"), "org.example.after", "org.example.after", "After",
                "move-ptes/after", PluginJars.CURRENT_SPI, "");
        Providers loaded = PluginLoader.load(List.of(other), Providers.builder().layerTimeout(Duration.ofSeconds(1)));
        assertEquals(List.of(looping + ": did not finish loading within 1 s (a provider's constructor or name(),"
                        + " description(), version() or spiVersion() does not return); its other providers are not used"),
                loaded.problems().stream().map(Problem::message).toList());
        assertTrue(loaded.find(ProviderKind.STRATEGY, "move-ptes/after").isPresent());
    }

    /**
     * A constructor that calls System.exit ends the JVM: Java 17 cannot stop it without the
     * deprecated SecurityManager. The CLI, run as a process, names the plugin on the way out.
     */
    @Test
    void aPluginThatExitsIsNamedOnTheWayOut(@TempDir Path other) throws IOException, InterruptedException {
        Path exiting = jars.modularStrategy(other.resolve("exiting.jar"), "org.example.exiting", "org.example.exiting",
                "Exiting", "move-ptes/exiting", PluginJars.CURRENT_SPI, "System.exit(42);");
        Cli run = Cli.plugins(other);
        assertEquals(42, run.exit(), run.err());
        assertEquals("ptreplay: the plugin " + exiting + " ended ptreplay (System.exit) while it was being loaded;"
                + " remove it from the plugin path\n", run.err());
    }

    /** The {@code plugins} command over the misbehaving jars: exit 0, one line per problem, no forged row. */
    @Test
    void thePluginsCommandListsTheRestAndExitsZero() throws IOException, InterruptedException {
        Cli run = Cli.plugins(dir);
        assertEquals(0, run.exit(), run.err());
        List<String> lines = run.out().lines().toList();
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("strategy") && l.contains("move-ptes/isolated-good")
                && l.contains(" ok ")), run.out());
        assertTrue(lines.stream().noneMatch(l -> l.contains("move-ptes/evil") && !l.contains("move-ptes/forged")),
                "a description forged a row: " + run.out());
        assertTrue(run.out().chars().noneMatch(c -> c == 0x1b), "an escape sequence reached the terminal");
        for (Problem problem : providers.brokenJars()) {
            assertEquals(1, lines.stream().filter(l -> l.strip().equals(problem.message())).count(), problem.message());
        }
    }

    /** The real launcher's module path, as a process: System.exit can only be watched from outside. */
    private record Cli(int exit, String out, String err) {
        static Cli plugins(Path pluginDir) throws IOException, InterruptedException {
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            Path out = Files.createTempFile(work, "plugins", ".out");
            Process p = new ProcessBuilder(java.toString(), "--module-path", System.getProperty("jdk.module.path"),
                    "-m", "org.ptreplay.tools/org.ptreplay.tools.Main", "plugins", "--plugin-path", pluginDir.toString())
                    .redirectOutput(out.toFile())
                    .start();
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), "ptreplay plugins did not end");
            return new Cli(p.exitValue(), Files.readString(out), err);
        }
    }
}
