package org.ptreplay.trace;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.ptreplay.trace.TraceTestFiles.readAll;
import static org.ptreplay.trace.TraceTestFiles.write;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** write → read → equal, for every codec. */
class RoundTripTest {

    @ParameterizedTest
    @EnumSource(Codec.class)
    void everyKindRoundTripsThroughAFile(Codec codec, @TempDir Path dir) throws Exception {
        Path file = dir.resolve("every-kind.ptrace");
        try (TraceWriter w = TraceWriter.create(file, codec, Fixtures.HEADER)) {
            for (TraceEvent e : Fixtures.EVERY_KIND) {
                w.write(e);
            }
            assertEquals(Fixtures.EVERY_KIND.size(), w.eventsWritten());
        }
        try (TraceReader r = TraceReader.open(file)) {
            assertEquals(codec, r.codec());
            assertEquals(Fixtures.HEADER, r.header());
            assertEquals(-1, r.eventIndex());
            assertEquals(Fixtures.EVERY_KIND.get(0), r.next());
            assertEquals(0, r.eventIndex());
            List<TraceEvent> rest = r.stream().collect(Collectors.toList());
            assertEquals(Fixtures.EVERY_KIND.subList(1, Fixtures.EVERY_KIND.size()), rest);
            assertEquals(Fixtures.EVERY_KIND.size() - 1, r.eventIndex());
            assertNull(r.next());
        }
    }

    @ParameterizedTest
    @EnumSource(Codec.class)
    void manyRandomEventsRoundTrip(Codec codec) throws Exception {
        Random r = new Random(7);
        List<TraceEvent> events = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            events.add(DecoderAgreementTest.randomEvent(r, TraceEvent.Kind.values()[r.nextInt(10)]));
        }
        byte[] file = write(codec, Fixtures.MINIMAL_HEADER, events);
        assertEquals(events, readAll(new ByteArrayInputStream(file), "random.ptrace"));
    }

    @ParameterizedTest
    @EnumSource(Codec.class)
    void anEmptyTraceHasAHeaderAndNoEvents(Codec codec) throws Exception {
        byte[] file = write(codec, Fixtures.MINIMAL_HEADER, List.of());
        try (TraceReader r = TraceReader.open(new ByteArrayInputStream(file), "empty.ptrace")) {
            assertEquals(Fixtures.MINIMAL_HEADER, r.header());
            assertNull(r.next());
        }
    }

    @ParameterizedTest
    @EnumSource(Codec.class)
    void concatenatedFilesReadAsOneTrace(Codec codec) throws Exception {
        List<TraceEvent> first = Fixtures.EVERY_KIND.subList(0, 5);
        List<TraceEvent> second = Fixtures.EVERY_KIND.subList(5, Fixtures.EVERY_KIND.size());
        ByteArrayOutputStream both = new ByteArrayOutputStream();
        both.write(write(codec, Fixtures.HEADER, first));
        both.write(write(codec, Fixtures.MINIMAL_HEADER, second));
        try (TraceReader r = TraceReader.open(new ByteArrayInputStream(both.toByteArray()), "cat.ptrace")) {
            assertEquals(Fixtures.HEADER, r.header(), "the first part's header describes the file");
            assertEquals(Fixtures.EVERY_KIND, readAll(r));
        }
    }

    @ParameterizedTest
    @EnumSource(Codec.class)
    void equalInputGivesIdenticalBytes(Codec codec) throws Exception {
        assertArrayEquals(write(codec, Fixtures.HEADER, Fixtures.EVERY_KIND),
                write(codec, Fixtures.HEADER, Fixtures.EVERY_KIND));
    }

    @ParameterizedTest
    @EnumSource(Codec.class)
    void aHeaderOfAlmostAMebibyteIsRead(Codec codec) throws Exception {
        // Larger than the reader's initial buffer (64 KiB), within the 1 MiB packet limit.
        TraceHeader big = new TraceHeader(1, 0, "x".repeat(1000), new TraceHeader.Source(TraceHeader.SourceKind.TEXT,
                "y".repeat((1 << 20) - 2000), Map.of()), TraceHeader.Machine.UNKNOWN, 0);
        byte[] file = write(codec, big, Fixtures.EVERY_KIND);
        try (TraceReader r = TraceReader.open(new ByteArrayInputStream(file), "big.ptrace")) {
            assertEquals(big, r.header());
            assertEquals(Fixtures.EVERY_KIND, readAll(r));
        }
    }

    @Test
    void theWriterRefusesAPacketThatReadersWouldRefuse() {
        TraceHeader huge = new TraceHeader(1, 0, "x".repeat(1 << 20), Fixtures.HEADER.source(), TraceHeader.Machine.UNKNOWN, 0);
        assertThrows(IllegalArgumentException.class, () -> TraceWriter.create(new ByteArrayOutputStream(), Codec.NONE, huge));
    }

    @Test
    void pageAlignedAddressesCostNoRemainderBytes() {
        // Touch{pid=1, dt=0, addr_page=0x7f0000000, length_page=1, write}: tag+5-byte varint for the
        // page number (35 bits), tag+1 for pid, length and write; no *_rem or dt field is written.
        TraceEvent aligned = new TraceEvent.Touch(1, 0, 0x7f0000000000L, 4096, true);
        assertEquals(2 + (1 + 1) + (1 + 5) + (1 + 1) + (1 + 1), EventEncoder.toPacket(aligned).getSerializedSize());
        TraceEvent misaligned = new TraceEvent.Touch(1, 0, 0x7f0000000123L, 4096, true);
        assertEquals(2 + 2 + 6 + (1 + 2) + 2 + 2, EventEncoder.toPacket(misaligned).getSerializedSize());
    }

    @Test
    void theWriterRefusesHeadersItCannotWriteTruthfully() {
        TraceHeader v2 = new TraceHeader(2, 0, "", Fixtures.HEADER.source(), TraceHeader.Machine.UNKNOWN, 0);
        TraceHeader feature = new TraceHeader(1, 4, "", Fixtures.HEADER.source(), TraceHeader.Machine.UNKNOWN, 0);
        assertThrows(IllegalArgumentException.class, () -> TraceWriter.create(new ByteArrayOutputStream(), Codec.NONE, v2));
        assertThrows(IllegalArgumentException.class, () -> TraceWriter.create(new ByteArrayOutputStream(), Codec.NONE, feature));
    }

    @Test
    void writingAfterCloseIsAnError() throws Exception {
        TraceWriter w = TraceWriter.create(new ByteArrayOutputStream(), Codec.ZSTD, Fixtures.HEADER);
        w.close();
        w.close();
        assertThrows(IllegalStateException.class, () -> w.write(Fixtures.EVERY_KIND.get(0)));
    }

    @Test
    void codecKeysParseCaseInsensitively() {
        assertEquals(Codec.ZSTD, Codec.fromKey("ZStd"));
        assertEquals("gzip", Codec.GZIP.key());
        assertThrows(IllegalArgumentException.class, () -> Codec.fromKey("bzip2"));
    }

    @Test
    void theIteratorWrapsReadErrors(@TempDir Path dir) throws Exception {
        byte[] file = write(Codec.NONE, Fixtures.HEADER, Fixtures.EVERY_KIND);
        Path cut = dir.resolve("cut.ptrace");
        Files.write(cut, java.util.Arrays.copyOf(file, file.length - 3));
        try (TraceReader r = TraceReader.open(cut)) {
            var e = assertThrows(java.io.UncheckedIOException.class, () -> r.stream().count());
            assertEquals(TraceException.class, e.getCause().getClass());
        }
    }
}
