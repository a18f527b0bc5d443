package org.ptreplay.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ptreplay.trace.TraceHeader;
import org.ptreplay.trace.TraceReader;

/** What convert puts in OUT's header (issue 16, items 4, 5 and 13). */
class ConvertHeaderTest {
    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err), Map.of());
        return new Run(code, out.toString(), err.toString());
    }

    private static TraceHeader header(Path file) throws IOException {
        try (TraceReader r = TraceReader.open(file)) {
            while (r.next() != null) {
                // read to the end: the End packet is checked too
            }
            return r.header();
        }
    }

    private static final String EVENTS = """
            mmap 0x40000000 64K prot=rw flags=private|anonymous = 0x40000000
            touch 0x40000000 64K write
            munmap 0x40000000 64K = 0
            """;

    @Test
    void convertCountsTheEventsAndTakesTheMachineOption(@TempDir Path dir) throws IOException {
        Path in = Files.writeString(dir.resolve("in.txt"), EVENTS);
        Path out = dir.resolve("out.ptrace");
        Run r = run("convert", in.toString(), out.toString(), "--machine", "arch=aarch64 pagesize=16K kernel=6.17.0 cpus=8");
        assertEquals(0, r.code(), r.err());
        TraceHeader h = header(out);
        assertEquals(3, h.eventCountHint());
        assertEquals(new TraceHeader.Machine("aarch64", 16384, "6.17.0", Map.of(), 8), h.machine());
        assertTrue(r.out().contains("the header leaves the machine's THP settings unknown"), r.out());
    }

    @Test
    void whatStaysUnknownIsSaid(@TempDir Path dir) throws IOException {
        Path in = Files.writeString(dir.resolve("in.txt"), EVENTS);
        Run r = run("convert", in.toString(), dir.resolve("out.ptrace").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("the header leaves the machine's arch, pagesize, kernel, cpus, THP settings unknown"), r.out());
    }

    @Test
    void aBinaryTraceCopiedAsItIsSaysNothingAboutItsMachine(@TempDir Path dir) throws IOException {
        Path in = Files.writeString(dir.resolve("in.txt"), EVENTS);
        Path first = dir.resolve("first.ptrace");
        assertEquals(0, run("convert", in.toString(), first.toString()).code());
        for (String out : new String[] {"copy.ptrace", "copy.txt"}) {
            Run r = run("convert", first.toString(), dir.resolve(out).toString());
            assertEquals(0, r.code(), r.err());
            assertEquals(dir.resolve(out) + ": 3 events from " + first + System.lineSeparator(), r.out());
        }
        // --machine edits the header: what it leaves unknown is worth saying again.
        Run edited = run("convert", first.toString(), dir.resolve("edited.ptrace").toString(), "--machine", "arch=x86_64");
        assertEquals(0, edited.code(), edited.err());
        assertTrue(edited.out().contains("the header leaves the machine's pagesize, kernel, cpus, THP settings unknown"),
                edited.out());
    }

    @Test
    void aPageSizeNoReaderAcceptsIsRefusedAtConvertTime(@TempDir Path dir) throws IOException {
        for (String bad : new String[] {"3", "8192", "1073741824"}) {
            Path in = Files.writeString(dir.resolve("bad.txt"), "@machine pagesize=" + bad + "\n" + EVENTS);
            Path out = dir.resolve("out.ptrace");
            Run r = run("convert", in.toString(), out.toString());
            if (r.code() == 0) {
                throw new AssertionError("pagesize=" + bad + " was accepted: " + r.out());
            }
            assertTrue(r.err().contains("page size") || r.err().contains("pagesize"), r.err());
            assertFalse(Files.exists(out), "nothing written for pagesize=" + bad);
        }
        Run usage = run("convert", dir.resolve("bad.txt").toString(), dir.resolve("o.ptrace").toString(), "--machine", "pagesize=8K");
        assertEquals(2, usage.code(), usage.err());
        assertEquals("ptreplay: --machine pagesize=8K is none of 4K, 16K and 64K, the sizes ptreplay models" + System.lineSeparator(),
                usage.err());
    }
}
