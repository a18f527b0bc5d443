package org.ptreplay.trace;

import com.google.protobuf.CodedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.ptreplay.trace.proto.End;
import org.ptreplay.trace.proto.Packet;

/**
 * Writes a binary trace: the header packet, then one packet per event, then (at close) the End
 * packet with the event count, inside one compression layer. Equal input gives byte-identical
 * files. Close it to finish the file; a file that was not closed reads as truncated. A caller
 * that gives up half-way must delete the file: close() marks what was written complete.
 */
public final class TraceWriter implements AutoCloseable {

    private static final int BUFFER_BYTES = 1 << 16;

    private final OutputStream compressed;
    private final CodedOutputStream out;
    private long events;
    private boolean closed;

    private TraceWriter(OutputStream compressed) {
        this.compressed = compressed;
        this.out = CodedOutputStream.newInstance(compressed, BUFFER_BYTES);
    }

    /** Creates (or replaces) {@code file}. */
    public static TraceWriter create(Path file, Codec codec, TraceHeader header) throws IOException {
        checkHeader(header);
        return create(Files.newOutputStream(file), codec, header);
    }

    /** Writes to {@code out}, which the writer owns and closes. */
    public static TraceWriter create(OutputStream out, Codec codec, TraceHeader header) throws IOException {
        Objects.requireNonNull(codec, "codec");
        checkHeader(header);
        OutputStream compressed;
        try {
            compressed = CodecStreams.compress(codec, out);
        } catch (IOException | RuntimeException e) {
            out.close();
            throw e;
        }
        TraceWriter w = new TraceWriter(compressed);
        w.writePacket(Packet.newBuilder().setHeader(HeaderMapping.toProto(header)).build());
        return w;
    }

    public void write(TraceEvent event) throws IOException {
        if (closed) {
            throw new IllegalStateException("the trace writer is closed");
        }
        writePacket(EventEncoder.toPacket(event));
        events++;
    }

    /** The number of events written so far. */
    public long eventsWritten() {
        return events;
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try (compressed) {
            writePacket(Packet.newBuilder().setEnd(End.newBuilder().setEventCount(events)).build());
            out.flush();
        }
    }

    private void writePacket(Packet p) throws IOException {
        int size = p.getSerializedSize();
        if (size > TraceReader.MAX_PACKET_BYTES) {
            // Only a header can be this large (events are tens of bytes); readers would refuse it.
            throw new IllegalArgumentException("a packet of " + size + " bytes is larger than the "
                    + (TraceReader.MAX_PACKET_BYTES >> 20) + " MiB that readers accept");
        }
        out.writeUInt32NoTag(size);
        p.writeTo(out);
    }

    /** A writer writes the current version, with the features it knows: anything else would be a lie. */
    private static void checkHeader(TraceHeader header) {
        Objects.requireNonNull(header, "header");
        if (header.formatVersion() != TraceHeader.CURRENT_VERSION) {
            throw new IllegalArgumentException("this writer writes format version " + TraceHeader.CURRENT_VERSION
                    + ", not " + header.formatVersion());
        }
        if ((header.requiredFeatures() & ~TraceHeader.KNOWN_FEATURES) != 0) {
            throw new IllegalArgumentException("this writer does not know the features 0x"
                    + Long.toHexString(header.requiredFeatures() & ~TraceHeader.KNOWN_FEATURES));
        }
    }
}
