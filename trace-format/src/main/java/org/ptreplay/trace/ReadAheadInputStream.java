package org.ptreplay.trace;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Reads a source stream on a background thread, at most {@link #CHUNKS} chunks of
 * {@link #CHUNK_BYTES} ahead of the caller.
 *
 * <p>Why: decompressing a zstd trace takes about as long as decoding its packets (see
 * benchmarks/README.md, DecodeBenchmark), so running the decompressor on a second core while the
 * caller decodes cuts the time per event by about 40 %. The heap held is bounded whatever the file
 * size: the {@link #CHUNKS} buffers, allocated once and recycled.
 *
 * <p>The thread owns the source: it is the only one that reads it and it closes it, so a
 * decompressor with native state is never used by two threads at once. An exception the source
 * throws is passed on in order: {@link #read} returns every byte the source delivered before it,
 * then throws that same exception (again on every later read), so a trace reader reports it, with
 * its usual sentence, at the first event whose bytes never arrived. {@link #close()} stops the thread
 * (an interrupt, which also ends a blocked read of a file channel) and waits for it.
 *
 * <p>Not thread-safe on the caller's side: one reader thread, like any stream.
 */
final class ReadAheadInputStream extends InputStream {

    /**
     * 64 KiB: about 3,000 typical events per hand-over, so the queue's cost per event is
     * negligible, and the ring (512 KiB) stays well inside a last-level cache.
     */
    static final int CHUNK_BYTES = 1 << 16;
    static final int CHUNKS = 8;

    /** A source that returns 0 bytes this many times for one chunk is broken, not slow (as in TraceReader). */
    private static final int MAX_EMPTY_READS = 1000;
    private static final byte[] NONE = new byte[0];

    /**
     * A filled buffer ({@code length} > 0), the end of the source ({@code length} -1), or what the
     * source threw ({@code failure}).
     */
    private record Chunk(byte[] bytes, int length, Throwable failure) {
        static final Chunk END = new Chunk(NONE, -1, null);
    }

    private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(CHUNKS);
    /** Every buffer plus the one final chunk (end or failure): the thread never blocks to finish. */
    private final BlockingQueue<Chunk> filled = new ArrayBlockingQueue<>(CHUNKS + 1);
    private final Thread thread;
    /** What closing the source threw, reported by {@link #close()}; written by the thread before it ends. */
    private volatile IOException closeFailure;

    private byte[] chunk = NONE;
    private int pos;
    private int limit;
    private boolean ended;
    private Throwable failure;
    private boolean closed;

    /** Starts the thread; {@code name} goes into the thread's name. */
    ReadAheadInputStream(InputStream source, String name) {
        for (int i = 0; i < CHUNKS; i++) {
            free.add(new byte[CHUNK_BYTES]);
        }
        thread = new Thread(() -> fillFrom(source), "ptreplay-read-ahead " + name);
        // A reader that is never closed must not keep the JVM alive.
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public int read() throws IOException {
        if (pos == limit && !nextChunk()) {
            return -1;
        }
        return chunk[pos++] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        if (pos == limit && !nextChunk()) {
            return -1;
        }
        int n = Math.min(len, limit - pos);
        System.arraycopy(chunk, pos, b, off, n);
        pos += n;
        return n;
    }

    @Override
    public int available() {
        return limit - pos;
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        // Every later read goes to nextChunk(), which refuses it.
        chunk = NONE;
        pos = limit = 0;
        thread.interrupt();
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (closeFailure != null) {
            throw closeFailure;
        }
    }

    /** Moves to the next filled chunk; false at the end of the source. */
    private boolean nextChunk() throws IOException {
        if (closed) {
            throw new IOException("stream closed");
        }
        if (failure != null) {
            throw rethrow(failure);
        }
        if (ended) {
            return false;
        }
        if (chunk != NONE) {
            free.add(chunk);
            chunk = NONE;
            pos = limit = 0;
        }
        Chunk c;
        try {
            c = filled.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the read-ahead thread");
        }
        if (c.failure() != null) {
            failure = c.failure();
            throw rethrow(failure);
        }
        if (c.length() < 0) {
            ended = true;
            return false;
        }
        chunk = c.bytes();
        limit = c.length();
        return true;
    }

    /** The same exception object, so its message and type are what the source threw. */
    private static IOException rethrow(Throwable t) throws IOException {
        if (t instanceof IOException e) {
            throw e;
        }
        if (t instanceof RuntimeException e) {
            throw e;
        }
        if (t instanceof Error e) {
            throw e;
        }
        throw new IOException(t);
    }

    /** The thread: fills free buffers until the end of the source, a failure, or close(). */
    private void fillFrom(InputStream source) {
        try {
            while (true) {
                byte[] b = free.take();
                int n = 0;
                try {
                    // Full chunks: fewer hand-overs, and the caller never waits for a short read.
                    int emptyReads = 0;
                    for (int r; n < b.length && (r = source.read(b, n, b.length - n)) >= 0; ) {
                        if (r == 0 && ++emptyReads > MAX_EMPTY_READS) {
                            throw new IOException("the stream returns no data");
                        }
                        n += r;
                    }
                } catch (IOException | RuntimeException | Error e) {
                    if (n > 0) {
                        filled.put(new Chunk(b, n, null));
                    }
                    filled.put(new Chunk(NONE, 0, e));
                    return;
                }
                if (n > 0) {
                    filled.put(new Chunk(b, n, null));
                }
                if (n < b.length) {
                    filled.put(Chunk.END);
                    return;
                }
            }
        } catch (InterruptedException e) {
            // close(): nobody reads any more.
        } finally {
            try {
                source.close();
            } catch (IOException e) {
                closeFailure = e;
            }
        }
    }
}
