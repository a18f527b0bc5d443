package org.ptreplay.tools;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ptreplay.tools.Cli.Run;

/**
 * Odd files as convert's IN and OUT (issue 16 item 14): each is written as it should be or
 * refused with one sentence naming it and exit 1; never a hang, a stack trace or a partial file.
 */
class FileKindsTest {

    @TempDir
    Path dir;

    private final Path strace = Cli.example("git-log.strace");

    @AfterEach
    void noPartialFileLeft() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            assertEquals(List.of(), files.filter(p -> p.getFileName().toString().endsWith(".partial")).toList());
        }
    }

    /** A failure: exit 1 and one line, naming {@code name}. */
    private static String refused(Run run, String name) {
        assertEquals(1, run.code(), run.err());
        List<String> lines = run.err().lines().toList();
        assertEquals(1, lines.size(), run.err());
        assertTrue(lines.get(0).startsWith("ptreplay: " + name), run.err());
        return lines.get(0);
    }

    private byte[] converted() throws IOException {
        Path plain = dir.resolve("plain.ptrace");
        assertEquals(0, Cli.run("convert", strace.toString(), plain.toString()).code());
        return Files.readAllBytes(plain);
    }

    @Test
    void aSymbolicLinkIsFollowedAndKept() throws IOException {
        Path link = dir.resolve("link.ptrace");
        Files.createSymbolicLink(link, Path.of("target.ptrace"));   // dangling until written
        assertEquals(0, Cli.run("convert", strace.toString(), link.toString()).code());
        assertTrue(Files.isSymbolicLink(link));
        assertArrayEquals(converted(), Files.readAllBytes(dir.resolve("target.ptrace")));
    }

    @Test
    void aSymbolicLinkLoopIsRefused() throws IOException {
        Path a = dir.resolve("a.ptrace");
        Files.createSymbolicLink(a, Path.of("b.ptrace"));
        Files.createSymbolicLink(dir.resolve("b.ptrace"), Path.of("a.ptrace"));
        assertEquals("ptreplay: " + a + ": cannot write: too many levels of symbolic links (a loop?).",
                refused(Cli.run("convert", strace.toString(), a.toString()), a.toString()));
        Run in = Cli.run("summary", a.toString());
        refused(in, a.toString());
        assertTrue(in.err().contains("Too many levels of symbolic links"), in.err());
    }

    @Test
    void aReadOnlyFileOrDirectoryIsRefusedAndLeftAsItWas() throws IOException {
        Path ro = dir.resolve("ro.ptrace");
        Files.writeString(ro, "keep me");
        Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("r--r--r--"));
        assertEquals("ptreplay: " + ro + ": cannot write: the file is read-only; make it writable or remove it first.",
                refused(Cli.run("convert", strace.toString(), ro.toString()), ro.toString()));
        assertEquals("keep me", Files.readString(ro));
        Path roDir = Files.createDirectory(dir.resolve("ro-dir"));
        Files.setPosixFilePermissions(roDir, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            Path out = roDir.resolve("x.ptrace");
            assertEquals("ptreplay: " + out + ": cannot write: directory " + roDir + " is read-only.",
                    refused(Cli.run("convert", strace.toString(), out.toString()), out.toString()));
            assertEquals(0, roDir.toFile().list().length);
        } finally {
            Files.setPosixFilePermissions(roDir, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void aFifoIsWrittenInPlaceNotReplaced() throws Exception {
        Path fifo = dir.resolve("out.fifo");
        assumeTrue(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0, "mkfifo is not available");
        CompletableFuture<byte[]> read = CompletableFuture.supplyAsync(() -> {
            try {
                return Files.readAllBytes(fifo);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        assertEquals(0, Cli.run("convert", strace.toString(), fifo.toString()).code());
        byte[] bytes = read.get(60, TimeUnit.SECONDS);
        assertFalse(Files.isRegularFile(fifo), "the FIFO is still a FIFO");
        assertArrayEquals(converted(), bytes);
    }

    @Test
    void aDirectoryIsRefusedAsInAndOut() {
        refused(Cli.run("convert", dir.toString(), dir.resolve("x.ptrace").toString()), dir.toString());
        assertEquals("ptreplay: " + dir + " is a directory; give the name of the trace file to write.",
                refused(Cli.run("convert", strace.toString(), dir.toString()), dir.toString()));
    }

    @Test
    void junkGivenAsStraceEndsAfterAThousandLines() throws IOException {
        Path junk = dir.resolve("junk.strace");
        Files.writeString(junk, "\u0001\u0002 not strace\n".repeat(5000));
        Path out = dir.resolve("junk.ptrace");
        assertEquals("ptreplay: " + junk + ": line 1000: 1000 lines in a row are of no known shape, so this is not"
                + " strace output.", refused(Cli.run("convert", junk.toString(), out.toString(), "--from", "strace"),
                junk.toString()));
        assertFalse(Files.exists(out));
    }

    @Test
    void controlCharactersAndLongJunkAreEscapedAndCut() throws IOException {
        // an event name with an escape sequence, a bell and 200 bytes more: one line, no raw control character
        Path text = dir.resolve("it's a \"trace\" with spaces.txt");
        Files.writeString(text, "@format 1\n1 \u001b[31m\u0007" + "x".repeat(200) + " 0x1000\n", StandardCharsets.UTF_8);
        String line = refused(Cli.run("summary", text.toString()), text.toString());
        assertTrue(line.contains("'\\x1b[31m\\x07" + "x".repeat(54) + "…'"), line);
        assertTrue(line.chars().noneMatch(Character::isISOControl), line);
    }

    @Test
    void aFileNameWithALineBreakStaysOnOneLine() throws IOException {
        Path odd = Files.writeString(dir.resolve("two\nlines.ptrace"), "");
        Run run = Cli.run("summary", odd.toString());
        assertEquals(1, run.code());
        assertEquals(List.of("ptreplay: " + dir + "/two\\nlines.ptrace: header: the file is empty."), run.err().lines().toList());
    }
}
