package org.ptreplay.trace.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ptreplay.trace.TraceEvent;
import org.ptreplay.trace.TraceHeader;

/**
 * The Recorder's process handling, against shell scripts standing in for perf (so every branch
 * runs without root), and once against the real perf where it is installed and permitted.
 */
class RecorderTest {
    @TempDir
    Path tmp;

    private MachineProbe probe() throws IOException {
        Path sys = tmp.resolve("sys");
        Path thp = Files.createDirectories(sys.resolve("kernel/mm/transparent_hugepage/hugepages-64kB"));
        Files.writeString(thp.getParent().resolve("enabled"), "always madvise [never]\n");
        Files.writeString(thp.resolve("enabled"), "always inherit madvise [never]\n");
        Files.createDirectories(sys.resolve("devices/system/cpu"));
        Files.writeString(sys.resolve("devices/system/cpu/online"), "0-3,8,10-11\n");
        Path proc = Files.createDirectories(tmp.resolve("proc/sys/kernel"));
        Files.writeString(proc.resolve("osrelease"), "6.18.0-test\n");
        return new MachineProbe(sys, tmp.resolve("proc"), argv -> switch (argv.get(0)) {
            case "uname" -> "aarch64\n";
            case "getconf" -> "16384\n";
            default -> null;
        });
    }

    /** A perf stand-in: {@code record} runs {@code recordBody}, {@code script} prints {@code scriptOutput}. */
    private Path fakePerf(String recordBody, String scriptOutput) throws IOException {
        Path out = Files.writeString(tmp.resolve("script.txt"), scriptOutput);
        Path perf = tmp.resolve("perf");
        Files.writeString(perf, "#!/bin/sh\n"
                + "if [ \"$1\" = record ]; then\n" + recordBody + "\nfi\n"
                + "cat '" + out + "'\n");
        Files.setPosixFilePermissions(perf, PosixFilePermissions.fromString("rwx------"));
        return perf;
    }

    private Recorder recorder(Path perf) throws IOException {
        return new Recorder(perf.toString(), probe(), new ByteArrayOutputStream(), tmp);
    }

    @Test
    void probeReadsSysfsAndCommands() throws Exception {
        TraceHeader.Machine m = probe().probe();
        assertEquals(new TraceHeader.Machine("aarch64", 16384, "6.18.0-test",
                Map.of("enabled", "always madvise [never]", "hugepages-64kB/enabled", "always inherit madvise [never]"),
                7), m);
        assertEquals(0, MachineProbe.cpus("garbage"));
    }

    @Test
    void missingPerfSaysHowToInstallIt() throws Exception {
        RecordException e = assertThrows(RecordException.class,
                () -> recorder(tmp.resolve("no-perf-here")).record(List.of("true")));
        try (var left = Files.list(tmp)) {
            assertEquals(List.of("proc", "sys"), left.map(p -> p.getFileName().toString()).sorted().toList(),
                    "the probe's fake trees only: the temporary recording is gone");
        }
        assertEquals("Cannot run " + tmp.resolve("no-perf-here") + ": install perf (Debian: apt-get install linux-perf; "
                + "Ubuntu: apt-get install linux-tools-$(uname -r)) and put it on the PATH.", e.getMessage());
    }

    @Test
    void permissionFailureSaysHowToGetPermission() throws Exception {
        Path perf = fakePerf("echo 'Error: No permission to enable syscalls:sys_enter_mmap event.' >&2; exit 255", "");
        RecordException e = assertThrows(RecordException.class, () -> recorder(perf).record(List.of("true")));
        assertTrue(e.getMessage().startsWith("perf may not record kernel tracepoints here (kernel.perf_event_paranoid is "),
                e.getMessage());
        assertTrue(e.getMessage().endsWith("run as root, or run 'sysctl kernel.perf_event_paranoid=-1' and make "
                + "/sys/kernel/tracing readable to you."), e.getMessage());
    }

    @Test
    void missingTracepointIsNamed() throws Exception {
        Path perf = fakePerf("echo \"event syntax error: 'exceptions:page_fault_user'\" >&2; "
                + "echo '                     \\___ unknown tracepoint' >&2; exit 129", "");
        RecordException e = assertThrows(RecordException.class, () -> recorder(perf).record(List.of("true")));
        assertTrue(e.getMessage().startsWith("This kernel lacks a tracepoint that recording needs"), e.getMessage());
    }

