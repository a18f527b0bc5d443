package org.ptreplay.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ptreplay.core.replay.ReplayEngine;
import picocli.CommandLine;

/**
 * The order of a replay's work: the trace's header is read and checked before any cell is built,
 * so a bad file costs neither a kernel per cell nor their heap (robust4). Counted, not timed.
 */
class ReplayRunTest {

    /** The cells' engine, counting how often it is built. */
    private final AtomicInteger built = new AtomicInteger();
    private final ReplayRun.Cells counting = (cells, threads) -> {
        built.incrementAndGet();
        return new ReplayEngine(cells, threads);
    };

    @Test
    void aBadFileIsRefusedBeforeAnyCellIsBuilt(@TempDir Path dir) throws IOException {
        Path bad = Files.writeString(dir.resolve("notes.ptrace"), "hello, world\n");
        CommandFailure failure = assertThrows(CommandFailure.class, () -> run(bad, "--arch", "x86,arm64"));
        assertEquals(bad + ": header: not a ptreplay trace (neither a binary trace nor the text form).", failure.getMessage());
        assertEquals(ExitCode.FAILED, failure.exitCode());
        assertEquals(0, built.get(), "cells were built for a file whose header is bad");
        Path missing = dir.resolve("missing.ptrace");
        assertEquals(missing + ": header: no such file.",
                assertThrows(CommandFailure.class, () -> run(missing)).getMessage());
        assertEquals(0, built.get());
    }

    @Test
    void aGoodFileBuildsTheCellsOnceAndReplays(@TempDir Path dir) throws IOException {
        Path trace = Traces.write(dir.resolve("move1m.ptrace"), Traces.move1m());
        ReplayRun.Done done = run(trace, "--arch", "x86,arm64");
        assertEquals(1, built.get());
        assertEquals(2, done.outcome().cells().size());
        assertEquals(Traces.move1m().size(), done.outcome().events());
    }

    /** A typo in a name is still a usage error (exit 2) whatever the file: names are resolved first, and cheaply. */
    @Test
    void anUnknownNameComesBeforeTheFile(@TempDir Path dir) {
        Cli.Run run = Cli.run("replay", dir.resolve("missing.ptrace").toString(), "--strategy", "linux-6.71");
        assertEquals(2, run.code(), run.err());
        assertTrue(run.err().startsWith("ptreplay: unknown strategy or kernel preset 'linux-6.71'"), run.err());
    }

    /** ReplayRun as {@code replay TRACE ARGS...} calls it, with the counting engine. */
    private ReplayRun.Done run(Path trace, String... args) {
        CommandLine line = Main.commandLine(Map.of());
        String[] all = new String[args.length + 2];
        all[0] = "replay";
        all[1] = trace.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        line.parseArgs(all);
        ReplayCommand replay = line.getSubcommands().get("replay").getCommand();
        return ReplayRun.run(replay.cells, replay.strategies, Map.of(), new PrintWriter(new StringWriter()), 0, counting);
    }
}
