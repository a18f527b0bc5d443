package org.ptreplay.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A FIFO as a trace input is opened once and read in full (issue #16 item 14): the bytes taken
 * to tell what it holds are not lost, so every command gives what it gives for the same bytes in
 * a regular file.
 */
class FifoInputTest {
    /** Larger than the sniffed head (64 KiB), so the events after it must come from the same stream. */
    private static final int ROUNDS = 800;

    @Test
    void binaryTraceThroughAFifoReadsLikeTheRegularFile(@TempDir Path dir) throws Exception {
        Path file = Traces.write(dir.resolve("m.ptrace"), Traces.mixed(ROUNDS));
        assertTrue(Files.size(file) > 64 * 1024, "the trace must outgrow the sniffed head");
        assertSameThroughFifo(dir, file);
    }

    @Test
    void textTraceThroughAFifoReadsLikeTheRegularFile(@TempDir Path dir) throws Exception {
        Path binary = Traces.write(dir.resolve("m.ptrace"), Traces.mixed(ROUNDS));
        Path text = dir.resolve("m.txt");
        Cli.Run toText = Cli.run("convert", binary.toString(), text.toString());
        assertEquals(0, toText.code(), toText.err());
        assertSameThroughFifo(dir, text);
    }

    /** summary, check, print, stats, replay and convert of a FIFO fed with {@code file}'s bytes. */
    private static void assertSameThroughFifo(Path dir, Path file) throws Exception {
        byte[] bytes = Files.readAllBytes(file);
        Path fifo = dir.resolve("in.fifo");
        for (String[] args : new String[][] {{"summary", "--json"}, {"check"}, {"print"}, {"stats"}, {"replay"}}) {
            String[] onFile = withTrace(args, file);
            Cli.Run expected = Cli.run(onFile);
            assertEquals(0, expected.code(), args[0] + ": " + expected.err());
            Cli.Run actual = throughFifo(fifo, bytes, withTrace(args, fifo));
            assertEquals(0, actual.code(), args[0] + " FIFO: " + actual.err());
            assertEquals(expected.out().replace(file.toString(), "TRACE"), actual.out().replace(fifo.toString(), "TRACE"),
                    args[0] + " of the FIFO differs from the regular file");
        }
        Path fromFile = dir.resolve("from-file.txt");
        Path fromFifo = dir.resolve("from-fifo.txt");
        Cli.Run viaFile = Cli.run("convert", file.toString(), fromFile.toString());
        assertEquals(0, viaFile.code(), viaFile.err());
        Cli.Run viaFifo = throughFifo(fifo, bytes, "convert", fifo.toString(), fromFifo.toString());
        assertEquals(0, viaFifo.code(), viaFifo.err());
        assertEquals(viaFile.out().replace(fromFile + ":", "OUT:").replace(file.toString(), "TRACE"),
                viaFifo.out().replace(fromFifo + ":", "OUT:").replace(fifo.toString(), "TRACE"));
        assertEquals(withoutCountHint(Files.readString(fromFile)), withoutCountHint(Files.readString(fromFifo)),
                "convert of the FIFO lost or changed events");
    }

    /**
     * IN opened once either way: a trace whose header knows its event count converts to the same
     * bytes from a FIFO as from the regular file, binary and text IN alike.
     */
    @Test
    void convertWritesTheSameBytesFromAFifoAsFromTheRegularFile(@TempDir Path dir) throws Exception {
        Path binary = Traces.write(dir.resolve("m.ptrace"), Traces.mixed(ROUNDS));
        Path text = dir.resolve("m.txt");
        assertEquals(0, Cli.run("convert", binary.toString(), text.toString()).code());
        Path fifo = dir.resolve("in.fifo");
        for (Path in : new Path[] {binary, text}) {
            Path fromFile = dir.resolve("from-file.ptrace");
            Path fromFifo = dir.resolve("from-fifo.ptrace");
            Cli.Run viaFile = Cli.run("convert", in.toString(), fromFile.toString());
            assertEquals(0, viaFile.code(), viaFile.err());
            throughFifo(fifo, Files.readAllBytes(in), "convert", fifo.toString(), fromFifo.toString());
            assertEquals(-1L, Files.mismatch(fromFile, fromFifo), "convert of " + in + " through a FIFO wrote other bytes");
        }
    }

    /**
     * measure read a FIFO for the run and then opened it again for the header, waiting for ever
     * for a second writer; now one opening serves both. Needs a C compiler for the probe.
     */
    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void measureReadsAFifoOnce(@TempDir Path dir) throws Exception {
        Map<String, String> env = Map.of("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"),
                "XDG_CACHE_HOME", dir.resolve("cache").toString());
        Path file = Traces.write(dir.resolve("move1m.ptrace"), Traces.move1m());
        Path fifo = dir.resolve("in.fifo");
        Cli.Run run = throughFifo(env, fifo, Files.readAllBytes(file), "measure", fifo.toString(), "--runs", "1", "--json");
        assertTrue(run.out().contains("\"native\""), run.out());
    }

    /** replay --native reads the trace twice, which a FIFO cannot give: refused before either reading. */
    @Test
    void replayNativeRefusesAFifo(@TempDir Path dir) throws Exception {
        Path fifo = dir.resolve("in.fifo");
        Fifos.mkfifo(fifo);
        Cli.Run run = Cli.run("replay", fifo.toString(), "--native");
        assertEquals(2, run.code(), run.err());
        assertEquals("ptreplay: --native reads " + fifo + " twice (the native runs, then the simulation), so it must be"
                + " a regular file or '-', not a FIFO or a device\n", run.err());
    }

    private static String[] withTrace(String[] args, Path trace) {
        String[] all = new String[args.length + 1];
        all[0] = args[0];
        all[1] = trace.toString();
        System.arraycopy(args, 1, all, 2, args.length - 1);
        return all;
    }

    /**
     * A FIFO is read once, so its copy cannot count events ahead (event_count_hint 0, unknown);
     * every other line must match.
     */
    private static String withoutCountHint(String text) {
        return text.replaceAll("(?m)^.*event_count_hint.*$", "");
    }

    /** Runs the CLI while a background thread writes {@code bytes} into a fresh FIFO. */
    private static Cli.Run throughFifo(Path fifo, byte[] bytes, String... args) throws Exception {
        return throughFifo(Map.of(), fifo, bytes, args);
    }

    /** As above, with an environment for the command. */
    private static Cli.Run throughFifo(Map<String, String> env, Path fifo, byte[] bytes, String... args) throws Exception {
        Files.deleteIfExists(fifo);
        Fifos.mkfifo(fifo);
        Fifos.Feed feed = Fifos.feed(fifo, bytes);
        Cli.Run run = Cli.run(env, args);
        assertEquals(0, run.code(), args[0] + " of a FIFO: " + run.err());
        feed.assertDrained(args[0]);
        return run;
    }
}
