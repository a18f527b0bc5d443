package org.ptreplay.tools;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Path;

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
}
