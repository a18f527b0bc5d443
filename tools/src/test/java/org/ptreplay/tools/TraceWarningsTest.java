package org.ptreplay.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ptreplay.trace.proto.Packet;

/**
 * A reader's warning (here: an older file without its end-of-trace packet, whose truncation
 * could go unnoticed) reaches the user the way the command's errors do, on its stderr, once, with
 * the text, --json and --csv outputs alike; it never goes to the JVM's stderr behind the command's
 * back, and it never mixes with stdout.
 */
class TraceWarningsTest {

    @Test
    void everyCommandThatReadsAnOlderFileToItsEndWarnsOnceOnItsStderr(@TempDir Path dir) throws IOException {
        Path old = withoutEndPacket(Traces.write(dir.resolve("new.ptrace"), Traces.move1m()), dir.resolve("old.ptrace"));
        String warning = "ptreplay: warning: " + old + ": written before ptreplay recorded an end-of-trace packet, so a"
                + " truncation of this file at a packet boundary would go unnoticed; re-convert it to add one.\n";
        String t = old.toString();
        String[][] commands = {
            {"summary", t}, {"summary", t, "--json"}, {"stats", t}, {"stats", t, "--json"}, {"check", t}, {"check", t, "--json"},
            {"print", t}, {"print", t, "--json"}, {"replay", t}, {"replay", t, "--json"}, {"replay", t, "--csv"},
            {"compare", t, "--baseline", "linux-6.16", "--strategy", "linux-6.17", "--json"},
            {"convert", t, dir.resolve("again.ptrace").toString()}, {"convert", t, "-"},
        };
        for (String[] args : commands) {
            Cli.Run run = Cli.run(args);
            assertEquals(0, run.code(), String.join(" ", args) + ": " + run.err());
            assertEquals(1, run.err().split("ptreplay: warning:", -1).length - 1, String.join(" ", args) + ": " + run.err());
            assertTrue(run.err().contains(warning), String.join(" ", args) + ": " + run.err());
            assertTrue(!run.out().contains("warning"), String.join(" ", args) + " put the warning on stdout");
        }
        // The copy has its end packet, and reads without a warning.
        Cli.Run again = Cli.run("summary", dir.resolve("again.ptrace").toString());
        assertEquals("", again.err());
    }

    @Test
    void aCurrentFileGivesNoWarning(@TempDir Path dir) throws IOException {
        Path trace = Traces.write(dir.resolve("new.ptrace"), Traces.move1m());
        for (String command : new String[] {"summary", "stats", "check", "print", "replay"}) {
            assertEquals("", Cli.run(command, trace.toString()).err(), command);
        }
    }

    /**
     * {@code file} as ptreplay wrote it before the end-of-trace packet existed: a header that does
     * not promise one, and no end packet (an uncompressed trace is a sequence of length-delimited
     * packets).
     */
    private static Path withoutEndPacket(Path file, Path old) throws IOException {
        List<Packet> packets = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file)) {
            for (Packet p; (p = Packet.parseDelimitedFrom(in)) != null; ) {
                packets.add(p);
            }
        }
        assertTrue(packets.get(0).hasHeader() && packets.get(packets.size() - 1).hasEnd(), "not a header ... end trace");
        try (OutputStream out = Files.newOutputStream(old)) {
            Packet header = packets.get(0);
            header.toBuilder().setHeader(header.getHeader().toBuilder().setHasEnd(false)).build().writeDelimitedTo(out);
            for (Packet p : packets.subList(1, packets.size() - 1)) {
                p.writeDelimitedTo(out);
            }
        }
        return old;
    }
}
