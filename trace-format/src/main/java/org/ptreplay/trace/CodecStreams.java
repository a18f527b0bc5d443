package org.ptreplay.trace;

import com.github.luben.zstd.RecyclingBufferPool;
import com.github.luben.zstd.ZstdInputStreamNoFinalizer;
import com.github.luben.zstd.ZstdOutputStreamNoFinalizer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.apache.commons.compress.compressors.CompressorException;
import org.apache.commons.compress.compressors.CompressorStreamFactory;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorOutputStream;

/** The compression layer: codec detection from magic bytes, and the streams of each codec. */
final class CodecStreams {
    private CodecStreams() {
    }

    /** zstd's default level: the best speed/ratio point for page-encoded events. */
    static final int ZSTD_LEVEL = 3;
    /** xz's default preset (8 MiB dictionary). */
    static final int XZ_PRESET = 6;
    /**
     * A hostile xz header can ask for a dictionary of up to 4 GiB; refuse more than 100 MiB, which
     * still covers preset 9 (64 MiB). zstd already caps its window at 128 MiB (ZSTD_WINDOWLOG_LIMIT_DEFAULT).
     */
    static final int XZ_MEMORY_LIMIT_KIB = 100 * 1024;

    private static final byte[] MAGIC = HeaderMapping.MAGIC.getBytes(StandardCharsets.US_ASCII);
    /** Enough for the start of an uncompressed trace (see {@link #isRawTrace}) and every compressor signature. */
    static final int SNIFF_BYTES = 32;

    /**
     * The codec of a stream, from its first bytes only; {@code in} must support mark/reset and is
     * left at the start. The file name never matters.
     */
    static Codec detect(InputStream in, String fileName) throws TraceException {
        byte[] head;
        try {
            in.mark(SNIFF_BYTES);
            head = in.readNBytes(SNIFF_BYTES);
            in.reset();
        } catch (IOException e) {
            throw TraceException.atHeader(fileName, "cannot read the file (" + e.getMessage() + ")", e);
        }
        if (head.length == 0) {
            throw TraceException.atHeader(fileName, "the file is empty");
        }
        if (isRawTrace(head)) {
            return Codec.NONE;
        }
        String format;
        try {
            format = CompressorStreamFactory.detect(in);
        } catch (CompressorException e) {
            throw TraceException.atHeader(fileName, "not a ptreplay trace (it starts with " + hex(head)
                    + ", which is neither a trace nor zstd, xz or gzip data)");
        }
        return switch (format) {
            case CompressorStreamFactory.ZSTANDARD -> Codec.ZSTD;
            case CompressorStreamFactory.XZ -> Codec.XZ;
            case CompressorStreamFactory.GZIP -> Codec.GZIP;
            default -> throw TraceException.atHeader(fileName, "the file is " + format
                    + "-compressed; ptreplay traces use zstd, xz, gzip or no compression");
        };
    }

    /**
     * Whether the bytes are the start of an uncompressed trace: a varint packet length, then
     * Packet.header (tag 0x82 0x01), a varint header length, Header.magic (tag 0x0a, length 14)
     * and the magic itself. The writer always produces this prefix (the magic is field 1).
     */
    static boolean isRawTrace(byte[] head) {
        int p = skipVarint(head, 0);
        if (p < 0 || p + 2 > head.length || head[p] != (byte) 0x82 || head[p + 1] != 0x01) {
            return false;
        }
        p = skipVarint(head, p + 2);
        if (p < 0 || p + 2 + MAGIC.length > head.length || head[p] != 0x0a || head[p + 1] != MAGIC.length) {
            return false;
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (head[p + 2 + i] != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    /** The index after a varint of at most 3 bytes (a header packet is below 2 MiB), or -1. */
    private static int skipVarint(byte[] b, int p) {
        for (int i = 0; i < 3 && p + i < b.length; i++) {
            if (b[p + i] >= 0) {
                return p + i + 1;
            }
        }
        return -1;
    }

    /*
     * The constructors commons-compress 1.28 deprecated in favour of its builders: those builders
     * are commons-io's AbstractStreamBuilder, which this module would have to require just to
     * construct a stream, and the constructors remain in 1.x with the same behaviour.
     */
    @SuppressWarnings("deprecation")
    static InputStream decompress(Codec codec, InputStream in) throws IOException {
        return switch (codec) {
            // zstd-jni directly (not through commons-compress) to avoid a finalizer per stream; it
            // reads concatenated frames, and fails on a truncated frame.
            case ZSTD -> new ZstdInputStreamNoFinalizer(in, RecyclingBufferPool.INSTANCE);
            case XZ -> new XZCompressorInputStream(in, true, XZ_MEMORY_LIMIT_KIB);
            case GZIP -> new GzipCompressorInputStream(in, true);
            case NONE -> in;
        };
    }

    @SuppressWarnings("deprecation") // as in decompress
    static OutputStream compress(Codec codec, OutputStream out) throws IOException {
        return switch (codec) {
            // The checksum lets a reader tell corrupt data from a valid but odd stream.
            case ZSTD -> new ZstdOutputStreamNoFinalizer(out, RecyclingBufferPool.INSTANCE)
                    .setLevel(ZSTD_LEVEL).setChecksum(true);
            case XZ -> new XZCompressorOutputStream(out, XZ_PRESET);
            // Default parameters: modification time 0, so equal input gives equal files.
            case GZIP -> new GzipCompressorOutputStream(out);
            case NONE -> out;
        };
    }

    private static String hex(byte[] head) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < Math.min(head.length, 8); i++) {
            b.append(i == 0 ? "" : " ").append(String.format("%02x", head[i] & 0xff));
        }
        return b.toString();
    }
}
