package org.ptreplay.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ptreplay.tools.Cli.Run;
import org.ptreplay.tools.text.JsonReader;

/** The text form through the CLI: convert in both directions, print, and the analyses on text traces. */
class TextFormCommandsTest {

    /** Every kind of event, written by hand: extra spaces, units, comments, defaults left out. */
    private static final String HAND_WRITTEN = """
            # a fixture for the CLI tests
            @format 1
            @producer "by hand"
            @source strace "strace -f ./a.out"
            @param populate none
            @machine arch=x86_64 pagesize=4K kernel="6.8.0" cpus=4

            100 mmap 0   2M prot=rw flags=private|anonymous = 0x7f0000000000   # the heap
            100 +2us touch 0x7f0000000000 64K write
            100 mremap 0x7f0000000000 2M 4M flags=maymove = 0x7f2000000000
            100 madvise 0x7f2000000000 64K dontneed = 0
            100 mprotect 0x7f2000010000 64K prot=r = 0
            100 brk 0 = 0x5000000
            100 fork 101 flags=vm|thread = 101
            101 +1ms munmap 0x7f2000000000 4M = 0
            100 fork 102 = 102
            102 exec = 0
            102 mmap 0 1G prot=rw flags=private|anonymous = -ENOMEM
            102 exit 0 group
            100 exit 0 group
            """;

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    private static Run ok(String... args) {
        Run run = Cli.run(args);
        assertEquals(0, run.code(), run.err());
        return run;
    }

    /** Done-when check of issue 3: text → binary (each codec) → text gives the same text. */
    @ParameterizedTest
    @ValueSource(strings = {"zstd", "xz", "gzip", "none"})
    void textToBinaryToTextIsIdentical(String codec) throws IOException {
        Path hand = write("hand.txt", HAND_WRITTEN);
        Path text = dir.resolve("canonical.txt");
        ok("convert", hand.toString(), text.toString());
        Path binary = dir.resolve("t.ptrace");
        ok("convert", text.toString(), binary.toString(), "--codec", codec);
        Path again = dir.resolve("again.txt");
        ok("convert", binary.toString(), again.toString());
        assertEquals(Files.readString(text), Files.readString(again));
        // And the canonical text holds the hand-written events.
        assertEquals(ok("print", "--json", hand.toString()).out(), ok("print", "--json", binary.toString()).out());
        assertEquals(13, ok("print", "--json", binary.toString()).out().lines().count());
    }

    @Test
    void convertToStandardOutputWritesTextAndReportsOnStderr() throws IOException {
        Path hand = write("hand.txt", HAND_WRITTEN);
        Run run = ok("convert", hand.toString(), "-");
        assertTrue(run.out().startsWith("@format 1\n@producer \"by hand\"\n"), run.out());
        assertTrue(run.err().startsWith("-: 13 events from " + hand), run.err());
        Path copy = write("copy.txt", run.out());
        assertEquals(ok("print", "--json", hand.toString()).out(), ok("print", "--json", copy.toString()).out());
    }

    @Test
    void printIsATextTraceWithIndices() throws IOException {
        Path hand = write("hand.txt", HAND_WRITTEN);
        Run run = ok("print", "--kinds", "fork,exec", hand.toString());
        List<String> events = run.out().lines().filter(l -> !l.startsWith("@")).toList();
        assertEquals(List.of("100 fork 101 flags=vm|thread = 101  # 6", "100 fork 102 = 102  # 8", "102 exec = 0  # 9"), events);
        // The output reads back as a trace of those three events.
        Path printed = write("printed.txt", run.out());
        assertEquals(3, ok("print", "--json", printed.toString()).out().lines().count());
    }

    /** JSON keys are snake_case in every command; the mremap of the fixture, field by field. */
    @Test
    void printJsonNamesTheFieldsInSnakeCase() throws IOException {
        Path hand = write("hand.txt", HAND_WRITTEN);
        String line = ok("print", "--json", "--kinds", "mremap", hand.toString()).out().strip();
        @SuppressWarnings("unchecked")
        Map<String, Object> e = (Map<String, Object>) JsonReader.parse(line);
        assertEquals(List.of("flags", "index", "kind", "new_addr", "new_length", "old_addr", "old_length", "pid", "result",
                "time_delta_ns"), List.copyOf(e.keySet()), "sorted keys, as all JSON output: " + line);
        assertEquals(2L, ((Number) e.get("index")).longValue());
        assertEquals(0x7f0000000000L, ((Number) e.get("old_addr")).longValue());
        assertEquals(4L << 20, ((Number) e.get("new_length")).longValue());
        assertEquals(0x7f2000000000L, ((Number) e.get("result")).longValue());
    }

    @Test
    void analysesReadTextTracesCompressedOrNot() throws IOException {
        Path plain = write("hand.txt", HAND_WRITTEN);
        Path gz = dir.resolve("hand.txt.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(HAND_WRITTEN.getBytes());
        }
        String summary = ok("summary", "--json", plain.toString()).out();
        assertEquals(summary.replace(plain.toString(), gz.toString()), ok("summary", "--json", gz.toString()).out());
        assertTrue(summary.contains("\"threads\": 1"), summary);
        assertTrue(summary.contains("\"processes\": 2"), summary);
        Run check = Cli.run("check", plain.toString());
        assertEquals(0, check.code(), check.out());
    }

    @Test
    void aBadTextLineIsNamed() throws IOException {
        Path bad = write("bad.txt", "@format 1\nmmap 0 2M prot=rw flags=private|anonymous = 0x7f0000000000\nmunmap banana\n");
        Run run = Cli.run("summary", bad.toString());
        assertEquals(1, run.code());
        assertEquals(1, run.err().lines().count(), run.err());
        assertTrue(run.err().startsWith("ptreplay: " + bad + ": line 3: "), run.err());
    }
}
