package org.ptreplay.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ptreplay.tools.ReplayCommandTest.ok;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompletionCommandTest {

    @Test
    void theScriptCompletesEveryCommandAndTheirOptionsAndBashAcceptsIt(@TempDir Path dir) throws Exception {
        String script = ok("completion").out();
        assertEquals(script, ok("completion").out(), "the same script every time");
        assertTrue(script.contains("complete -F _complete_ptreplay"), script.substring(0, 400));
        for (String command : new String[] {"replay", "compare", "diff", "primitives", "completion", "check"}) {
            // Each command gets its own completion function; a bare substring would match "ptreplay" itself.
            assertTrue(script.contains("function _picocli_ptreplay_" + command + "()"), command);
        }
        for (String option : new String[] {"--timeline", "--folded-dir", "--svg", "--report", "--strategy"}) {
            assertTrue(script.contains(option), option);
        }
        Path file = dir.resolve("ptreplay.bash");
        Files.writeString(file, script);
        Path bash = Path.of("/bin/bash");
        if (Files.isExecutable(bash)) {
            // Parse only (-n): a syntax error in the generated script fails here, not in a user's shell.
            Process p = new ProcessBuilder(bash.toString(), "-n", file.toString()).redirectErrorStream(true).start();
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue(), new String(p.getInputStream().readAllBytes()));
        }
    }
}
