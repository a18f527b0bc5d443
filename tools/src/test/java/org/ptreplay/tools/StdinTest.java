package org.ptreplay.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code -} reads the trace from standard input in the commands that read one. */
class StdinTest {
    private final InputStream saved = System.in;

    @AfterEach
    void restore() {
        System.setIn(saved);
        Stdin.reset();
    }

    private Cli.Run withStdin(byte[] bytes, String... args) {
        Stdin.reset();
        System.setIn(new ByteArrayInputStream(bytes));
        return Cli.run(args);
    }

    @Test
    void summaryReplayAndConvertReadStandardInput(@TempDir Path dir) throws IOException {
        byte[] trace = Files.readAllBytes(Traces.write(dir.resolve("m.ptrace"), Traces.move1m()));
        Cli.Run summary = withStdin(trace, "summary", "-", "--json");
        assertEquals(0, summary.code(), summary.err());
        assertTrue(summary.out().contains("\"events\": 5"), summary.out());
        Cli.Run replay = withStdin(trace, "replay", "-");
        assertEquals(0, replay.code(), replay.err());
        assertTrue(replay.out().startsWith("Trace -: 5 events.\n"), replay.out());
        Path text = dir.resolve("m.txt");
        Cli.Run convert = withStdin(trace, "convert", "-", text.toString());
        assertEquals(0, convert.code(), convert.err());
        assertTrue(Files.readString(text).contains(" mremap "), Files.readString(text));
        Cli.Run bad = withStdin("not a trace".getBytes(), "check", "-");
        assertEquals(1, bad.code());
        assertTrue(bad.err().contains("stdin: header: not a ptreplay trace"), bad.err());
    }
}
