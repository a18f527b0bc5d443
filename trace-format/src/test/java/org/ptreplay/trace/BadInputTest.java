package org.ptreplay.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ptreplay.trace.TraceTestFiles.write;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.ptreplay.trace.proto.Header;
import org.ptreplay.trace.proto.Packet;

/** Every kind of bad input gives one sentence naming the file and the event index. */
class BadInputTest {

    @TempDir
    Path dir;

    @Test
    void wrongMagic() throws Exception {
        TraceException e = readFile("notes.ptrace", "hello, world\n".getBytes(StandardCharsets.US_ASCII));
        assertEquals(name("notes.ptrace") + ": header: not a ptreplay trace (it starts with 68 65 6c 6c 6f 2c 20 77, "
                + "which is neither a trace nor zstd, xz or gzip data).", e.getMessage());
    }

    @Test
    void compressedDataThatIsNotATrace() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (var out = CodecStreams.compress(Codec.ZSTD, bytes)) {
            out.write("hello, world\n".getBytes(StandardCharsets.US_ASCII));
        }
        TraceException e = readFile("hello.zst", bytes.toByteArray());
        assertEquals(name("hello.zst") + ": header: not a ptreplay trace (the zstd data does not start with a trace header).",
                e.getMessage());
    }

    @Test
    void aCompressorThatTracesDoNotUse() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (var out = new BZip2CompressorOutputStream(bytes)) {
            out.write(write(Codec.NONE, Fixtures.HEADER, Fixtures.EVERY_KIND));
        }
        TraceException e = readFile("x.ptrace.bz2", bytes.toByteArray());
        assertEquals(name("x.ptrace.bz2") + ": header: the file is bzip2-compressed; ptreplay traces use zstd, xz, gzip "
                + "or no compression.", e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(value = Codec.class, names = {"ZSTD", "XZ", "GZIP"})
    void truncatedCompressedStream(Codec codec) throws Exception {
        byte[] file = write(codec, Fixtures.HEADER, Fixtures.EVERY_KIND);
        TraceException e = readFile("cut.ptrace", Arrays.copyOf(file, file.length - 12));
        assertTrue(e.getMessage().startsWith(name("cut.ptrace") + ": "), e::getMessage);
        assertTrue(e.reason().contains("truncated or corrupt " + codec.key() + " data")
                || e.reason().startsWith("corrupt " + codec.key() + " data"), e::getMessage);
    }

    @ParameterizedTest
    @EnumSource(value = Codec.class, names = {"ZSTD", "XZ", "GZIP"})
    void aLongCompressedTraceCutInTheMiddleFailsAtTheFirstEventItLacks(Codec codec) throws Exception {
        // About 1.5 MB of packets, decompressed on the read-ahead thread up to a ring ahead of the decoder: the failure
        // must still come after every event before the cut, at the index of the next one.
        Random r = new Random(5);
        List<TraceEvent> events = new ArrayList<>();
        for (int i = 0; i < 50_000; i++) {
            events.add(DecoderAgreementTest.randomEvent(r, TraceEvent.Kind.TOUCH));
        }
        byte[] file = write(codec, Fixtures.MINIMAL_HEADER, events);
        List<TraceEvent> read = new ArrayList<>();
        TraceException e = assertThrows(TraceException.class, () -> {
            try (TraceReader reader = TraceReader.open(new ByteArrayInputStream(Arrays.copyOf(file, file.length / 2)), "cut.ptrace")) {
                for (TraceEvent ev; (ev = reader.next()) != null; ) {
                    read.add(ev);
                }
            }
        });
        assertTrue(read.size() > 1000 && read.size() < events.size(), "events before the cut: " + read.size());
        assertEquals(events.subList(0, read.size()), read);
        assertEquals(read.size(), e.eventIndex(), e::getMessage);
        assertTrue(e.reason().contains("truncated or corrupt " + codec.key() + " data")
                || e.reason().startsWith("truncated packet"), e::getMessage);
    }

    @Test
    void truncatedPacket() throws Exception {
        byte[] file = write(Codec.NONE, Fixtures.HEADER, Fixtures.EVERY_KIND);
        int last = EventEncoder.toPacket(Fixtures.EVERY_KIND.get(16)).getSerializedSize();
        TraceException e = readFile("x.ptrace", Arrays.copyOf(file, file.length - endPacketBytes(17) - 5));
        assertEquals(name("x.ptrace") + ": event 16: truncated packet (length prefix says " + last + " bytes, "
                + (last - 5) + " left).", e.getMessage());
        assertEquals(16, e.eventIndex());
        assertEquals("event 16", e.location());
    }

    /** The End packet a writer appends after {@code events} events, with its length prefix. */
    private static int endPacketBytes(long events) {
        return 1 + org.ptreplay.trace.proto.Packet.newBuilder()
                .setEnd(org.ptreplay.trace.proto.End.newBuilder().setEventCount(events)).build().getSerializedSize();
    }

    /** A cut at a packet boundary once read as a shorter, valid trace (issue 16, item 11). */
    @Test
    void aCutAtAPacketBoundaryIsTruncated() throws Exception {
        byte[] file = write(Codec.NONE, Fixtures.HEADER, Fixtures.EVERY_KIND);
        int lastEvent = 1 + EventEncoder.toPacket(Fixtures.EVERY_KIND.get(16)).getSerializedSize();
        TraceException noEnd = readFile("x.ptrace", Arrays.copyOf(file, file.length - endPacketBytes(17)));
        assertEquals(name("x.ptrace") + ": event 17: truncated: the file ends after 17 events without the end-of-trace"
                + " packet the header promises (the file was cut short, or its writer did not finish).", noEnd.getMessage());
        TraceException half = readFile("x.ptrace", Arrays.copyOf(file, file.length - endPacketBytes(17) - lastEvent));
        assertEquals(16, half.eventIndex());
        assertTrue(half.reason().startsWith("truncated: the file ends after 16 events"), half::getMessage);
    }

    @Test
    void anEndPacketWithAnotherCountIsCorrupt() throws Exception {
        byte[] file = write(Codec.NONE, Fixtures.HEADER, Fixtures.EVERY_KIND);
        byte[] cut = Arrays.copyOf(file, file.length - endPacketBytes(17));
        byte[] wrongEnd = org.ptreplay.trace.proto.Packet.newBuilder()
                .setEnd(org.ptreplay.trace.proto.End.newBuilder().setEventCount(40)).build().toByteArray();
        byte[] bad = concat(cut, new byte[] {(byte) wrongEnd.length}, wrongEnd);
        TraceException e = readFile("x.ptrace", bad);
        assertTrue(e.getMessage().endsWith(": event 17: the end-of-trace packet counts 40 events but 17 were read; the file is corrupt."),
                e::getMessage);
    }

    @Test
    void truncatedLengthPrefix() throws Exception {
        byte[] file = concat(header(1, 0), new byte[] {(byte) 0x80, (byte) 0x80});
        assertEquals(name("x.ptrace") + ": event 0: truncated packet length prefix (the stream ends after 2 of its bytes).",
                readFile("x.ptrace", file).getMessage());
    }

    @Test
    void corruptVarint() throws Exception {
        byte[] eleven = new byte[11];
        Arrays.fill(eleven, (byte) 0xff);
        byte[] file = concat(write(Codec.NONE, Fixtures.HEADER, Fixtures.EVERY_KIND.subList(0, 3)), eleven);
        assertEquals(name("x.ptrace") + ": event 3: corrupt packet length prefix (a varint longer than 10 bytes).",
                readFile("x.ptrace", file).getMessage());
    }

    @Test
    void corruptVarintInsideAPacket() throws Exception {
        byte[] file = concat(header(1, 0), new byte[] {3, 0x0a, 0x01, (byte) 0x88});
        assertEquals(name("x.ptrace") + ": event 0: malformed packet (a varint runs past its end).",
                readFile("x.ptrace", file).getMessage());
    }

    @Test
    void twoGigabyteLengthPrefixIsRefusedWithoutAllocating() throws Exception {
        // varint(2^31) = 80 80 80 80 08; only 3 bytes follow. The reader's buffer is fixed, so the
        // prefix cannot make it allocate; the cap reports it before trying to read that much.
        byte[] file = concat(header(1, 0), new byte[] {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x08, 1, 2, 3});
        assertEquals(name("x.ptrace") + ": event 0: packet length prefix says 2147483648 bytes, more than the 1 MiB "
                + "packet limit; the file is corrupt.", readFile("x.ptrace", file).getMessage());
    }

    @Test
    void tooNewVersion() throws Exception {
        assertEquals(name("new.ptrace") + ": header: format version 2 is newer than this reader supports (up to version 1); "
                + "use a newer ptreplay.", readFile("new.ptrace", header(2, 0)).getMessage());
    }

    @Test
    void tooNewVersionInAConcatenatedPart() throws Exception {
        byte[] file = concat(write(Codec.NONE, Fixtures.HEADER, Fixtures.EVERY_KIND.subList(0, 2)), header(7, 0));
        assertEquals(name("cat.ptrace") + ": event 2: format version 7 is newer than this reader supports (up to version 1); "
                + "use a newer ptreplay.", readFile("cat.ptrace", file).getMessage());
    }

    @Test
    void unknownRequiredFeature() throws Exception {
        assertEquals(name("f.ptrace") + ": header: the file requires features 0x30 that this reader does not know "
                + "(it knows 0x0); use a newer ptreplay.", readFile("f.ptrace", header(1, 0x30)).getMessage());
    }

    @Test
    void missingVersion() throws Exception {
        assertEquals(name("v.ptrace") + ": header: the header has no format version.",
                readFile("v.ptrace", header(0, 0)).getMessage());
    }

    @Test
    void eventsWithoutAHeader() throws Exception {
        byte[] file = write(Codec.NONE, Fixtures.HEADER, Fixtures.EVERY_KIND);
        int headerLength = 2 + Packet.newBuilder().setHeader(HeaderMapping.toProto(Fixtures.HEADER)).build().getSerializedSize();
        TraceException e = readFile("h.ptrace", Arrays.copyOfRange(file, headerLength, file.length));
        assertTrue(e.getMessage().startsWith(name("h.ptrace") + ": header: not a ptreplay trace"), e::getMessage);
    }

    @Test
    void emptyFile() throws Exception {
        assertEquals(name("empty.ptrace") + ": header: the file is empty.", readFile("empty.ptrace", new byte[0]).getMessage());
    }

    @Test
    void emptyCompressedFile() throws Exception {
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        CodecStreams.compress(Codec.GZIP, gz).close();
        assertEquals(name("e.gz") + ": header: the gzip data is empty.", readFile("e.gz", gz.toByteArray()).getMessage());
    }

    @Test
    void aDirectory() {
        TraceException e = assertThrows(TraceException.class, () -> TraceReader.open(dir));
        assertEquals(dir + ": header: is a directory, not a trace file.", e.getMessage());
    }

    @Test
    void aMissingFile() {
        Path missing = dir.resolve("missing.ptrace");
        TraceException e = assertThrows(TraceException.class, () -> TraceReader.open(missing));
        assertEquals(missing + ": header: no such file.", e.getMessage());
        assertEquals(TraceException.NO_EVENT, e.eventIndex());
    }

    @Test
    void theStreamIsClosedWhenOpeningFails() {
        boolean[] closed = {false};
        var in = new ByteArrayInputStream(new byte[] {1, 2, 3}) {
            @Override
            public void close() {
                closed[0] = true;
            }
        };
        assertThrows(TraceException.class, () -> TraceReader.open(in, "stdin"));
        assertTrue(closed[0]);
    }

    private String name(String file) {
        return dir.resolve(file).toString();
    }

    private TraceException readFile(String file, byte[] bytes) throws IOException {
        Path p = dir.resolve(file);
        Files.write(p, bytes);
        return assertThrows(TraceException.class, () -> {
            try (TraceReader r = TraceReader.open(p)) {
                TraceTestFiles.readAll(r);
            }
        });
    }

    /** An uncompressed file holding only a header packet with this version and feature set. */
    static byte[] header(int version, long features) throws IOException {
        Header h = HeaderMapping.toProto(Fixtures.HEADER).toBuilder()
                .setFormatVersion(version).setRequiredFeatures(features).build();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Packet.newBuilder().setHeader(h).build().writeDelimitedTo(bytes);
        return bytes.toByteArray();
    }

    private static byte[] concat(byte[]... parts) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            all.write(p);
        }
        return all.toByteArray();
    }
}
