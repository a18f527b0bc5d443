package org.ptreplay.trace;

import com.google.protobuf.InvalidProtocolBufferException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import org.ptreplay.trace.proto.Packet;

/**
 * Reads a binary trace: detects the codec from the magic bytes, checks the header, then returns
 * the events one by one. A compressed trace is decompressed on a background thread, a bounded
 * ring of buffers ahead ({@link ReadAheadInputStream}); {@link #close()} stops it. Memory stays
 * constant whatever the file size: one buffer of at most {@link #MAX_PACKET_BYTES}, the ring
 * (512 KiB) and the decompressor's window. Every problem is a
 * {@link TraceException} naming the file and the event index; nothing else escapes, whatever
 * the bytes (a test mutates files at random to keep it so).
 *
 * <pre>{@code
 * try (TraceReader r = TraceReader.open(path)) {
 *     for (TraceEvent e; (e = r.next()) != null; ) { ... }
 * }
 * }</pre>
 */
public final class TraceReader implements TraceSource {

    /**
     * The largest packet a reader accepts. Events are tens of bytes and a header a few KiB, so a
     * larger length prefix means a corrupt file; the cap keeps a lying prefix from allocating.
     */
    public static final int MAX_PACKET_BYTES = 1 << 20;

    private static final int MAX_VARINT_BYTES = 10;
    private static final int INITIAL_BUFFER_BYTES = 1 << 16;
    /** A stream that returns 0 bytes this many times in a row is broken, not slow. */
    private static final int MAX_EMPTY_READS = 1000;

    private final InputStream in;
    private final String fileName;
    private final Codec codec;
    private final PacketDecoder decoder = new PacketDecoder();
    /** Grows up to MAX_PACKET_BYTES + MAX_VARINT_BYTES when a packet needs it; events need a few bytes. */
    private byte[] buf = new byte[INITIAL_BUFFER_BYTES];
    private int pos;
    private int limit;
    private boolean eof;
    /** Index of the next event; the header problems are reported at "header" while it is -1. */
    private long nextIndex = -1;
    private TraceHeader header;
    /** The current part's header says an End packet closes it (has_end). */
    private boolean partPromisesEnd;
    /** The current part's End packet was read. */
    private boolean partEnded;
    /** Events read since the current part's header. */
    private long partEvents;

    private TraceReader(InputStream in, String fileName, Codec codec) {
        this.in = in;
        this.fileName = fileName;
        this.codec = codec;
    }

    /** Opens a trace file; the codec comes from its first bytes, never from its name. */
    public static TraceReader open(Path file) throws TraceException {
        String name = file.toString();
        if (Files.isDirectory(file)) {
            throw TraceException.atHeader(name, "is a directory, not a trace file");
        }
        InputStream in;
        try {
            in = Files.newInputStream(file);
        } catch (NoSuchFileException e) {
            throw TraceException.atHeader(name, "no such file");
        } catch (AccessDeniedException e) {
            throw TraceException.atHeader(name, "permission denied");
        } catch (IOException e) {
            throw TraceException.atHeader(name, "cannot open the file (" + e.getMessage() + ")", e);
        }
        return open(in, name);
    }

    /**
     * Reads a trace from a stream, e.g. standard input. The reader owns the stream: it closes it
     * on {@link #close()}, and also when this method fails.
     *
     * @param displayName the name used in error messages
     */
    public static TraceReader open(InputStream in, String displayName) throws TraceException {
        InputStream outermost = in;
        try {
            InputStream buffered = new BufferedInputStream(in, 1 << 16);
            Codec codec = CodecStreams.detect(buffered, displayName);
            try {
                outermost = CodecStreams.decompress(codec, buffered);
            } catch (IOException | RuntimeException e) {
                // xz and gzip read their stream header here.
                throw TraceException.atHeader(displayName, "corrupt " + codec.key() + " data (" + TraceException.why(e) + ")", e);
            }
            if (codec != Codec.NONE) {
                // Decompression runs on a second core while this thread decodes packets.
                outermost = new ReadAheadInputStream(outermost, displayName);
            }
            TraceReader reader = new TraceReader(outermost, displayName, codec);
            reader.readHeader();
            return reader;
        } catch (TraceException e) {
            // Closing the decompressor frees its native memory (zstd) and closes the file.
            closeQuietly(outermost, e);
            throw e;
        }
    }

