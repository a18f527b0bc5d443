package org.ptreplay.trace.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ptreplay.trace.Flags;
import org.ptreplay.trace.TraceEvent;
import org.ptreplay.trace.TraceEvent.Brk;
import org.ptreplay.trace.TraceEvent.Exec;
import org.ptreplay.trace.TraceEvent.Exit;
import org.ptreplay.trace.TraceEvent.Fork;
import org.ptreplay.trace.TraceEvent.Madvise;
import org.ptreplay.trace.TraceEvent.Mmap;
import org.ptreplay.trace.TraceEvent.Mprotect;
import org.ptreplay.trace.TraceEvent.Mremap;
import org.ptreplay.trace.TraceEvent.Touch;
import org.ptreplay.trace.TraceHeader;

class PerfScriptImporterTest {
    private static final int RW = Flags.PROT_READ | Flags.PROT_WRITE;

    @Test
    void realSnippetBecomesTheseEvents() throws Exception {
        List<TraceEvent> events = new ArrayList<>();
        ImportResult r;
        try (Reader in = new InputStreamReader(
                PerfScriptImporterTest.class.getResourceAsStream("/importer/perf-python-mix.txt"),
                StandardCharsets.UTF_8)) {
            r = new PerfScriptImporter().importTo(in, "perf-python-mix.txt", ImportOptions.defaults(), events::add);
        }
        // Times are the ns fractions of 876.xxx s; each delta is this event's time minus the previous one's.
        // error_code 0x6 = user|write, 0x4 = user read, 0x14 = user instruction fetch, 0x7 = write to a present page.
        // Thread 19705: task_newtask flags 0x3d0f00 = VM|FS|FILES|SIGHAND|THREAD|SYSVSEM|SETTLS|PARENT_SETTID|CHILD_CLEARTID.
        // Process 19706: 0x1200000 = CHILD_SETTID|CHILD_CLEARTID; it exit_groups with 7.
        // The mmap of 1 << 60 bytes fails: 0xfffffffffffffff4 is -12, ENOMEM. The last exit is the SIGBUS, code unseen: 0.
        assertEquals(List.of(
                new Exec(19703, 0, 0),
                new Touch(19703, 934_492_418L - 934_471_850L, 0x7f0302898000L, 4096, true),
                new Touch(19703, 934_499_832L - 934_492_418L, 0x7f0302865000L, 4096, false),
                new Brk(19703, 934_514_350L - 934_499_832L, 0, 0x24b9c000L),
                new Fork(19703, 953_559_573L - 934_514_350L, 19705, 0x3d0f00, 19705),
                new Touch(19705, 953_617_751L - 953_559_573L, 0x7f030227c000L, 4096, true),
                new Mmap(19705, 953_634_573L - 953_617_751L, 0, 0x08000000, Flags.PROT_NONE,
                        Flags.MAP_PRIVATE | Flags.MAP_ANONYMOUS | Flags.MAP_NORESERVE, -1, 0, 0x7f02f9a00000L),
                new Mprotect(19705, 953_652_477L - 953_634_573L, 0x7f02fc000000L, 0x21000, RW, 0),
                new Madvise(19705, 953_748_738L - 953_652_477L, 0x7f0301a7d000L, 0x7fb000, Flags.MADV_DONTNEED, 0),
                new Exit(19705, 953_754_018L - 953_748_738L, 0, false),
                new Fork(19703, 954_265_908L - 953_754_018L, 19706, 0x1200000, 19706),
                new Touch(19706, 954_382_006L - 954_265_908L, 0x7f030261a000L, 4096, false),
                new Touch(19706, 954_386_405L - 954_382_006L, 0x7f030271f000L, 4096, true),
                new Exit(19706, 955_221_441L - 954_386_405L, 7, false),
                new Mmap(19703, 955_639_937L - 955_221_441L, 0, 1L << 60, RW, Flags.MAP_SHARED | Flags.MAP_ANONYMOUS,
                        -1, 0, -Flags.ENOMEM),
                new Mmap(19703, 955_693_237L - 955_639_937L, 0, 0x2000, RW, Flags.MAP_SHARED | Flags.MAP_ANONYMOUS,
                        -1, 0, 0x7f0302852000L),
                new Mremap(19703, 955_718_144L - 955_693_237L, 0x7f0302852000L, 0x2000, 0x10000, Flags.MREMAP_MAYMOVE,
                        0, 0x7f0301a6d000L),
                new Touch(19703, 955_720_328L - 955_718_144L, 0x7f0301a7c000L, 4096, true),
                new Exit(19703, 955_741_838L - 955_720_328L, 0, false)), events);
        ImportStats s = r.stats();
        assertEquals(34, s.lines());
        assertEquals(0, s.unparsedLines());
        assertEquals(Map.of(), s.skippedSyscalls());
        assertEquals(6, s.count(TraceEvent.Kind.TOUCH));
        assertEquals(TraceHeader.SourceKind.PERF, r.header().source().kind());
        assertEquals(Map.of("page_size", "4096"), r.header().source().params());
    }

