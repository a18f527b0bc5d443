package org.ptreplay.trace.importer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Reads a child process's output stream to its end on its own thread, so that the child never
 * blocks on a full pipe, optionally copying it through, and keeps the last bytes for error
 * sentences.
 */
final class StreamDrain {
    private final Thread thread;
    private final byte[] tail;
    private int tailLen;
    private IOException failure;

    StreamDrain(InputStream in, OutputStream echo, int keep, String name) {
        this.tail = new byte[keep];
        this.thread = new Thread(() -> run(in, echo), name);
        thread.setDaemon(true);
        thread.start();
    }

    private void run(InputStream in, OutputStream echo) {
        byte[] buf = new byte[8192];
        try (in) {
            int n;
            while ((n = in.read(buf)) > 0) {
                if (echo != null) {
                    echo.write(buf, 0, n);
                    echo.flush();
                }
                keep(buf, n);
            }
        } catch (IOException e) {
            failure = e;
        }
    }

    private synchronized void keep(byte[] buf, int n) {
        if (n >= tail.length) {
            System.arraycopy(buf, n - tail.length, tail, 0, tail.length);
            tailLen = tail.length;
            return;
        }
        int drop = Math.max(0, tailLen + n - tail.length);
        System.arraycopy(tail, drop, tail, 0, tailLen - drop);
        tailLen -= drop;
        System.arraycopy(buf, 0, tail, tailLen, n);
        tailLen += n;
    }

    /** Waits for the end of the stream and returns its last bytes as text. */
    String finish() throws InterruptedException {
        thread.join();
        if (failure != null) {
            throw new UncheckedIOException(failure);
        }
        synchronized (this) {
            return new String(tail, 0, tailLen, StandardCharsets.UTF_8);
        }
    }
}
