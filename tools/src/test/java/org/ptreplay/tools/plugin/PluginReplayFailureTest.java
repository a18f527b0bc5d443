package org.ptreplay.tools.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ptreplay.tools.text.JsonReader;

/**
 * A plugin strategy that fails during a replay, however it fails, stops its own cell with one
 * sentence naming the plugin's module and jar, the cell and the event; the other cells run to the
 * end and their results are printed; the exit code is 1 (issue 16, item 10).
 */
class PluginReplayFailureTest {

    @TempDir
    static Path work;

    static Path plugins;
    static Path trace;
    static final Map<String, Path> JARS = new java.util.HashMap<>();

    /**
     * Events 0 and 1 map and fault in 1 MiB; event 2 is the first mremap, hence the first
     * {@code move_ptes} call (1 MiB is less than a PMD, so no table is relinked).
     */
    static final String TRACE = """
            mmap 0x4000000000 2M prot=rw flags=private|anonymous|fixed = 0x4000000000
            touch 0x4000000000 1M write
            mremap 0x4000000000 1M 1M flags=maymove|fixed new=0x5000000000 = 0x5000000000
            mremap 0x5000000000 1M 1M flags=maymove|fixed new=0x6000000000 = 0x6000000000
            """;

    /** A jar with one move-ptes strategy {@code move-ptes/<name>} whose {@code movePtes} has this body. */
    static Path jar(PluginJars jars, String name, String pkg, String body) throws IOException {
        String module = "org.example." + pkg;
        Path jar = jars.build(plugins.resolve(name + ".jar"), Map.of(
                "module-info.java", PluginJars.moduleInfo(module, module + ".Bad"),
                module.replace('.', '/') + "/Bad.java", """
                        package %s;

                        public class Bad implements org.ptreplay.spi.MovePtesStrategy {
                            public String name() { return "move-ptes/%s"; }
                            public String description() { return "fails in replay"; }
                            public String spiVersion() { return org.ptreplay.spi.Spi.VERSION; }
                            public boolean movePtes(org.ptreplay.spi.ops.MovePtesContext ctx) {
                                %s
                            }
                            static int deeper(int n) { return deeper(n + 1) + 1; }
                        }
                        """.formatted(module, name, body)), Map.of());
        JARS.put(name, jar);
        return jar;
    }

    @BeforeAll
    static void buildPlugins() throws IOException {
        plugins = Files.createDirectories(work.resolve("plugins"));
        PluginJars jars = new PluginJars(work);
        jar(jars, "throws-first", "throwsfirst", "throw new IllegalStateException(\"first move_ptes call\");");
        jar(jars, "overflows", "overflows", "return deeper(0) > 0;");
        // Reads the same entry forever: each read is charged, so the step watchdog ends it.
        jar(jars, "spins", "spins", "while (true) { ctx.ptepGet(ctx.oldPtep()); }");
        jars.build(plugins.resolve("zap-garbage.jar"), Map.of(
                "module-info.java", "module org.example.zapgarbage { requires org.ptreplay.spi;"
                        + " provides org.ptreplay.spi.Strategy with org.example.zapgarbage.Garbage; }",
                "org/example/zapgarbage/Garbage.java", """
                        package org.example.zapgarbage;

                        public class Garbage implements org.ptreplay.spi.ZapPtesStrategy {
                            public String name() { return "zap-ptes/garbage"; }
                            public String description() { return "returns an address past its extent"; }
                            public String spiVersion() { return org.ptreplay.spi.Spi.VERSION; }
                            public long zapPteRange(org.ptreplay.spi.ops.ZapPtesContext ctx) { return ctx.end() + 4096; }
                        }
                        """), Map.of());
        JARS.put("zap-garbage", plugins.resolve("zap-garbage.jar"));
        trace = Files.writeString(work.resolve("move.txt"), TRACE);
    }

    private static String cell(String plugin) {
        return "x86/linux-6.17+move-ptes/" + plugin + "/generic-x86";
    }

    private static String sentence(String plugin, String module, String what) {
        return trace + ", cell " + cell(plugin) + ": event 2: plugin strategy move-ptes/" + plugin + " from module org.example."
                + module + " (" + JARS.get(plugin) + ") failed with " + what + "; this cell stopped there, the other cells"
                + " ran to the end, and the plugin's author should see this.";
    }

