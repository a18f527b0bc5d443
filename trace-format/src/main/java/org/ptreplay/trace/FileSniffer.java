package org.ptreplay.trace;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import org.apache.commons.compress.compressors.CompressorException;
import org.apache.commons.compress.compressors.CompressorStreamFactory;

/**
 * Looks inside any input file (a binary trace, a text trace, strace or perf script output), each
 * possibly wrapped in zstd, xz or gzip, so that tools can tell what it is from its bytes, never
 * from its name. The compression is detected from the magic bytes as {@link TraceReader} does.
 *
 * <p>Why here and not in the tools: the codecs and the trace magic belong to this module, and a
 * second copy of the detection would drift from the reader's.
 */
public final class FileSniffer {
    private FileSniffer() {
    }

    /** Enough of the decompressed content to see several lines of any text recording. */
    public static final int HEAD_BYTES = 64 * 1024;

    /**
     * What a file holds.
     *
     * @param compression the compression layer around the content ({@link Codec#NONE} if none)
     * @param binaryTrace whether the content is a binary trace (starts with a trace header)
     * @param head        the first bytes of the decompressed content, at most {@link #HEAD_BYTES}
     */
    public record Sniff(Codec compression, boolean binaryTrace, byte[] head) {
    }

    /**
     * Reads the start of {@code file}.
     *
     * @throws TraceException the file is missing, a directory, unreadable, empty, compressed with
     *                        a codec ptreplay does not read, or its compressed start is corrupt
     */
    public static Sniff sniff(Path file) throws TraceException {
        return sniff(open(file), file.toString());
    }

    /** Reads the start of the raw stream {@code in}, and closes it. */
    static Sniff sniff(InputStream in, String name) throws TraceException {
        try (Content c = open(in, name)) {
            byte[] head = head(c, name);
            if (head.length == 0) {
                throw TraceException.atHeader(name, c.codec == Codec.NONE ? "the file is empty" : "the " + c.codec.key() + " data is empty");
            }
            return new Sniff(c.codec, CodecStreams.isRawTrace(head), head);
        } catch (IOException e) {
            if (e instanceof TraceException t) {
                throw t;
            }
            throw TraceException.atHeader(name, "cannot close the file (" + e.getMessage() + ")", e);
        }
    }

    /**
     * The decompressed content of {@code file}, from its first byte; the caller closes it. Read
     * errors of a corrupt compressed stream surface as {@link IOException}s while reading.
     */
    public static InputStream openContent(Path file) throws TraceException {
        return open(open(file), file.toString()).in;
    }

    /** The decompressed content of the raw stream {@code in}; closing it closes {@code in}. */
    static InputStream openContent(InputStream in, String name) throws TraceException {
        return open(in, name).in;
    }

    /**
     * Up to {@link #HEAD_BYTES} of content. A compressed stream that breaks after some content
     * yields what came before: the reader that reads the file for real then reports the break at
     * its event or line, which is more useful than "header".
     */
    private static byte[] head(Content c, String name) throws TraceException {
        byte[] buf = new byte[HEAD_BYTES];
        int n = 0;
        int emptyReads = 0;
        try {
            // A stream that keeps returning 0 bytes is broken, not slow: stop rather than spin.
            for (int r; n < buf.length && emptyReads < 1000 && (r = c.in.read(buf, n, buf.length - n)) >= 0; ) {
                n += r;
                emptyReads = r == 0 ? emptyReads + 1 : 0;
            }
        } catch (IOException | RuntimeException e) {
            if (n == 0) {
                throw TraceException.atHeader(name, "truncated or corrupt " + c.codec.key() + " data (" + TraceException.why(e) + ")", e);
            }
        }
        return Arrays.copyOf(buf, n);
    }

    private record Content(Codec codec, InputStream in) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    /** Opens {@code file} for reading, with each failure as one sentence. */
    static InputStream open(Path file) throws TraceException {
        String name = file.toString();
        if (Files.isDirectory(file)) {
            throw TraceException.atHeader(name, "is a directory, not a file");
        }
        try {
            return Files.newInputStream(file);
        } catch (IOException e) {
            throw cannotOpen(name, e);
        }
    }

    /** Why {@code name} could not be opened, as one sentence. */
    static TraceException cannotOpen(String name, IOException e) {
        if (e instanceof NoSuchFileException) {
            return TraceException.atHeader(name, "no such file");
        }
        if (e instanceof AccessDeniedException) {
            return TraceException.atHeader(name, "permission denied");
        }
        return TraceException.atHeader(name, "cannot open the file (" + e.getMessage() + ")", e);
    }

    private static Content open(InputStream in, String name) throws TraceException {
        InputStream raw = new BufferedInputStream(in, 1 << 16);
        try {
            Codec codec = compression(raw, name);
            try {
                return new Content(codec, CodecStreams.decompress(codec, raw));
            } catch (IOException | RuntimeException e) {
                throw TraceException.atHeader(name, "corrupt " + codec.key() + " data (" + TraceException.why(e) + ")", e);
            }
        } catch (TraceException e) {
            try {
                raw.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /** The compression layer from the magic bytes; {@link Codec#NONE} for anything uncompressed. */
    private static Codec compression(InputStream in, String name) throws TraceException {
        byte[] head;
        try {
            in.mark(CodecStreams.SNIFF_BYTES);
            head = in.readNBytes(CodecStreams.SNIFF_BYTES);
            in.reset();
        } catch (IOException e) {
            throw TraceException.atHeader(name, "cannot read the file (" + e.getMessage() + ")", e);
        }
        if (head.length == 0) {
            throw TraceException.atHeader(name, "the file is empty");
        }
        if (CodecStreams.isRawTrace(head)) {
            return Codec.NONE;
        }
        String format;
        try {
            format = CompressorStreamFactory.detect(in);
        } catch (CompressorException e) {
            return Codec.NONE;   // no compressor signature: plain content
        }
        return switch (format) {
            case CompressorStreamFactory.ZSTANDARD -> Codec.ZSTD;
            case CompressorStreamFactory.XZ -> Codec.XZ;
            case CompressorStreamFactory.GZIP -> Codec.GZIP;
            default -> throw TraceException.atHeader(name, "the file is " + format
                    + "-compressed; ptreplay reads zstd, xz, gzip or uncompressed files");
        };
    }
}