    @Test
    void commandThatCannotStartIsNamed() throws Exception {
        Path perf = fakePerf("printf x > \"$3\"; echo \"Failed to collect 'task:task_newtask' for the "
                + "'/nonexistent/cmd' workload: No such file or directory\" >&2; exit 255", "");
        RecordException e = assertThrows(RecordException.class,
                () -> recorder(perf).record(List.of("/nonexistent/cmd")));
        assertEquals("perf could not start '/nonexistent/cmd': No such file or directory.", e.getMessage());
    }

    @Test
    void otherFailuresQuotePerf() throws Exception {
        Path perf = fakePerf("echo 'something odd' >&2; exit 1", "");
        RecordException e = assertThrows(RecordException.class, () -> recorder(perf).record(List.of("true")));
        assertEquals("perf record failed with status 1 and wrote no data (something odd).", e.getMessage());
    }

    @Test
    void recordingImportsPerfScriptOutputAndCleansUp() throws Exception {
        // record writes its data file ($3 is the path after -o), reports lost chunks, and returns
        // the command's status 3; script prints two events
        Path perf = fakePerf("printf x > \"$3\"; echo 'Processed 10 events and lost 2 chunks!' >&2; exit 3", """
                sh 10/10 1.000000000: sched:sched_process_exec: filename=/bin/sh pid=10 old_pid=10
                sh 10/10 1.000000500: exceptions:page_fault_user: address=0x12345 ip=0x1 error_code=0x6
                """);
        Path dir;
        List<TraceEvent> events = new ArrayList<>();
        try (Recording rec = recorder(perf).record(List.of("sh", "-c", "exit 3"))) {
            assertEquals(3, rec.exitStatus());
            assertEquals(2, rec.lostChunks());
            TraceHeader h = rec.header(ImportOptions.defaults());
            assertEquals("perf record -- sh -c exit 3", h.source().detail());
            assertEquals("aarch64", h.machine().arch());
            ImportResult r = rec.importTo(ImportOptions.defaults(), events::add);
            assertEquals(h, r.header());
            try (var files = Files.list(tmp)) {
                dir = files.filter(p -> p.getFileName().toString().startsWith("ptreplay-record-")).findFirst()
                        .orElseThrow();
            }
            assertTrue(Files.exists(dir.resolve("perf.data")));
        }
        // 16 KiB pages from the probe: 0x12345 lies in the page at 0x10000
        assertEquals(List.of(new TraceEvent.Exec(10, 0, 0), new TraceEvent.Touch(10, 500, 0x10000, 16384, true)),
                events);
        assertFalse(Files.exists(dir), "the temporary recording is deleted");
    }

    @Test
    void realPerfRecordsAShellCommand() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/perf")), "perf is not installed");
        assumeTrue(Files.exists(Path.of("/sys/kernel/tracing/events/exceptions/page_fault_user")),
                "no readable page-fault tracepoint (not root, or not x86)");
        List<TraceEvent> events = new ArrayList<>();
        try (Recording rec = new Recorder("/usr/bin/perf", MachineProbe.local(), new ByteArrayOutputStream(), tmp)
                .record(List.of("/bin/sh", "-c", "exit 5"))) {
            assertEquals(5, rec.exitStatus());
            ImportResult r = rec.importTo(ImportOptions.defaults(), events::add);
            assertEquals(0, r.stats().unparsedLines());
            assertFalse(rec.machine().thp().isEmpty());
        }
        try (var left = Files.list(tmp)) {
            assertEquals(0, left.count(), "nothing left behind");
        }
        assertTrue(events.get(0) instanceof TraceEvent.Exec, events.get(0).toString());
        assertTrue(events.stream().anyMatch(e -> e instanceof TraceEvent.Touch));
        TraceEvent last = events.get(events.size() - 1);
        assertEquals(new TraceEvent.Exit(last.pid(), last.timeDeltaNs(), 5, false), last, "sh exits with exit_group(5)");
    }
}
