package org.ptreplay.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ptreplay.tools.Cli.Run;
import org.ptreplay.trace.Flags;
import org.ptreplay.trace.TraceEvent;
import org.ptreplay.trace.TraceReader;

class RecordCommandTest {

    private static final long MIB = 1 << 20;

    @TempDir
    Path dir;

    /** Issue 17: at any width, each shell command of record --help stays on one line, ready to copy. */
    @Test
    void helpNeverBreaksAShellCommand() {
        for (String columns : List.of("60", "80", "100")) {
            String help = Cli.run(Map.of("COLUMNS", columns), "record", "--help").out();
            for (String command : List.of("./ptreplay record -o OUT.ptrace -- CMD ARGS...",
                    "cd /sys/kernel/mm/transparent_hugepage", "echo never > enabled",
                    "for f in hugepages-*/enabled; do echo never > $f; done")) {
                assertTrue(help.lines().anyMatch(l -> l.strip().equals(command)), columns + " columns: " + command + "\n" + help);
            }
        }
    }

    /**
     * Done-when check of issue 3: a recording of Python allocating a 64 MiB bytearray (which
     * CPython zeroes, so every page is written) has touch events covering the whole buffer. Runs
     * only where perf may record the tracepoints; needs each first touch to fault alone.
     */
    @Test
    void recordingPythonsBytearrayTouchesAll64MiB() throws IOException {
        String python = "/usr/bin/python3";
        Assumptions.assumeTrue(Files.isExecutable(Path.of(python)), python + " is not installed");
        String why = perfCannotRecord();
        Assumptions.assumeTrue(why.isEmpty(), why);
        Path out = dir.resolve("x.ptrace");
        Run run = Cli.run("record", "-o", out.toString(), "--", python, "-c", "b = bytearray(64 << 20)");
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().startsWith(out + ": "), run.out());
        Assumptions.assumeFalse(run.err().contains("warning: transparent_hugepage"),
                "THP was always on while recording, so faults cover more than one page: " + run.err());

        TraceEvent.Mmap buffer = null;
        BitSet touched = null;
        try (TraceReader r = TraceReader.open(out)) {
            for (TraceEvent e; (e = r.next()) != null; ) {
                if (e instanceof TraceEvent.Mmap m && buffer == null && m.length() >= 64 * MIB && m.result() > 0
                        && (m.flags() & Flags.MAP_ANONYMOUS) != 0) {
                    buffer = m;
                    touched = new BitSet((int) (m.length() >> 12));
                } else if (e instanceof TraceEvent.Touch t && buffer != null) {
                    for (long a = t.addr() & -4096L; a < t.addr() + t.length(); a += 4096) {
                        if (a >= buffer.result() && a < buffer.result() + buffer.length()) {
                            touched.set((int) ((a - buffer.result()) >> 12));
                        }
                    }
                }
            }
        }
        assertNotNull(buffer, "no anonymous mmap of 64 MiB or more in the recording");
        int pages = (int) ((buffer.length() + 4095) >> 12);
        assertEquals(pages, touched.cardinality(), "pages of the " + buffer.length() + "-byte buffer mapping touched");
    }

    @Test
    void thpSettingsThatHideFaultsAreReported() {
        assertEquals("", RecordCommand.largeFolios(Map.of("enabled", "always madvise [never]",
                "hugepages-64kB/enabled", "always inherit madvise [never]")));
        assertTrue(RecordCommand.largeFolios(Map.of("enabled", "[always] madvise never")).startsWith("warning: "));
        assertTrue(RecordCommand.largeFolios(Map.of("enabled", "always madvise [never]",
                "hugepages-64kB/enabled", "[always] inherit madvise never")).startsWith("warning: transparent_hugepage/hugepages-64kB"));
        assertTrue(RecordCommand.largeFolios(Map.of("enabled", "always [madvise] never",
                "hugepages-64kB/enabled", "always inherit madvise [never]")).startsWith("note: transparent_hugepage/enabled"));
    }

    /**
     * The warnings go to stderr as every command gives them, {@code ptreplay: warning: ...}, never
     * into the report on stdout; the notes stay in the report.
     */
    @Test
    void warningsGoToStderrAndNotesStayInTheReport() {
        StringWriter report = new StringWriter();
        StringWriter err = new StringWriter();
        RecordCommand.caveats(3, Map.of("enabled", "[always] madvise never"), 2, new PrintWriter(report, true),
                new PrintWriter(err, true));
        String nl = System.lineSeparator();
        assertEquals("ptreplay: warning: perf lost 3 chunks, so events are missing; record a shorter run or give perf"
                + " bigger buffers" + nl
                + "ptreplay: warning: transparent_hugepage/enabled was '[always] madvise never' while recording: one fault"
                + " may have mapped up to 2 MiB, so touches are undercounted (see 'ptreplay record --help')" + nl, err.toString());
        assertEquals("note: 2 lines of perf script output had no known shape" + nl, report.toString());

        report.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        RecordCommand.caveats(0, Map.of("enabled", "always [madvise] never"), 0, new PrintWriter(report, true),
                new PrintWriter(err, true));
        assertEquals("", err.toString());
        assertTrue(report.toString().startsWith("note: transparent_hugepage/enabled was in madvise mode"), report.toString());
    }

    @Test
    void aMissingCommandIsAUsageError() {
        Run run = Cli.run("record", "-o", dir.resolve("x.ptrace").toString());
        assertEquals(2, run.code());
        assertTrue(run.err().contains("CMD"), run.err());
    }

    /** Empty if {@code perf record} can record the page-fault tracepoint here, else why not. */
    private String perfCannotRecord() {
        try {
            Process p = new ProcessBuilder(List.of("perf", "record", "-q", "-o", dir.resolve("probe.data").toString(),
                    "-e", "exceptions:page_fault_user", "--", "true")).redirectErrorStream(true).start();
            p.getOutputStream().close();
            String output = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "perf record did not finish within a minute";
            }
            return p.exitValue() == 0 ? "" : "perf cannot record exceptions:page_fault_user here: " + output.strip();
        } catch (IOException e) {
            return "perf is not installed (" + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
