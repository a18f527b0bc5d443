package org.ptreplay.trace;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An input opened once: a regular file read again through the same opening, anything else once. */
class InputFileTest {

    @Test
    void aRegularFileIsReadAgainThroughItsOneOpening(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("t.txt"), "mmap 0x1000 4K prot=rw flags=private|anonymous = 0x1000\n");
        byte[] bytes = Files.readAllBytes(file);
        try (InputFile input = InputFile.open(file)) {
            assertTrue(input.rereadable());
            SniffedInput first = input.read();
            assertFalse(first.sniff().binaryTrace());
            assertArrayEquals(bytes, readAll(first));
            // Replaced (as an editor or a writer's rename does) and then removed: a second opening
            // would read other bytes, or none.
            Path other = Files.writeString(dir.resolve("other.txt"), "something else entirely\n");
            Files.move(other, file, StandardCopyOption.REPLACE_EXISTING);
            assertArrayEquals(bytes, readAll(input.read()));
            Files.delete(file);
            assertArrayEquals(bytes, readAll(input.read()));
        }
    }

    @Test
    void aDirectoryOrAMissingFileIsOneSentence(@TempDir Path dir) {
        assertEquals(dir + ": header: is a directory, not a file.",
                assertThrows(TraceException.class, () -> InputFile.open(dir)).getMessage());
        assertEquals(dir.resolve("none") + ": header: no such file.",
                assertThrows(TraceException.class, () -> InputFile.open(dir.resolve("none"))).getMessage());
    }

    @Test
    void anEmptyFileIsRefusedAtItsFirstReading(@TempDir Path dir) throws Exception {
        Path empty = Files.createFile(dir.resolve("empty"));
        try (InputFile input = InputFile.open(empty)) {
            assertEquals(empty + ": header: the file is empty.", assertThrows(TraceException.class, input::read).getMessage());
        }
    }

    @Test
    void aCharacterDeviceIsReadOnce() throws Exception {
        Path zero = Path.of("/dev/zero");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isReadable(zero), "no /dev/zero here");
        try (InputFile input = InputFile.open(zero)) {
            assertFalse(input.rereadable());
            SniffedInput once = input.read();
            assertEquals(Codec.NONE, once.sniff().compression());
            assertThrows(IllegalStateException.class, input::read);
            once.closeUnread();
        }
    }

    private static byte[] readAll(SniffedInput reading) throws IOException, TraceException {
        try (InputStream in = reading.content()) {
            return in.readAllBytes();
        }
    }
}
