package org.ptreplay.tools.nativeexec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The turn two processes executing traces take at the THP settings ({@link ThpSysfs#exclusive}). */
class ThpSysfsTest {
    /** Holds an exclusive lock on the file named by its argument until its standard input closes. */
    private static final String HOLDER = """
            import java.nio.channels.FileChannel;
            import java.nio.file.Path;
            import java.nio.file.StandardOpenOption;
            public class Holder {
                public static void main(String[] args) throws Exception {
                    try (FileChannel c = FileChannel.open(Path.of(args[0]), StandardOpenOption.CREATE,
                            StandardOpenOption.WRITE)) {
                        c.lock();
                        System.out.println("locked");
                        System.out.flush();
                        while (System.in.read() >= 0) {
                        }
                    }
                }
            }
            """;

    @Test
    void aSecondProcessWaitsUntilTheFirstHasRestoredTheSettings(@TempDir Path sysfs) throws Exception {
        // The other process is another JVM: locks of one JVM do not exclude each other's channels.
        Path source = sysfs.resolve("Holder.java");
        Files.writeString(source, HOLDER);
        String java = ProcessHandle.current().info().command().orElse("java");
        Process other = new ProcessBuilder(java, source.toString(), sysfs.resolve("ptreplay-thp.lock").toString())
                .redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(other.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("locked", out.readLine());
            boolean[] waited = {false};
            // While this process waits, the other finishes its runs and restores: it lets go of the turn.
            Closeable turn = new ThpSysfs(sysfs, true).exclusive(() -> {
                waited[0] = true;
                try {
                    other.getOutputStream().close();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            turn.close();
            assertTrue(waited[0], "took the turn while another process held it");
            assertTrue(other.waitFor(30, TimeUnit.SECONDS) && other.exitValue() == 0, "the other process ended");
        } finally {
            other.destroyForcibly();
        }
    }

    @Test
    void aLoneProcessTakesTheTurnAtOnceAndAgainAfterClosingIt(@TempDir Path sysfs) throws IOException {
        ThpSysfs thp = new ThpSysfs(sysfs, true);
        for (int i = 0; i < 2; i++) {
            boolean[] waited = {false};
            Closeable turn = thp.exclusive(() -> waited[0] = true);
            turn.close();
            assertFalse(waited[0], "waited with no other process");
        }
        try (Stream<Path> files = Files.list(sysfs)) {
            assertEquals(List.of(sysfs.resolve("ptreplay-thp.lock")), files.toList());
        }
    }
}
