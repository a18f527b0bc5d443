package org.ptreplay.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files other than traces that cannot be read or written say why in words, as a trace does
 * ("no such file", "is a directory", "not UTF-8 text"), not as Java's exception message, which
 * for a missing file is the file's name again and for bad UTF-8 "Input length = 1".
 */
class FileReasonsTest {

    @Test
    void diffSaysWhyADocumentCannotBeRead(@TempDir Path dir) throws IOException {
        Path missing = dir.resolve("missing.json");
        Path binary = Files.write(dir.resolve("binary.json"), new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1});
        assertFails(1, "ptreplay: " + missing + ": cannot read the document (no such file)\n", "diff", missing.toString(), missing.toString());
        assertFails(1, "ptreplay: " + dir + ": cannot read the document (is a directory)\n", "diff", dir.toString(), missing.toString());
        assertFails(1, "ptreplay: " + binary + ": cannot read the document (not UTF-8 text)\n", "diff", binary.toString(), missing.toString());
    }

    /** An unreadable spec is bad data, exit 1, as sweep --help says; a spec with a bad value stays a usage error. */
    @Test
    void sweepSaysWhyItsSpecCannotBeReadWithExit1(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("out");
        Path missing = dir.resolve("missing.yaml");
        Path binary = Files.write(dir.resolve("binary.yaml"), new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1});
        Path folder = Files.createDirectory(dir.resolve("folder.yaml"));
        assertFails(1, "ptreplay: cannot read the sweep spec " + missing + " (no such file).\n", "sweep", missing.toString(), "-o", out.toString());
        assertFails(1, "ptreplay: cannot read the sweep spec " + binary + " (not UTF-8 text).\n", "sweep", binary.toString(), "-o", out.toString());
        assertFails(1, "ptreplay: cannot read the sweep spec " + folder + " (is a directory).\n", "sweep", folder.toString(), "-o", out.toString());
        Cli.Run badKey = Cli.run("sweep", Files.writeString(dir.resolve("bad.yaml"), "colour: blue\n").toString(), "-o", out.toString());
        assertEquals(2, badKey.code(), badKey.err());
    }

    @Test
    void replaySaysWhyAnOutputFileCannotBeWritten(@TempDir Path dir) throws IOException {
        Path trace = Traces.write(dir.resolve("move1m.ptrace"), Traces.move1m());
        Path nowhere = dir.resolve("no-such-dir").resolve("r.html");
        assertFails(1, "ptreplay: cannot write the report to " + nowhere + " (no such file)\n",
                "replay", trace.toString(), "--report", nowhere.toString());
        assertFails(1, "ptreplay: cannot write the folded stacks to " + dir + " (is a directory)\n",
                "replay", trace.toString(), "--folded", dir.toString());
    }

    private static void assertFails(int code, String err, String... args) {
        Cli.Run run = Cli.run(args);
        assertEquals(err, run.err(), String.join(" ", args));
        assertEquals(code, run.code(), String.join(" ", args));
    }
}