    @Override
    public TraceHeader header() {
        return header;
    }

    /** The compression layer the file was detected to use. */
    public Codec codec() {
        return codec;
    }

    @Override
    public long eventIndex() {
        return nextIndex - 1;
    }

    @Override
    public TraceEvent next() throws TraceException {
        while (true) {
            int start = nextPacket();
            if (start < 0) {
                checkPartEnded("the file ends");
                return null;
            }
            TraceEvent e = decode(start, pos);
            if (e != null) {
                if (partEnded) {
                    throw problem("an event follows the end-of-trace packet; the file is corrupt");
                }
                nextIndex++;
                partEvents++;
                return e;
            }
            if (decoder.kind() == PacketDecoder.HEADER) {
                // A concatenated file: the part before must be complete, and the next part readable
                // too; its events continue the index.
                checkPartEnded("the next part's header comes");
                checkHeader(start, pos);
            } else if (decoder.kind() == PacketDecoder.END) {
                long count = decoder.endEventCount();
                if (partEnded || count != partEvents) {
                    throw problem(partEnded ? "a second end-of-trace packet; the file is corrupt"
                            : "the end-of-trace packet counts " + count + " events but " + partEvents
                            + " were read; the file is corrupt");
                }
                partEnded = true;
            }
        }
    }

    /**
     * A warning about this file's completeness, or null: files written before the end-of-trace
     * packet existed carry no count, so a cut at a packet boundary cannot be told from the end.
     */
    public String completenessWarning() {
        return partPromisesEnd ? null : fileName + ": written before ptreplay recorded an end-of-trace packet, so a"
                + " truncation of this file at a packet boundary would go unnoticed; re-convert it to add one.";
    }

