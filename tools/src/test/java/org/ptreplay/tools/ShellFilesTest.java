package org.ptreplay.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ptreplay.tools.text.ManPage;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** The man pages and completion script the build writes into tools/target/ptreplay/share (issue 17, Conventions). */
class ShellFilesTest {

    private static final List<CommandSpec> COMMANDS =
            ManPage.distinctSubcommands(Main.commandLine(Map.of(), 100).getCommandSpec());

    @Test
    void everyCommandHasAPageNamingItAndTheRootPageListsThemAll(@TempDir Path share) throws IOException {
        ShellFiles.write(share);
        Path man1 = share.resolve("man/man1");
        String root = Files.readString(man1.resolve("ptreplay.1"));
        assertTrue(root.startsWith(".TH \"PTREPLAY\" 1 "), root.substring(0, 80));
        assertTrue(COMMANDS.size() >= 19, "commands: " + COMMANDS.size());
        for (CommandSpec command : COMMANDS) {
            String name = command.name();
            assertTrue(root.contains("\n.TP\n\\fB" + name + "\\fR\n"), "the root page lists " + name);
            String page = Files.readString(man1.resolve("ptreplay-" + name + ".1"));
            assertTrue(page.contains("\n.SH NAME\nptreplay\\-" + name.replace("-", "\\-") + " \\- "), name);
            for (OptionSpec option : command.options()) {
                assertTrue(page.contains("\\fB" + option.longestName().replace("-", "\\-") + "\\fR"),
                        name + " " + option.longestName());
            }
            // Everything picocli renders is rendered: no variable or format specifier left.
            assertFalse(page.contains("${") || page.contains("%n"), name);
        }
        String completion = Files.readString(share.resolve("bash-completion/completions/ptreplay"));
        for (CommandSpec command : COMMANDS) {
            assertTrue(completion.contains("function _picocli_ptreplay_" + command.name() + "()"), command.name());
        }
    }

    @Test
    void theFilesAreTheSameEveryTime(@TempDir Path a, @TempDir Path b) throws IOException {
        List<Path> first = ShellFiles.write(a);
        List<Path> second = ShellFiles.write(b);
        assertEquals(first.size(), second.size());
        for (int i = 0; i < first.size(); i++) {
            assertEquals(Files.readString(first.get(i)), Files.readString(second.get(i)), first.get(i).toString());
        }
    }

    /** man shows them: groff formats every page without a warning, and options keep their ASCII hyphens. */
    @Test
    void groffFormatsEveryPageWithoutWarnings(@TempDir Path share) throws Exception {
        Path groff = Path.of("/usr/bin/groff");
        if (!Files.isExecutable(groff)) {
            System.err.println("ShellFilesTest: no /usr/bin/groff; the pages are checked as text only");
            return;
        }
        List<Path> pages = new ArrayList<>(ShellFiles.write(share));
        pages.removeIf(p -> !p.toString().endsWith(".1"));
        for (Path page : pages) {
            Process p = new ProcessBuilder(groff.toString(), "-man", "-Tutf8", "-ww", "-rLL=100n", page.toString())
                    .redirectError(ProcessBuilder.Redirect.PIPE).start();
            String shown = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String warnings = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue(), page + ": " + warnings);
            assertEquals("", warnings, page.toString());
            if (page.endsWith("ptreplay-replay.1")) {
                assertTrue(shown.replaceAll("\u001b\\[[0-9;]*m|.\b", "").contains("--timeline=FILE.json"), shown);
            }
        }
    }
}
