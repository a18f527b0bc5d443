package org.ptreplay.tools.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ptreplay.tools.Fifos;
import org.ptreplay.trace.Codec;
import org.ptreplay.trace.Flags;
import org.ptreplay.trace.TextTrace;
import org.ptreplay.trace.TraceEvent;
import org.ptreplay.trace.TraceException;
import org.ptreplay.trace.TraceHeader;
import org.ptreplay.trace.TraceSource;
import org.ptreplay.trace.TraceWriter;

/**
 * A sweep job opens its trace the way the analysis commands do (TraceInputs): once, sniffed from
 * the stream. A FIFO, which a second opening would find empty, reads in full, and a compressed
 * text trace is decompressed before it is parsed.
 */
class JobRunnerTraceTest {
    /** More events than fit the sniffed head (64 KiB), so the rest must come from the same stream. */
    private static final int EVENTS = 6000;

    @Test
    void aFifoIsReadOnceAndInFull(@TempDir Path dir) throws Exception {
        Path file = binary(dir.resolve("t.ptrace"));
        assertTrue(Files.size(file) > 64 * 1024, "the trace must outgrow the sniffed head");
        Path fifo = dir.resolve("t.fifo");
        Fifos.mkfifo(fifo);
        byte[] bytes = Files.readAllBytes(file);
        Fifos.Feed feed = Fifos.feed(fifo, bytes);
        // A second opening would wait for a writer that is gone: bounded, so that it fails, not hangs.
        assertEquals(events(), assertTimeoutPreemptively(Duration.ofSeconds(30), () -> readAll(fifo)));
        feed.assertDrained("the job");
    }

    @Test
    void aCompressedTextTraceIsDecompressedFirst(@TempDir Path dir) throws Exception {
        Path gz = dir.resolve("t.txt.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            for (TraceEvent e : events()) {
                out.write((TextTrace.format(e) + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        assertEquals(events(), readAll(gz));
    }

    @Test
    void straceOutputIsRefusedWithTheConvertCommand(@TempDir Path dir) throws Exception {
        Path strace = Files.writeString(dir.resolve("x.strace"),
                "100 1700000000.000001 mmap(NULL, 4096, PROT_READ, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0) = 0x7f0000000000\n");
        TraceException e = org.junit.jupiter.api.Assertions.assertThrows(TraceException.class,
                () -> JobRunner.LOCAL_FILES.open(strace.toString()));
        assertEquals(strace + ": header: this is strace output, not a trace; convert it first: ptreplay convert "
                + strace + " TRACE.ptrace.", e.getMessage());
    }

    /** Maps, writes and unmaps 4 KiB again and again: simple events, each exactly comparable. */
    private static List<TraceEvent> events() {
        List<TraceEvent> events = new ArrayList<>();
        long a = 0x4000_0000L;
        int rw = Flags.PROT_READ | Flags.PROT_WRITE;
        for (int i = 0; i < EVENTS / 3; i++) {
            events.add(new TraceEvent.Mmap(1, 0, a, 4096, rw, Flags.MAP_PRIVATE | Flags.MAP_ANONYMOUS | Flags.MAP_FIXED, -1, 0, a));
            events.add(new TraceEvent.Touch(1, 0, a, 4096, true));
            events.add(new TraceEvent.Munmap(1, 0, a, 4096, 0));
        }
        return events;
    }

    private static Path binary(Path file) throws IOException {
        TraceHeader header = new TraceHeader(TraceHeader.CURRENT_VERSION, 0, "ptreplay tests",
                new TraceHeader.Source(TraceHeader.SourceKind.GENERATOR, "sweep test trace", Map.of()),
                TraceHeader.Machine.UNKNOWN, EVENTS);
        try (TraceWriter w = TraceWriter.create(file, Codec.NONE, header)) {
            for (TraceEvent e : events()) {
                w.write(e);
            }
        }
        return file;
    }

    private static List<TraceEvent> readAll(Path file) throws Exception {
        List<TraceEvent> read = new ArrayList<>();
        try (TraceSource source = JobRunner.LOCAL_FILES.open(file.toString())) {
            for (TraceEvent e; (e = source.next()) != null; ) {
                read.add(e);
            }
        }
        return read;
    }
}