    @Test
    void bytearrayRecordingTouchesEveryPageOfTheBuffer() throws Exception {
        Imported im = Recordings.load(new PerfScriptImporter(), "python-bytearray.perf.xz", ImportOptions.defaults());
        assertEquals(0, im.stats().unparsedLines());
        // glibc serves the 64 MiB bytearray with one mmap of 64 MiB + one page (its chunk header)
        List<Mmap> buffer = im.of(Mmap.class).stream().filter(m -> m.length() == (64 << 20) + 4096).toList();
        assertEquals(1, buffer.size());
        long base = buffer.get(0).result();
        BitSet pages = new BitSet();
        for (Touch t : im.of(Touch.class)) {
            if (t.addr() >= base && t.addr() < base + buffer.get(0).length()) {
                pages.set((int) ((t.addr() - base) >> 12));
            }
        }
        assertEquals(16385, pages.cardinality(), "every page was faulted in, THP being off for this mapping");
    }

    /** The recording with some tracepoints' lines taken out, as if they had not been recorded. */
    private static Imported recordingWithout(String name, String... events) throws Exception {
        StringBuilder text = new StringBuilder();
        try (java.io.BufferedReader r = new java.io.BufferedReader(Recordings.open(name))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                String l = line;
                if (java.util.Arrays.stream(events).noneMatch(e -> l.contains(" " + e + ": "))) {
                    text.append(line).append('\n');
                }
            }
        }
        return Imported.perf(text.toString());
    }

    /** Each event with its fork's flags reduced to the two that decide thread or process. */
    private static List<TraceEvent> kinds(Imported im) {
        return im.events().stream().map(e -> e instanceof Fork f
                ? new Fork(f.pid(), f.timeDeltaNs(), f.childPid(), f.cloneFlags() & (Flags.CLONE_VM | Flags.CLONE_THREAD),
                        f.result())
                : e).toList();
    }

    /** Every task's events come after the Fork that made it (the first task is the exec'd root). */
    private static void assertForkedBeforeUse(Imported im) {
        java.util.Set<Integer> known = new java.util.HashSet<>();
        known.add(im.events().get(0).pid());
        for (TraceEvent e : im.events()) {
            assertTrue(known.contains(e.pid()), e + " comes before its task's Fork");
            if (e instanceof Fork f) {
                known.add(f.childPid());
            }
        }
    }

    @Test
    void threadsAndAForkOfARealRecordingGetTheirCloneKinds() throws Exception {
        // pthreads-fork.c: three pthread_create (clone3), then fork() (clone with SIGCHLD); 5 tasks, 2 thread groups
        long thread = Flags.CLONE_VM | Flags.CLONE_THREAD;
        Imported all = Recordings.load(new PerfScriptImporter(), "pthreads-fork.perf.xz", ImportOptions.defaults());
        Imported noNewTask = recordingWithout("pthreads-fork.perf.xz", "task:task_newtask");
        Imported tgidOnly = recordingWithout("pthreads-fork.perf.xz", "task:task_newtask",
                "syscalls:sys_enter_clone", "syscalls:sys_enter_clone3");
        for (Imported im : List.of(all, noNewTask, tgidOnly)) {
            assertEquals(List.of(thread, thread, thread, 0L), im.of(Fork.class).stream()
                    .map(f -> f.cloneFlags() & thread).toList());
            assertEquals(3, im.stats().threadsCreated());
            assertEquals(1, im.stats().processesCreated());
            assertForkedBeforeUse(im);
            assertEquals(kinds(all), kinds(im), "the same events in the same order, whatever told the flags");
        }
        assertEquals(Map.of("task:task_newtask", 4L), all.stats().forkFlagSources());
        // glibc's fork: clone(CLONE_CHILD_SETTID|CLONE_CHILD_CLEARTID|SIGCHLD), the signal stripped as kernel/fork.c does
        assertEquals(0x1200000L, noNewTask.of(Fork.class).get(3).cloneFlags());
        assertEquals(Map.of("syscalls:sys_enter_clone", 1L, ImportStats.FLAGS_FROM_TGID, 3L),
                noNewTask.stats().forkFlagSources());
        assertEquals(Map.of(ImportStats.FLAGS_FROM_TGID, 4L), tgidOnly.stats().forkFlagSources());
        assertEquals(Map.of(), tgidOnly.stats().skippedSyscalls());
    }

    @Test
    void javaVersionIsOneProcessOfEighteenThreads() throws Exception {
        // issue 16: without clone flags this imported as 18 processes and 17 phantom forks
        Imported all = Recordings.load(new PerfScriptImporter(), "java-version.perf.xz", ImportOptions.defaults());
        Imported tgidOnly = recordingWithout("java-version.perf.xz", "task:task_newtask",
                "syscalls:sys_enter_clone", "syscalls:sys_enter_clone3");
        for (Imported im : List.of(all, tgidOnly)) {
            assertEquals(17, im.stats().threadsCreated());
            assertEquals(0, im.stats().processesCreated());
            assertEquals(1, im.of(Exec.class).size());
            assertForkedBeforeUse(im);
            assertEquals(kinds(all), kinds(im));
        }
        assertEquals(Map.of(ImportStats.FLAGS_FROM_TGID, 17L), tgidOnly.stats().forkFlagSources());
    }

    @Test
    void aForkWhoseChildNeverShowsIsWrittenAsAForkAndCountedUnknown() throws Exception {
        Imported im = Imported.perf("""
                sh 10/10 1.000000000: sched:sched_process_fork: comm=sh pid=10 child_comm=sh child_pid=11
                sh 10/10 1.000000001: syscalls:sys_enter_munmap: addr: 0x1000, len: 0x1000
                sh 10/10 1.000000002: syscalls:sys_exit_munmap: 0x0
                sh 10/10 1.000000003: sched:sched_process_fork: comm=sh pid=10 child_comm=sh child_pid=12
                sh 10/12 1.000000004: sched:sched_process_exit: comm=sh pid=12 prio=120 group_dead=false
                """);
        // 11 never prints a line: its fork waits for nothing more and goes out first, as a fork;
        // 12's line shows group 10: a thread, decided when it was seen, its exit after its fork
        assertEquals(List.of(
                new Fork(10, 0, 11, 0, 11),
                new TraceEvent.Munmap(10, 2, 0x1000, 0x1000, 0),
                new Fork(10, 1, 12, ForkResolver.THREAD_FLAGS, 12),
                new Exit(12, 1, 0, false)), im.events());
        assertEquals(Map.of(ImportStats.FLAGS_UNKNOWN, 1L, ImportStats.FLAGS_FROM_TGID, 1L), im.stats().forkFlagSources());
    }

    @Test
    void aThreadThatExecsIsDecidedByItsExec() throws Exception {
        // de_thread: thread 12 execs and takes over pid 10; the exec line shows 10/10 and old_pid=12
        Imported im = Imported.perf("""
                sh 10/10 1.000000000: sched:sched_process_fork: comm=sh pid=10 child_comm=sh child_pid=12
                sh 10/10 1.000000001: sched:sched_process_exec: filename=/bin/true pid=10 old_pid=12
                """);
        assertEquals(List.of(
                new Fork(10, 0, 12, ForkResolver.THREAD_FLAGS, 12),
                new Exit(12, 1, 0, false),
                new Exec(10, 0, 0)), im.events());
    }

    @Test
    void withoutTidsOrFlagsAForkIsUnknown() throws Exception {
        Imported im = Imported.perf("""
                sh 10 [000] 1.000000000: sched:sched_process_fork: comm=sh pid=10 child_comm=sh child_pid=11
                """);
        assertEquals(List.of(new Fork(10, 0, 11, 0, 11)), im.events());
        assertEquals(Map.of(ImportStats.FLAGS_UNKNOWN, 1L), im.stats().forkFlagSources());
    }

    @Test
    void defaultPerfLayoutAndCommsWithSpacesParse() throws Exception {
        Imported im = Imported.perf("""
                 C2 CompilerThre  4242 [001]   100.000001:    exceptions:page_fault_user: address=0x1234 ip=0x1 error_code=0x6
                       java  4242 [000]   100.000002:    syscalls:sys_enter_munmap: addr: 0x7f0000000000, len: 0x00001000
                       java  4242 [000]   100.000004:    syscalls:sys_exit_munmap: 0x0
                """);
        // µs timestamps; the munmap is written at its exit (100.000004), 3 µs after the fault
        assertEquals(List.of(
                new Touch(4242, 0, 0x1000, 4096, true),
                new TraceEvent.Munmap(4242, 3_000, 0x7f0000000000L, 4096, 0)), im.events());
    }

    @Test
    void unknownEventsAreSkippedAndUnpairedCallsCounted() throws Exception {
        Imported im = Imported.perf("""
                # a comment from perf script --header
                sh 10/10 1.000000000: syscalls:sys_exit_mmap: 0x7f0000000000
                sh 10/10 1.000000001: sched:sched_switch: prev_comm=sh prev_pid=10
                sh 10/10 1.000000002: syscalls:sys_enter_openat: dfd: 0xffffff9c, filename: 0x1, flags: 0x0, mode: 0x0
                sh 10/10 1.000000003: syscalls:sys_enter_munmap: addr: 0x1000, len: 0x1000
                sh 10/10 1.000000004: sched:sched_process_exit: comm=sh pid=10 prio=120 group_dead=true
                not a perf line
                """);
        ImportStats s = im.stats();
        assertEquals(List.of(new Exit(10, 0, 0, false)), im.events());
        assertEquals(Map.of("openat", 1L, "sched:sched_switch", 1L), s.skippedSyscalls());
        assertEquals(1, s.orphanReturns(), "the exit of an mmap whose enter was not recorded");
        assertEquals(1, s.unfinishedCalls(), "the munmap that never returned");
        assertEquals(7, s.firstUnparsedLine());
    }

    @Test
    void malformedFieldsFailWithFileAndLine() {
        String bad = """
                sh 10/10 1.000000000: sched:sched_process_exec: filename=/bin/sh pid=10 old_pid=10
                sh 10/10 1.000000001: exceptions:page_fault_user: address=somewhere ip=0x1 error_code=0x6
                """;
        ImportException e = assertThrows(ImportException.class, () -> new PerfScriptImporter()
                .importTo(new StringReader(bad), "x.perf", ImportOptions.defaults(), ev -> { }));
        assertEquals("x.perf: line 2: cannot read this exceptions:page_fault_user event: 'somewhere' is not a number.",
                e.getMessage());
        assertEquals(2, e.lineNumber());
        ImportException e2 = assertThrows(ImportException.class, () -> new PerfScriptImporter()
                .importTo(new StringReader("sh 10/10 1.0: syscalls:sys_enter_mmap: addr: 0x0, len: zero\n"), "y.perf",
                        ImportOptions.defaults(), ev -> { }));
        assertEquals("y.perf: line 1: cannot read this syscalls:sys_enter_mmap event: 'len: zero' is not in the expected form.",
                e2.getMessage());
    }

    @Test
    void populateIsRefusedForPerf() {
        assertThrows(IllegalArgumentException.class, () -> Imported.run(new PerfScriptImporter(), "",
                ImportOptions.defaults().withPopulate(Populate.ALL)));
    }

    @Test
    void headerCarriesTheRecordingMachine() throws Exception {
        TraceHeader.Machine m = new TraceHeader.Machine("x86_64", 4096, "6.18.0",
                Map.of("enabled", "always [madvise] never"), 2);
        Imported im = Imported.run(new PerfScriptImporter(), "", ImportOptions.defaults().withMachine(m)
                .withDetail("perf record -- true"));
        assertEquals(m, im.result().header().machine());
        assertEquals("perf record -- true", im.result().header().source().detail());
        assertTrue(im.events().isEmpty());
    }
}
