package org.ptreplay.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** calibrate, measure and replay --native as a user runs them on a machine without a C compiler. */
class NativeCommandsTest {

    static Cli.Run run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err), env);
        return new Cli.Run(code, out.toString(), err.toString());
    }

    @Test
    void withoutACompilerEachCommandSaysSoInOneSentence(@TempDir Path dir) throws IOException {
        Map<String, String> env = Map.of("PATH", dir.resolve("bin").toString(), "HOME", dir.toString());
        String sentence = "ptreplay: no C compiler found (set CC, or install cc, gcc or clang on the PATH): ptreplay"
                + " compiles its native probe on first use\n";
        Cli.Run calibrate = run(env, "calibrate", "-o", dir.resolve("p.txtpb").toString(), "--quick");
        assertEquals(1, calibrate.code());
        assertEquals(sentence, calibrate.err());
        assertEquals(false, Files.exists(dir.resolve("p.txtpb")));
        Path trace = Traces.write(dir.resolve("move1m.ptrace"), Traces.move1m());
        Cli.Run measure = run(env, "measure", trace.toString());
        assertEquals(1, measure.code());
        assertEquals(sentence, measure.err());
        Cli.Run replay = run(env, "replay", trace.toString(), "--native");
        assertEquals(1, replay.code());
        assertEquals(sentence, replay.err());
    }

    @Test
    void aBadNameAndBadRunsAreUsageErrors(@TempDir Path dir) throws IOException {
        Cli.Run name = run(Map.of(), "calibrate", "-o", dir.resolve("p.txtpb").toString(), "--name", "My Box");
        assertEquals(2, name.code());
        assertEquals("ptreplay: --name 'My Box' is not a profile name (lowercase letters, digits, '.', '/', '+', '-')\n", name.err());
        Path trace = Traces.write(dir.resolve("move1m.ptrace"), Traces.move1m());
        Cli.Run runs = run(Map.of(), "measure", trace.toString(), "--runs", "0");
        assertEquals(2, runs.code());
        assertEquals("ptreplay: --runs must be at least 1, not 0\n", runs.err());
    }
}
