package org.ptreplay.trace;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class FileSnifferTest {

    private static final byte[] TEXT = "17934 1795314667.526518 brk(NULL) = 0x561d01bea000\n".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path dir;

    private Path file(String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    private static byte[] compress(Codec codec, byte[] content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = CodecStreams.compress(codec, bytes)) {
            out.write(content);
        }
        return bytes.toByteArray();
    }

    @ParameterizedTest
    @EnumSource(Codec.class)
    void aTraceInEveryCodec(Codec codec) throws IOException {
        Path p = file("t.bin", TraceTestFiles.write(codec, Fixtures.HEADER, Fixtures.EVERY_KIND));
        FileSniffer.Sniff s = FileSniffer.sniff(p);
        assertEquals(codec, s.compression());
        assertTrue(s.binaryTrace());
        assertArrayEquals(Arrays.copyOf(TraceTestFiles.write(Codec.NONE, Fixtures.HEADER, Fixtures.EVERY_KIND), s.head().length),
                s.head(), "the head is the decompressed trace");
    }

    @ParameterizedTest
    @EnumSource(Codec.class)
    void textInEveryCodecAndItsContent(Codec codec) throws IOException {
        Path p = file("x.strace", codec == Codec.NONE ? TEXT : compress(codec, TEXT));
        FileSniffer.Sniff s = FileSniffer.sniff(p);
        assertEquals(codec, s.compression());
        assertFalse(s.binaryTrace());
        assertArrayEquals(TEXT, s.head());
        try (InputStream in = FileSniffer.openContent(p)) {
            assertArrayEquals(TEXT, in.readAllBytes());
        }
    }

    @Test
    void theHeadIsCappedAndACorruptTailIsLeftToTheReader() throws IOException {
        byte[] big = new byte[3 * FileSniffer.HEAD_BYTES];
        Arrays.fill(big, (byte) 'a');
        byte[] gz = compress(Codec.GZIP, big);
        assertEquals(FileSniffer.HEAD_BYTES, FileSniffer.sniff(file("big.gz", gz)).head().length);
        // Cut off the gzip trailer: the head still reads; whoever reads on meets the damage.
        FileSniffer.Sniff cut = FileSniffer.sniff(file("cut.gz", Arrays.copyOf(gz, gz.length - 8)));
        assertEquals(FileSniffer.HEAD_BYTES, cut.head().length);
    }

    @Test
    void problemsAreOneSentenceAtTheHeader() throws IOException {
        assertEquals(dir.resolve("e") + ": header: the file is empty.",
                assertThrows(TraceException.class, () -> FileSniffer.sniff(file("e", new byte[0]))).getMessage());
        assertEquals(dir.resolve("e.gz") + ": header: the gzip data is empty.",
                assertThrows(TraceException.class, () -> FileSniffer.sniff(file("e.gz", compress(Codec.GZIP, new byte[0]))))
                        .getMessage());
        assertEquals(dir + ": header: is a directory, not a file.",
                assertThrows(TraceException.class, () -> FileSniffer.sniff(dir)).getMessage());
        assertEquals(dir.resolve("none") + ": header: no such file.",
                assertThrows(TraceException.class, () -> FileSniffer.sniff(dir.resolve("none"))).getMessage());
        ByteArrayOutputStream bz = new ByteArrayOutputStream();
        try (OutputStream out = new BZip2CompressorOutputStream(bz)) {
            out.write(TEXT);
        }
        assertEquals(dir.resolve("x.bz2") + ": header: the file is bzip2-compressed; ptreplay reads zstd, xz, gzip or"
                + " uncompressed files.",
                assertThrows(TraceException.class, () -> FileSniffer.sniff(file("x.bz2", bz.toByteArray()))).getMessage());
        byte[] gz = compress(Codec.GZIP, TEXT);
        assertTrue(assertThrows(TraceException.class, () -> FileSniffer.sniff(file("c.gz", Arrays.copyOf(gz, 12))))
                .getMessage().startsWith(dir.resolve("c.gz") + ": header: truncated or corrupt gzip data"));
    }
}
