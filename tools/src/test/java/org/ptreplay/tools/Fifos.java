package org.ptreplay.tools;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Named pipes for the tests that read a trace from a FIFO. */
public final class Fifos {
    private Fifos() {
    }

    /** Makes a FIFO at {@code fifo}, or skips the test, saying why, where mkfifo is missing. */
    public static void mkfifo(Path fifo) throws InterruptedException {
        int code;
        try {
            Process p = new ProcessBuilder("mkfifo", fifo.toString()).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            code = p.waitFor();
        } catch (IOException e) {
            code = -1;
        }
        assumeTrue(code == 0, "mkfifo is not available here, so FIFO input cannot be tested");
    }

    /**
     * Starts writing {@code bytes} into {@code fifo} from a daemon thread: a reader that never
     * opens the FIFO must not hang the build.
     */
    public static Feed feed(Path fifo, byte[] bytes) {
        return new Feed(fifo, bytes);
    }

    /** The writer of {@link #feed}. */
    public static final class Feed {
        private final Thread writer;
        private volatile IOException failed;

        private Feed(Path fifo, byte[] bytes) {
            writer = new Thread(() -> {
                try (OutputStream out = Files.newOutputStream(fifo)) {
                    out.write(bytes);
                } catch (IOException e) {
                    failed = e;
                }
            }, "fifo-writer");
            writer.setDaemon(true);
            writer.start();
        }

        /** Waits up to 30 s for the writer; {@code reader} read the FIFO to its end without closing it early. */
        public void assertDrained(String reader) throws InterruptedException {
            writer.join(TimeUnit.SECONDS.toMillis(30));
            assertFalse(writer.isAlive(), reader + " never read the FIFO to its end");
            assertNull(failed, reader + " closed the FIFO before reading it all");
        }
    }
}
