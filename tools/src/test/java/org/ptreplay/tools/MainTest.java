package org.ptreplay.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ptreplay.tools.text.JsonReader;

/** The CLI as a user runs it: exit codes, stdout and stderr. */
class MainTest {

    private record Run(int code, String out, String err) {
    }

    private static Run run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err), env);
        return new Run(code, out.toString(), err.toString());
    }

    private static Run run(String... args) {
        return run(Map.of(), args);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> providers(String json) {
        Map<String, Object> root = (Map<String, Object>) JsonReader.parse(json);
        return (List<Map<String, Object>>) root.get("providers");
    }

    @Test
    void pluginsJsonParsesAndListsBothArchitectures() {
        Run run = run("plugins", "--json");
        assertEquals(0, run.code(), run.err());
        assertEquals("", run.err());
        @SuppressWarnings("unchecked")
        Map<String, Object> root = (Map<String, Object>) JsonReader.parse(run.out());
        assertEquals(List.of("broken_jars", "providers", "spi_version"), new ArrayList<>(root.keySet()));
        assertEquals("1.2", root.get("spi_version"));
        assertEquals(List.of(), root.get("broken_jars"));
        List<Map<String, Object>> providers = providers(run.out());
        Map<String, Object> x86 = providers.stream().filter(p -> "x86".equals(p.get("name"))).findFirst().orElseThrow();
        assertEquals(List.of("description", "kind", "module", "name", "source", "spi_version", "status", "version"),
                new ArrayList<>(x86.keySet()));
        assertEquals("architecture", x86.get("kind"));
        assertEquals("org.ptreplay.arch.x86", x86.get("module"));
        assertEquals("built-in", x86.get("source"));
        assertTrue(providers.stream().anyMatch(p -> "arm64".equals(p.get("name")) && "architecture".equals(p.get("kind"))));
        assertTrue(providers.stream().anyMatch(p -> "strategy".equals(p.get("kind"))));
    }

    /**
     * A run of one command builds the root with that command only (issue #15); its help, and so
     * its options, defaults and inherited --debug, are the same as in the tree of every command.
     */
    @Test
    void eachCommandAloneHasTheHelpItHasAmongAllCommands() {
        picocli.CommandLine all = Main.commandLine(Map.of());
        for (String name : all.getSubcommands().keySet()) {
            String[] args = {name, "--help"};
            picocli.CommandLine alone = Main.commandLine(Map.of(), org.ptreplay.tools.text.Width.of(Map.of()), name);
            int expected = name.equals("help") || name.equals("completion") ? all.getSubcommands().size() : 1;
            assertEquals(expected, alone.getSubcommands().size(), name);
            StringWriter allOut = new StringWriter();
            int allCode = Main.run(all, args, new PrintWriter(allOut), new PrintWriter(new StringWriter()));
            Run run = run(args);
            assertEquals(allCode, run.code(), name);
            assertEquals(allOut.toString(), run.out(), name);
        }
    }

    @Test
    void pluginsJsonIsTheSameEveryTime() {
        assertEquals(run("plugins", "--json").out(), run("plugins", "--json").out());
    }

    @Test
    void unknownCommandIsAUsageErrorWithASuggestion() {
        Run run = run("plugnis");
        assertEquals(2, run.code());
        assertEquals("", run.out());
        assertEquals("ptreplay: unknown command 'plugnis' (did you mean 'plugins'?); commands: calibrate, check, compare, completion, convert, demo, diff, generate, help, measure, plugins, primitives, print, record, replay, stats, summary, sweep, validate"
                + System.lineSeparator(), run.err());
    }

    @Test
    void unknownCommandFarFromAnyNameStillListsTheCommands() {
        Run run = run("frobnicate");
        assertEquals(2, run.code());
        assertEquals("ptreplay: unknown command 'frobnicate'; commands: calibrate, check, compare, completion, convert, demo, diff, generate, help, measure, plugins, primitives, print, record, replay, stats, summary, sweep, validate" + System.lineSeparator(),
                run.err());
    }

    @Test
    void helpForAnUnknownCommandSuggestsLikeTheCommandItself() {
        Run run = run("help", "replya");
        assertEquals(2, run.code());
        assertEquals("", run.out());
        assertEquals("ptreplay: unknown command 'replya' (did you mean 'replay'?); commands: calibrate, check, compare, completion, convert, demo, diff, generate, help, measure, plugins, primitives, print, record, replay, stats, summary, sweep, validate"
                + System.lineSeparator(), run.err());
    }

    @Test
    void anUnknownPopulateModeIsAUsageErrorWithASuggestion() {
        // Checked before IN is opened, so IN need not exist.
        Run run = run("convert", "absent.strace", "absent.ptrace", "--populate", "writeable");
        assertEquals(2, run.code());
        assertEquals("ptreplay: unknown populate mode 'writeable' (did you mean 'writable'?); modes: none, all, writable"
                + System.lineSeparator(), run.err());
    }

    @Test
    void unknownOptionIsAUsageErrorWithASuggestion() {
        Run run = run("plugins", "--jsn");
        assertEquals(2, run.code());
        assertEquals("ptreplay: unknown option '--jsn' for ptreplay plugins (did you mean '--json'?);"
                + " see 'ptreplay plugins --help'" + System.lineSeparator(), run.err());
    }

    @Test
    void aCorruptPluginJarIsListedAsBrokenAndIsNotAnError(@TempDir Path dir) throws IOException {
        Path corrupt = Files.writeString(dir.resolve("corrupt.jar"), "this is not a zip file");
        Run run = run("plugins", "--plugin-path", dir.toString());
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().endsWith("\nBroken plugin jars:\n  " + corrupt
                + ": not a readable jar file (zip END header not found)\n"), run.out());
    }

    @Test
    void thePluginPathComesFromTheEnvironmentToo(@TempDir Path dir) throws IOException {
        Path corrupt = Files.writeString(dir.resolve("corrupt.jar"), "this is not a zip file");
        Run run = run(Map.of("PTREPLAY_PLUGIN_PATH", dir.toString()), "plugins", "--json");
        assertEquals(0, run.code(), run.err());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> broken =
                (List<Map<String, Object>>) ((Map<String, Object>) JsonReader.parse(run.out())).get("broken_jars");
        assertEquals(List.of(Map.of("jar", corrupt.toString(), "reason",
                "not a readable jar file (zip END header not found)")), broken.stream().map(m -> {
                    Map<String, Object> copy = new java.util.HashMap<>(m);
                    assertTrue(copy.containsKey("provider") && copy.remove("provider") == null);
                    return copy;
                }).toList());
    }

    @Test
    void aMissingPluginDirectoryIsAUsageError(@TempDir Path dir) {
        Path missing = dir.resolve("missing");
        Run run = run("plugins", "--plugin-path", missing.toString());
        assertEquals(2, run.code());
        assertEquals("ptreplay: plugin directory " + missing + " (given to --plugin-path) is not a directory"
                + System.lineSeparator(), run.err());
    }

    @Test
    void debugAfterTheCommandAddsTheStackTrace(@TempDir Path dir) {
        Run run = run("plugins", "--plugin-path", dir.resolve("missing").toString(), "--debug");
        assertEquals(2, run.code());
        assertTrue(run.err().contains("\tat org.ptreplay.tools"), run.err());
    }

    @Test
    void noCommandIsAUsageError() {
        Run run = run();
        assertEquals(2, run.code());
        assertTrue(run.err().startsWith("ptreplay: no command given; commands: calibrate, check, compare, completion, convert, demo, diff, generate, help, measure, plugins, primitives, print, record, replay, stats, summary, sweep, validate"), run.err());
    }

    @Test
    void versionNamesPtreplayTheSpiAndJava() {
        Run run = run("--version");
        assertEquals(0, run.code());
        String[] lines = run.out().split(System.lineSeparator());
        assertTrue(lines[0].matches("ptreplay \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?"), lines[0]);
        assertEquals("plugin SPI 1.2", lines[1]);
        assertTrue(lines[2].startsWith("Java " + Runtime.version()), lines[2]);
    }

    @Test
    void demoTellsItsThreeStoriesWithTheCommandsThatReproduceThem() {
        Run run = run("demo");
        assertEquals(0, run.code(), run.err());
        for (String story : List.of("1. The x86 bigheap regression of 6.17-rc1 (one struct page read per moved PTE) and its fix",
                "2. The arm64 64K-folio mremap speed-up of 6.17", "3. Moving page tables instead of PTEs in mremap")) {
            assertTrue(run.out().contains("\n" + story + "\n"), run.out());
        }
        // Lorenzo's three published rates, each beside its simulated counterpart.
        assertTrue(run.out().matches("(?s).*linux-6\\.16 +143857 +\\d+ +realloc calls/s.*"), run.out());
        assertTrue(run.out().matches("(?s).*linux-6\\.17-rc1 +81503 +\\d+ +realloc calls/s.*"), run.out());
        assertTrue(run.out().matches("(?s).*linux-6\\.17 +138701 +\\d+ +realloc calls/s.*"), run.out());
        // Commands to paste from the repository, broken before an option to fit 100 columns.
        assertTrue(run.out().replace(" \\\n         ", " ").contains("     ./ptreplay replay bigheap-raptor-lake.ptrace --arch x86"
                + " --strategy linux-6.16,linux-6.17-rc1,linux-6.17 --profile raptor-lake --report bigheap-raptor-lake.html\n"),
                run.out());
        run.out().lines().forEach(l -> assertTrue(l.codePointCount(0, l.length()) <= 100, l));
        // A failing story is said before the stories.
        String before = run.out().substring(0, run.out().indexOf("\n1. "));
        if (run.out().contains("FAIL")) {
            assertTrue(before.contains(" fails a check: "), before);
        } else {
            assertTrue(!before.contains("fails"), before);
        }
        assertTrue(run.out().matches("(?s).*   64K PTEP_GET 6\\.16/6\\.17 +16 +16 +0  exact +prediction +pass\n.*"),
                run.out());
    }

    @Test
    void validateJsonHasEveryCheckWithItsFiguresAndCommands() {
        Run run = run("validate", "--json", "--case", "jain-mremap-arm64");
        @SuppressWarnings("unchecked")
        Map<String, Object> root = (Map<String, Object>) JsonReader.parse(run.out());
        assertEquals(List.of("cases", "passed", "tally"), new ArrayList<>(root.keySet()));
        assertEquals(Boolean.TRUE.equals(root.get("passed")) ? 0 : 1, run.code(), run.err());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> cases = (List<Map<String, Object>>) root.get("cases");
        assertEquals(1, cases.size());
        Map<String, Object> jain = cases.get(0);
        assertEquals(List.of("checks", "experiments", "explanations", "name", "passed", "readings", "source", "tally", "title"),
                new ArrayList<>(jain.keySet()));
        assertEquals("jain-mremap-arm64", jain.get("name"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> checks = (List<Map<String, Object>>) jain.get("checks");
        assertEquals(List.of("error", "figure", "fitted_parameter", "id", "kind", "known_gap", "passed", "published", "quote", "simulated", "tolerance"),
                new ArrayList<>(checks.get(0).keySet()));
        Map<String, Object> ptepGet = checks.stream().filter(c -> c.get("id").equals("64K PTEP_GET 6.16/6.17"))
                .findFirst().orElseThrow();
        assertEquals(16.0, ((Number) ptepGet.get("simulated")).doubleValue());
        assertEquals(Boolean.TRUE, ptepGet.get("passed"));
        assertEquals(Map.of("bound", 0.0, "kind", "exact"), ptepGet.get("tolerance"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> experiments = (List<Map<String, Object>>) jain.get("experiments");
        assertEquals("ptreplay generate jain-mremap --param iterations=500 -o jain-64k.ptrace",
                experiments.get(0).get("generate"));
    }

    @Test
    void validateTextHasOneRowPerCheckAndSaysWhichCasesFail() {
        Run run = run("validate", "--case", "jain-mremap-arm64");
        // Figures right-aligned under their headers.
        assertTrue(run.out().startsWith("CASE               CHECK                   PUBLISHED  SIMULATED   ERROR"), run.out());
        assertTrue(run.out().contains("jain-mremap-arm64  4K time 6.17/6.16               1          1"), run.out());
        assertTrue(run.out().contains("Published figures:\n  jain-mremap-arm64: Dev Jain"), run.out());
        assertTrue(run.out().contains(run.code() == 0 ? "1 of 1 case passes." : "0 of 1 case passes; failing: jain-mremap-arm64"),
                run.out());
    }

    @Test
    void validateUnknownCaseIsAUsageErrorWithASuggestion() {
        Run run = run("validate", "--case", "jain-mremap-arm46");
        assertEquals(2, run.code());
        assertEquals("", run.out());
        assertTrue(run.err().startsWith("ptreplay: unknown case 'jain-mremap-arm46' (did you mean 'jain-mremap-arm64'?); cases: "
                + "david-fork-x86, david-zap-x86, jain-mprotect-arm64, jain-mremap-arm64, joel-pmd-move-x86,"), run.err());
    }
}
