package org.ptreplay.trace;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.file.Path;

/**
 * A file opened once, sniffed and then read from its first byte: the bytes the sniff consumed are
 * kept and replayed in front of the rest. This is how a FIFO, a character device or a /proc file
 * is read, where a second open (or a seek) would lose or miss what the sniff took (issue #16).
 * The stream is handed out once; whoever takes it closes it.
 */
public final class SniffedInput {
    private final String name;
    private final FileSniffer.Sniff sniff;
    private InputStream raw;

    private SniffedInput(String name, FileSniffer.Sniff sniff, InputStream raw) {
        this.name = name;
        this.sniff = sniff;
        this.raw = raw;
    }

    /**
     * Opens {@code file} and sniffs its start.
     *
     * @throws TraceException as {@link FileSniffer#sniff(Path)}
     */
    public static SniffedInput open(Path file) throws TraceException {
        return of(FileSniffer.open(file), file.toString());
    }

    /** Sniffs the raw stream {@code in}, read from its current position; the stream handed out closes it. */
    static SniffedInput of(InputStream raw, String name) throws TraceException {
        InputStream in = new Forward(raw);
        Recording recording = new Recording(in);
        FileSniffer.Sniff sniff;
        try {
            sniff = FileSniffer.sniff(recording, name);
        } catch (TraceException e) {
            try {
                in.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        InputStream replay = new SequenceInputStream(new ByteArrayInputStream(recording.seen.toByteArray()), in);
        return new SniffedInput(name, sniff, replay);
    }

    /** What the file holds. */
    public FileSniffer.Sniff sniff() {
        return sniff;
    }

    /** The file's raw bytes from the first, e.g. for {@link TraceReader#open(InputStream, String)}. */
    public InputStream raw() {
        if (raw == null) {
            throw new IllegalStateException(name + " was already handed out: it is read once");
        }
        InputStream r = raw;
        raw = null;
        return r;
    }

    /** The decompressed content from the first byte; the caller closes it. */
    public InputStream content() throws TraceException {
        return FileSniffer.openContent(raw(), name);
    }

    /** Closes the file if its stream was never handed out (e.g. the input was refused). */
    public void closeUnread() {
        if (raw != null) {
            try {
                raw.close();
            } catch (IOException e) {
                // Nothing was read from it: a failing close loses nothing.
            }
            raw = null;
        }
    }

    /**
     * Reads forward only: a FIFO's channel cannot seek, and {@code skip} and {@code available}
     * on it fail with "Illegal seek" (they ask for its position), so skipping reads the bytes
     * instead and nothing is said to be available without blocking.
     */
    private static class Forward extends FilterInputStream {
        Forward(InputStream in) {
            super(in);
        }

        @Override
        public long skip(long n) throws IOException {
            long done = 0;
            byte[] buf = new byte[8192];
            while (done < n) {
                int r = read(buf, 0, (int) Math.min(buf.length, n - done));
                if (r < 0) {
                    break;
                }
                done += r;
            }
            return done;
        }

        @Override
        public int available() {
            return 0;
        }

        @Override
        public boolean markSupported() {
            return false;
        }
    }

    /** Keeps every byte read through it; never closes the file (the replayed stream does). */
    private static final class Recording extends Forward {
        final ByteArrayOutputStream seen = new ByteArrayOutputStream();

        Recording(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                seen.write(b);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                seen.write(b, off, n);
            }
            return n;
        }

        @Override
        public void close() {
            // The file stays open for the replay.
        }
    }
}