    @Test
    void aThrowingPluginStopsItsCellOnlyWithOneSentenceAndExitOne() throws IOException, InterruptedException {
        for (String threads : List.of("1", "2")) {
            Cli run = Cli.replay("--strategy", "linux-6.17,linux-6.17+move-ptes/throws-first,linux-6.16", "--threads", threads);
            assertEquals(1, run.exit(), run.err());
            assertEquals("ptreplay: " + sentence("throws-first", "throwsfirst", "IllegalStateException (first move_ptes call)")
                    + "\n", run.err());
            Map<?, ?> doc = (Map<?, ?>) JsonReader.parse(run.out());
            List<?> cells = (List<?>) doc.get("cells");
            assertEquals(List.of("x86/linux-6.17/generic-x86", "x86/linux-6.16/generic-x86"),
                    cells.stream().map(c -> ((Map<?, ?>) c).get("label")).toList());
            for (Object c : cells) {
                // Both moves ran in the cells that completed: 2 x 256 PTEs.
                assertEquals(512L, ((Map<?, ?>) ((Map<?, ?>) c).get("metrics")).get("ptes_moved"), c.toString());
            }
            List<?> failures = (List<?>) doc.get("failures");
            assertEquals(1, failures.size());
            Map<?, ?> f = (Map<?, ?>) failures.get(0);
            assertEquals(cell("throws-first"), f.get("label"));
            assertEquals(2L, f.get("event"));
            assertEquals(run.err().substring("ptreplay: ".length()).strip(), f.get("message"));
        }
    }

    /** An Error (stack overflow) and a runaway loop are reported the same way, each in its own cell. */
    @Test
    void anErrorAndARunawayLoopAreIsolatedToo() throws IOException, InterruptedException {
        Cli run = Cli.replay("--strategy", "linux-6.17+move-ptes/overflows,linux-6.17,linux-6.17+move-ptes/spins");
        assertEquals(1, run.exit(), run.err());
        String overflow = sentence("overflows", "overflows", "StackOverflowError");
        assertEquals("ptreplay: " + overflow + " (1 other cell(s) failed too, listed under failures in the JSON)\n", run.err());
        Map<?, ?> doc = (Map<?, ?>) JsonReader.parse(run.out());
        assertEquals(List.of("x86/linux-6.17/generic-x86"),
                ((List<?>) doc.get("cells")).stream().map(c -> ((Map<?, ?>) c).get("label")).toList());
        List<?> failures = (List<?>) doc.get("failures");
        assertEquals(overflow, ((Map<?, ?>) failures.get(0)).get("message"));
        String spins = (String) ((Map<?, ?>) failures.get(1)).get("message");
        assertTrue(spins.startsWith(trace + ", cell " + cell("spins") + ": event 2: plugin strategy move-ptes/spins from module"
                + " org.example.spins (" + JARS.get("spins") + ") failed with a runaway loop (more than "), spins);
        assertTrue(spins.endsWith(" model steps in one event); this cell stopped there, the other cells ran to the end,"
                + " and the plugin's author should see this."), spins);
    }

    /**
     * A return value that breaks the contract is the plugin's too, although its frame has returned.
     * Event 2 again: after move_ptes, unmapping the old range zaps its (now empty) PTE table,
     * which the first 1 MiB still shares with the rest of the 2 MiB mapping.
     */
    @Test
    void aGarbageReturnValueIsThePlugins() throws IOException, InterruptedException {
        Cli run = Cli.replay("--strategy", "linux-6.17,linux-6.17+zap-ptes/garbage");
        assertEquals(1, run.exit(), run.err());
        assertEquals("ptreplay: " + trace + ", cell x86/linux-6.17+zap-ptes/garbage/generic-x86: event 2: plugin strategy"
                + " zap-ptes/garbage from module org.example.zapgarbage (" + JARS.get("zap-garbage") + ") failed with"
                + " StrategyContractException (zapPteRange returned 0x4000101000, outside its extent [0x4000000000,"
                + " 0x4000100000]); this cell stopped there, the other cells ran to the end, and the plugin's author should see"
                + " this.\n", run.err());
        Map<?, ?> doc = (Map<?, ?>) JsonReader.parse(run.out());
        assertEquals(1, ((List<?>) doc.get("cells")).size());
    }

    /** The real launcher as a process: stdout and stderr apart, and the exit code as a shell sees it. */
    private record Cli(int exit, String out, String err) {
        static Cli replay(String... args) throws IOException, InterruptedException {
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            Path out = Files.createTempFile(work, "replay", ".out");
            List<String> command = new java.util.ArrayList<>(List.of(java.toString(), "--module-path",
                    System.getProperty("jdk.module.path"), "-m", "org.ptreplay.tools/org.ptreplay.tools.Main", "replay",
                    trace.toString(), "--plugin-path", plugins.toString(), "--json"));
            command.addAll(List.of(args));
            Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).start();
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), "ptreplay replay did not end");
            return new Cli(p.exitValue(), Files.readString(out), err);
        }
    }
}
