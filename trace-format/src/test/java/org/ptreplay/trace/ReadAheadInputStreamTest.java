package org.ptreplay.trace;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ReadAheadInputStreamTest {

    private static final int RING_BYTES = ReadAheadInputStream.CHUNKS * ReadAheadInputStream.CHUNK_BYTES;

    @Test
    void deliversEveryByteInOrderAcrossManyChunks() throws IOException {
        // Three and a half rings, so buffers are recycled and the last chunk is short.
        byte[] data = new byte[3 * RING_BYTES + RING_BYTES / 2 + 7];
        new Random(1).nextBytes(data);
        Random sizes = new Random(2);
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        try (InputStream in = new ReadAheadInputStream(new ByteArrayInputStream(data), "test")) {
            byte[] buf = new byte[100_000];
            while (true) {
                // Single bytes and reads of up to 100,000 bytes, which straddle chunks.
                if (sizes.nextInt(10) == 0) {
                    int b = in.read();
                    if (b < 0) {
                        break;
                    }
                    got.write(b);
                } else {
                    int n = in.read(buf, 0, 1 + sizes.nextInt(buf.length));
                    if (n < 0) {
                        break;
                    }
                    got.write(buf, 0, n);
                }
            }
            assertEquals(-1, in.read(), "the end stays the end");
        }
        assertArrayEquals(data, got.toByteArray());
    }

    @Test
    void anEmptySourceEndsAtOnce() throws IOException {
        try (InputStream in = new ReadAheadInputStream(InputStream.nullInputStream(), "test")) {
            assertEquals(-1, in.read(new byte[10], 0, 10));
        }
    }

    @Test
    void aFailureComesAfterTheBytesReadBeforeIt() throws IOException {
        // 100,000 good bytes (one full chunk and part of the next), then the source throws.
        IOException boom = new IOException("boom");
        byte[] good = new byte[100_000];
        Arrays.fill(good, (byte) 7);
        InputStream failing = new InputStream() {
            private int left = good.length;

            @Override
            public int read() {
                throw new UnsupportedOperationException();
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (left == 0) {
                    throw boom;
                }
                int n = Math.min(len, Math.min(left, 30_000));
                Arrays.fill(b, off, off + n, (byte) 7);
                left -= n;
                return n;
            }
        };
        try (InputStream in = new ReadAheadInputStream(failing, "test")) {
            assertArrayEquals(good, in.readNBytes(good.length));
            assertSame(boom, assertThrows(IOException.class, in::read));
            assertSame(boom, assertThrows(IOException.class, in::read), "a failure stays a failure");
        }
    }

    @Test
    void anUncheckedFailureIsPassedOnUnchanged() throws IOException {
        IllegalStateException bad = new IllegalStateException("native decoder said no");
        InputStream failing = new InputStream() {
            @Override
            public int read() {
                throw bad;
            }
        };
        try (InputStream in = new ReadAheadInputStream(failing, "test")) {
            assertSame(bad, assertThrows(IllegalStateException.class, in::read));
        }
    }

    @Test
    void closingEarlyStopsTheThreadAndClosesTheSource() throws IOException {
        // An endless source: the thread fills the ring and waits for a free buffer.
        AtomicBoolean sourceClosed = new AtomicBoolean();
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                return 0;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                Arrays.fill(b, off, off + len, (byte) 1);
                return len;
            }

            @Override
            public void close() {
                sourceClosed.set(true);
            }
        };
        InputStream in = new ReadAheadInputStream(endless, "endless");
        assertEquals(1, in.read());
        in.close();
        assertTrue(sourceClosed.get());
        assertEquals(0, readAheadThreads("endless").length, "the thread has ended");
        assertThrows(IOException.class, in::read);
    }

    @Test
    void closingStopsAThreadBlockedInARead() throws IOException {
        // A pipe nobody writes to: the thread waits in read(), which an interrupt ends.
        PipedOutputStream writer = new PipedOutputStream();
        InputStream in = new ReadAheadInputStream(new PipedInputStream(writer), "pipe");
        in.close();
        assertEquals(0, readAheadThreads("pipe").length, "the thread has ended");
        writer.close();
    }

    @Test
    void aFailureToCloseTheSourceIsReportedByClose() {
        IOException closeFailure = new IOException("cannot close");
        InputStream source = new ByteArrayInputStream(new byte[10]) {
            @Override
            public void close() throws IOException {
                throw closeFailure;
            }
        };
        InputStream in = new ReadAheadInputStream(source, "test");
        assertSame(closeFailure, assertThrows(IOException.class, in::close));
    }

    @Test
    void aTraceReaderClosedEarlyLeavesNoThread() throws IOException {
        // About 30 bytes per event: far more than the ring, so the thread is blocked on a full ring.
        Random r = new Random(3);
        List<TraceEvent> events = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            events.add(DecoderAgreementTest.randomEvent(r, TraceEvent.Kind.TOUCH));
        }
        byte[] file = TraceTestFiles.write(Codec.ZSTD, Fixtures.MINIMAL_HEADER, events);
        try (TraceReader reader = TraceReader.open(new ByteArrayInputStream(file), "early.ptrace")) {
            assertEquals(events.get(0), reader.next());
            assertEquals(1, readAheadThreads("early.ptrace").length, "compressed traces are read ahead");
        }
        assertEquals(0, readAheadThreads("early.ptrace").length, "the thread has ended");
    }

    private static Thread[] readAheadThreads(String name) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("ptreplay-read-ahead " + name) && t.isAlive())
                .toArray(Thread[]::new);
    }
}