    /** A part whose header promises an End packet must have had it by now. */
    private void checkPartEnded(String when) throws TraceException {
        if (partPromisesEnd && !partEnded) {
            throw problem("truncated: " + when + " after " + partEvents + " events without the end-of-trace packet the"
                    + " header promises (the file was cut short, or its writer did not finish)");
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private void readHeader() throws TraceException {
        // The detector saw only the compressor's magic; a compressed file must hold a trace too.
        int avail = ensure(CodecStreams.SNIFF_BYTES);
        if (codec != Codec.NONE && !CodecStreams.isRawTrace(Arrays.copyOfRange(buf, pos, pos + avail))) {
            throw problem(avail == 0 ? "the " + codec.key() + " data is empty"
                    : "not a ptreplay trace (the " + codec.key() + " data does not start with a trace header)");
        }
        int start = nextPacket();
        if (start < 0 || decode(start, pos) != null || decoder.kind() != PacketDecoder.HEADER) {
            throw problem("the first packet is not a header");
        }
        header = checkHeader(start, pos);
        nextIndex = 0;
    }

    private TraceHeader checkHeader(int start, int end) throws TraceException {
        try {
            Packet p = Packet.parseFrom(ByteBuffer.wrap(buf, start, end - start));
            TraceHeader h = HeaderMapping.fromProto(p.getHeader());
            partPromisesEnd = p.getHeader().getHasEnd();
            partEnded = false;
            partEvents = 0;
            return h;
        } catch (InvalidProtocolBufferException e) {
            throw problem("malformed header packet (" + e.getMessage() + ")");
        } catch (HeaderMapping.UnreadableHeaderException e) {
            throw problem(e.getMessage());
        }
    }

    private TraceEvent decode(int start, int end) throws TraceException {
        try {
            return decoder.decode(buf, start, end);
        } catch (PacketDecoder.MalformedPacketException e) {
            throw problem(e.getMessage());
        }
    }

    /**
     * Frames the next packet: on return, its bytes are {@code buf[result, pos)}. Returns -1 at a
     * clean end of the stream (between packets).
     */
    private int nextPacket() throws TraceException {
        int first = pos;
        if (limit - first > 1) {
            // Events are shorter than 128 bytes: a one-byte prefix, and usually the whole packet is buffered.
            int n = buf[first];
            if (n >= 0 && n < limit - first) {
                pos = first + 1 + n;
                return first + 1;
            }
        }
        if (ensure(1) == 0) {
            return -1;
        }
        int avail = ensure(MAX_VARINT_BYTES);
        long len = 0;
        int p = pos;
        int shift = 0;
        while (true) {
            if (p - pos == avail) {
                throw problem("truncated packet length prefix (the stream ends after " + avail + " of its bytes)");
            }
            byte x = buf[p++];
            len |= (long) (x & 0x7f) << shift;
            if (x >= 0) {
                break;
            }
            shift += 7;
            if (shift >= 7 * MAX_VARINT_BYTES) {
                throw problem("corrupt packet length prefix (a varint longer than " + MAX_VARINT_BYTES + " bytes)");
            }
        }
        if (len < 0 || len > MAX_PACKET_BYTES) {
            throw problem("packet length prefix says " + Long.toUnsignedString(len) + " bytes, more than the "
                    + (MAX_PACKET_BYTES >> 20) + " MiB packet limit; the file is corrupt");
        }
        pos = p;
        int n = (int) len;
        int left = ensure(n);
        if (left < n) {
            throw problem("truncated packet (length prefix says " + n + " bytes, " + left + " left)");
        }
        int start = pos;
        pos += n;
        return start;
    }

    /**
     * Makes {@code n} bytes available at {@code buf[pos]} unless the stream ends first; returns the
     * number available. Reads as much as fits, so most calls return without reading.
     */
    private int ensure(int n) throws TraceException {
        int avail = limit - pos;
        if (avail >= n || eof) {
            return avail;
        }
        if (n > buf.length) {
            buf = Arrays.copyOf(buf, Math.min(Math.max(n, 2 * buf.length), MAX_PACKET_BYTES + MAX_VARINT_BYTES));
        }
        System.arraycopy(buf, pos, buf, 0, avail);
        pos = 0;
        limit = avail;
        int emptyReads = 0;
        while (limit < n && !eof) {
            int r = read(limit, buf.length - limit);
            if (r < 0) {
                eof = true;
            } else if (r == 0 && ++emptyReads > MAX_EMPTY_READS) {
                throw problem("the input stream returns no data");
            } else {
                limit += r;
            }
        }
        return limit - pos;
    }

    private int read(int off, int len) throws TraceException {
        try {
            return in.read(buf, off, len);
        } catch (InterruptedIOException e) {
            throw problem("interrupted while reading", e);
        } catch (IOException e) {
            throw problem(codec == Codec.NONE ? "read error (" + TraceException.why(e) + ")"
                    : "truncated or corrupt " + codec.key() + " data (" + TraceException.why(e) + ")", e);
        } catch (RuntimeException e) {
            // A decompressor fed hostile bytes may throw unchecked exceptions: still a bad file, not a bug of ours.
            throw problem("corrupt " + codec.key() + " data (" + e + ")", e);
        }
    }

    private TraceException problem(String reason) {
        return problem(reason, null);
    }

    private TraceException problem(String reason, Throwable cause) {
        return nextIndex < 0 ? TraceException.atHeader(fileName, reason, cause)
                : TraceException.atEvent(fileName, nextIndex, reason, cause);
    }

    private static void closeQuietly(InputStream in, TraceException pending) {
        try {
            in.close();
        } catch (IOException e) {
            pending.addSuppressed(e);
        }
    }
}
