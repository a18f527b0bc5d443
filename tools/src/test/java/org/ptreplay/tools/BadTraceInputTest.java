package org.ptreplay.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ptreplay.tools.Cli.Run;
import org.ptreplay.trace.Codec;
import org.ptreplay.trace.TraceEvent;
import org.ptreplay.trace.TraceHeader;
import org.ptreplay.trace.TraceWriter;
import org.ptreplay.trace.proto.Header;
import org.ptreplay.trace.proto.Packet;

/**
 * Every kind of bad input, through every command that reads traces: exit code 1 and one line on
 * stderr naming the file and where in it (header or event index), without a stack trace unless
 * {@code --debug}.
 */
class BadTraceInputTest {

    private static final List<String> COMMANDS = List.of("summary", "print", "stats", "check");

    @TempDir
    Path dir;

    private static final TraceHeader HEADER = new TraceHeader(1, 0, "test",
            new TraceHeader.Source(TraceHeader.SourceKind.TEXT, "", Map.of()), TraceHeader.Machine.UNKNOWN, 0);

    /** A mapping and one-page touches of it at scattered pages, 2000 events in all. */
    private static byte[] trace(Codec codec) throws IOException {
        return trace(codec, 1999);
    }

    private static byte[] trace(Codec codec, int touches) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TraceWriter w = TraceWriter.create(bytes, codec, HEADER)) {
            w.write(new TraceEvent.Mmap(1, 0, 0, touches * 4096L, 3, 0x22, -1, 0, 0x10000000L));
            long x = 1;
            for (int i = 0; i < touches; i++) {
                x = x * 6364136223846793005L + 1442695040888963407L;   // Knuth's MMIX LCG: scattered, not compressible
                w.write(new TraceEvent.Touch(1, (x >>> 40) & 0xffff, 0x10000000L + 4096L * Long.remainderUnsigned(x, touches),
                        4096, true));
            }
        }
        return bytes.toByteArray();
    }

    private Path file(String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    /** Runs every reading command on {@code file}; each must fail alike. Returns the common line. */
    private static String failure(Path file) {
        String line = null;
        for (String command : COMMANDS) {
            Run run = Cli.run(command, file.toString());
            assertEquals(1, run.code(), command + ": " + run.err());
            List<String> lines = run.err().lines().toList();
            assertEquals(1, lines.size(), command + " printed more than one line: " + run.err());
            assertTrue(lines.get(0).startsWith("ptreplay: " + file + ": "), run.err());
            assertTrue(line == null || line.equals(lines.get(0)), command + " says something else: " + run.err());
            line = lines.get(0);
        }
        return line;
    }

    @Test
    void truncatedXzSaysTheDataEndsEarlyNotNull() throws IOException {
        byte[] xz = trace(Codec.XZ);
        String line = failure(file("cut.ptrace", Arrays.copyOf(xz, 100)));
        assertTrue(line.endsWith("truncated or corrupt xz data (the data ends early)."), line);
        // a compressed perf recording cut short: the sentence says why, never "(null)"; where the
        // decompressor gave some lines first (not for this file's single xz block), it names the line
        byte[] perf = Files.readAllBytes(Cli.example("python-bytearray.perf.xz"));
        Path cut = file("cut.perf.xz", Arrays.copyOf(perf, perf.length / 2));
        Run run = Cli.run("convert", cut.toString(), dir.resolve("cut-out.ptrace").toString());
        assertEquals(1, run.code(), run.err());
        assertTrue(run.err().matches("ptreplay: " + java.util.regex.Pattern.quote(cut.toString())
                + "(: line \\d+: cannot read|: header: truncated or corrupt xz data) \\(the data ends early\\)\\.\\R"),
                run.err());
        assertFalse(Files.exists(dir.resolve("cut-out.ptrace")));
    }

    @Test
    void wrongMagic() throws IOException {
        Path p = file("notes.ptrace", "hello, world\n".getBytes());
        assertEquals("ptreplay: " + p + ": header: not a ptreplay trace (neither a binary trace nor the text form).",
                failure(p));
    }

    /**
     * Cut well past its start, so that the reader meets the cut at an event: a decompressor that
     * fails before it yields anything makes the reader say "header". xz decodes whole LZMA2
     * chunks (64 KiB compressed), so it needs more events for the cut to follow a full chunk.
     */
    @ParameterizedTest
    @ValueSource(strings = {"zstd", "xz", "gzip"})
    void truncatedCompressedStream(String codec) throws IOException {
        byte[] whole = trace(Codec.fromKey(codec), codec.equals("xz") ? 300_000 : 100_000);
        Path p = file("cut." + codec, Arrays.copyOf(whole, whole.length * 2 / 3));
        String line = failure(p);
        assertTrue(line.matches("ptreplay: \\Q" + p + "\\E: event \\d+: (truncated or corrupt|corrupt) " + codec
                + " data .*"), line);
    }

    /** The writer's End packet after 2000 events: prefix, two-byte tag, length, count field and two-byte varint. */
    private static final int END_PACKET_BYTES = 7;

    /** A cut exactly at a packet boundary: once a shorter valid trace, now truncated (issue 16, item 11). */
    @Test
    void cutAtAPacketBoundary() throws IOException {
        byte[] whole = trace(Codec.NONE);
        Path p = file("cut.ptrace", Arrays.copyOf(whole, whole.length - END_PACKET_BYTES));
        assertTrue(failure(p).matches("ptreplay: \\Q" + p + "\\E: event 2000: truncated: the file ends after 2000 events"
                + " without the end-of-trace packet .*"), failure(p));
    }

    @Test
    void truncatedPacket() throws IOException {
        byte[] whole = trace(Codec.NONE);
        Path p = file("cut.ptrace", Arrays.copyOf(whole, whole.length - END_PACKET_BYTES - 3));
        assertTrue(failure(p).matches("ptreplay: \\Q" + p + "\\E: event 1999: truncated packet \\(length prefix says \\d+"
                + " bytes, \\d+ left\\)\\."), failure(p));
    }

    @Test
    void corruptVarint() throws IOException {
        byte[] whole = trace(Codec.NONE);
        byte[] bad = Arrays.copyOf(whole, whole.length + 11);
        Arrays.fill(bad, whole.length, bad.length, (byte) 0xff);
        Path p = file("varint.ptrace", bad);
        assertEquals("ptreplay: " + p + ": event 2000: corrupt packet length prefix (a varint longer than 10 bytes).",
                failure(p));
    }

    @Test
    void twoGigabyteLengthPrefix() throws IOException {
        byte[] whole = trace(Codec.NONE);
        byte[] bad = Arrays.copyOf(whole, whole.length + 8);
        System.arraycopy(new byte[] {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x08, 1, 2, 3}, 0, bad, whole.length, 8);
        Path p = file("huge.ptrace", bad);
        assertEquals("ptreplay: " + p + ": event 2000: packet length prefix says 2147483648 bytes, more than the 1 MiB"
                + " packet limit; the file is corrupt.", failure(p));
    }

    @Test
    void tooNewVersion() throws IOException {
        Path p = file("new.ptrace", header(2, 0));
        assertEquals("ptreplay: " + p + ": header: format version 2 is newer than this reader supports (up to version 1);"
                + " use a newer ptreplay.", failure(p));
    }

    @Test
    void unknownRequiredFeature() throws IOException {
        Path p = file("feature.ptrace", header(1, 0x4));
        assertEquals("ptreplay: " + p + ": header: the file requires features 0x4 that this reader does not know"
                + " (it knows 0x0); use a newer ptreplay.", failure(p));
    }

    @Test
    void emptyFile() throws IOException {
        Path p = file("empty.ptrace", new byte[0]);
        assertEquals("ptreplay: " + p + ": header: the file is empty.", failure(p));
    }

    @Test
    void aDirectory() {
        assertEquals("ptreplay: " + dir + ": header: is a directory, not a file.", failure(dir));
    }

    @Test
    void aMissingFile() {
        Path p = dir.resolve("missing.ptrace");
        assertEquals("ptreplay: " + p + ": header: no such file.", failure(p));
    }

    @Test
    void debugAddsTheStackTrace() throws IOException {
        Path p = file("empty.ptrace", new byte[0]);
        Run run = Cli.run("--debug", "summary", p.toString());
        assertEquals(1, run.code());
        assertTrue(run.err().lines().count() > 3, run.err());
        assertTrue(run.err().contains("at org.ptreplay."), run.err());
    }

    @Test
    void convertLeavesNoOutputBehindOnBadInput() throws IOException {
        byte[] whole = trace(Codec.NONE);
        Path in = file("cut.ptrace", Arrays.copyOf(whole, whole.length - END_PACKET_BYTES - 3));
        Path out = dir.resolve("out.ptrace");
        Run run = Cli.run("convert", in.toString(), out.toString());
        assertEquals(1, run.code());
        assertTrue(run.err().startsWith("ptreplay: " + in + ": event 1999: truncated packet"), run.err());
        try (var files = Files.list(dir)) {
            assertEquals(List.of(in), files.toList(), "neither OUT nor its temporary file is left");
        }
        assertFalse(Files.exists(out));
    }

    @Test
    void aCorruptStraceLineNamesItsLine() throws IOException {
        Path in = file("bad.strace", ("100 1.0 mmap(NULL, 8192, PROT_READ, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0) = 0x7f0000000000\n"
                + "100 1.1 mmap(NULL, banana, PROT_READ, MAP_PRIVATE, -1, 0) = 0x7f0000002000\n").getBytes());
        Run run = Cli.run("convert", in.toString(), dir.resolve("o.ptrace").toString());
        assertEquals(1, run.code());
        assertEquals(1, run.err().lines().count(), run.err());
        assertTrue(run.err().startsWith("ptreplay: " + in + ": line 2: "), run.err());
    }

    /** An uncompressed file holding only a header packet with this version and feature set. */
    private static byte[] header(int version, long features) throws IOException {
        Header h = Header.newBuilder().setMagic("ptreplay-trace").setFormatVersion(version).setRequiredFeatures(features)
                .setProducer("test").build();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Packet.newBuilder().setHeader(h).build().writeDelimitedTo(bytes);
        return bytes.toByteArray();
    }
}
