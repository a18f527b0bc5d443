package org.ptreplay.tools;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * {@code -} as a trace argument: standard input, copied once to a temporary file named
 * {@code stdin} (deleted when the JVM exits). A copy so that convert can count its events for
 * the header and --native can read it twice, as it does a regular file; messages name that file.
 */
final class Stdin {
    private static Path spooled;

    private Stdin() {
    }

    /** The path itself, or for {@code -} the copy of standard input. */
    static synchronized Path resolve(Path file) {
        if (!file.toString().equals("-")) {
            return file;
        }
        if (spooled == null) {
            try {
                Path dir = Files.createTempDirectory("ptreplay-");
                Path copy = dir.resolve("stdin");
                dir.toFile().deleteOnExit();
                copy.toFile().deleteOnExit();
                try (InputStream in = System.in) {
                    Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
                }
                spooled = copy;
            } catch (IOException e) {
                throw CommandFailure.badData("-: cannot read standard input (" + org.ptreplay.trace.TraceException.why(e) + ")");
            }
        }
        return spooled;
    }

    /** Forgets the copy, for tests that run several commands in one JVM. */
    static synchronized void reset() {
        spooled = null;
    }
}
