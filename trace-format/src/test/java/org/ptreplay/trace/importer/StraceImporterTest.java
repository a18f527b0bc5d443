package org.ptreplay.trace.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.StringReader;
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
import org.ptreplay.trace.TraceEvent.Munmap;
import org.ptreplay.trace.TraceHeader;

class StraceImporterTest {
    private static final int RW = Flags.PROT_READ | Flags.PROT_WRITE;
    private static final int PRIVATE_ANON = Flags.MAP_PRIVATE | Flags.MAP_ANONYMOUS;

    @Test
    void memoryCallsWithSymbolicFlagsAndEpochTimestamps() throws Exception {
        Imported im = Imported.strace("""
                100   1700000000.000100 mmap(NULL, 8192, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0) = 0x7f0000000000
                100   1700000000.000300 munmap(0x7f0000000000, 4096) = 0
                100   1700000000.000350 mremap(0x7f0000001000, 4096, 8192, MREMAP_MAYMOVE|MREMAP_FIXED, 0x7f0000100000) = 0x7f0000100000
                100   1700000000.000400 brk(NULL)       = 0x55d000000000
                100   1700000000.000400 madvise(0x7f0000100000, 8192, MADV_DONTNEED) = 0
                100   1700000000.001400 mprotect(0x7f0000100000, 4096, PROT_READ) = 0
                """);
        // deltas: the first event has none; then 200 µs, 50 µs, 50 µs, 0, 1 ms
        assertEquals(List.of(
                new Mmap(100, 0, 0, 8192, RW, PRIVATE_ANON, -1, 0, 0x7f0000000000L),
                new Munmap(100, 200_000, 0x7f0000000000L, 4096, 0),
                new Mremap(100, 50_000, 0x7f0000001000L, 4096, 8192, Flags.MREMAP_MAYMOVE | Flags.MREMAP_FIXED,
                        0x7f0000100000L, 0x7f0000100000L),
                new Brk(100, 50_000, 0, 0x55d000000000L),
                new Madvise(100, 0, 0x7f0000100000L, 8192, Flags.MADV_DONTNEED, 0),
                new Mprotect(100, 1_000_000, 0x7f0000100000L, 4096, Flags.PROT_READ, 0)), im.events());
        assertEquals(6, im.stats().lines());
        assertEquals(1, im.stats().count(TraceEvent.Kind.MMAP));
    }

    @Test
    void pidColumnFormsAndTimeOfDayTimestamps() throws Exception {
        Imported im = Imported.strace("""
                [pid  7] 23:59:59.750000 munmap(0x1000, 4096) = 0
                [pid 8] 23:59:59 munmap(0x2000, 4096) = 0
                munmap(0x3000, 4096) = 0
                9 00:00:00.250000 munmap(0x4000, 4096) = 0
                """, ImportOptions.defaults().withDefaultPid(42));
        // 23:59:59 is earlier than the previous line: delta 0. The line without pid gets the
        // default pid and, without a time, delta 0. 00:00:00.25 is the next day: 23:59:59.75 + 0.5 s.
        assertEquals(List.of(
                new Munmap(7, 0, 0x1000, 4096, 0),
                new Munmap(8, 0, 0x2000, 4096, 0),
                new Munmap(42, 0, 0x3000, 4096, 0),
                new Munmap(9, 500_000_000, 0x4000, 4096, 0)), im.events());
    }

    @Test
    void unfinishedCallsResumeAcrossInterleavedPids() throws Exception {
        Imported im = Imported.strace("""
                200 1.000000 mmap(NULL, 4096, PROT_READ <unfinished ...>
                201 1.000010 munmap(0x5000, 4096 <unfinished ...>
                200 1.000020 <... mmap resumed>, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0) = 0x7f0000000000
                201 1.000030 <... munmap resumed>) = -1 EINVAL (Invalid argument)
                """);
        // each event is written at its resumed line, with the result; EINVAL is 22
        assertEquals(List.of(
                new Mmap(200, 0, 0, 4096, Flags.PROT_READ, PRIVATE_ANON, -1, 0, 0x7f0000000000L),
                new Munmap(201, 10_000, 0x5000, 4096, -Flags.EINVAL)), im.events());
    }

    @Test
    void failedAndUnknownResults() throws Exception {
        Imported im = Imported.strace("""
                1 mmap(NULL, 1099511627776, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0) = -1 ENOMEM (Cannot allocate memory)
                1 munmap(0x1000, 4096) = ?
                1 munmap(0x2000, 4096) = 0 <0.000012>
                """);
        assertEquals(List.of(
                new Mmap(1, 0, 0, 1L << 40, RW, PRIVATE_ANON, -1, 0, -Flags.ENOMEM),
                new Munmap(1, 0, 0x1000, 4096, TraceEvent.UNKNOWN_RESULT),
                new Munmap(1, 0, 0x2000, 4096, 0)), im.events());
    }

    @Test
    void forksTellThreadsFromProcessesAndPutChildrenAfterTheirFork() throws Exception {
        Imported im = Imported.strace("""
                300 2.000000 clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD, child_tidptr=0x7f00000000) = 301
                300 2.000100 clone3({flags=CLONE_VM|CLONE_FS|CLONE_FILES|CLONE_SIGHAND|CLONE_THREAD|CLONE_SYSVSEM|CLONE_SETTLS|CLONE_PARENT_SETTID|CLONE_CHILD_CLEARTID, child_tid=0x7f1, parent_tid=0x7f1, exit_signal=0, stack=0x7f0, stack_size=0xfef80, tls=0x7f2} => {parent_tid=[302]}, 88) = 302
                300 2.000200 vfork( <unfinished ...>
                303 2.000300 execve("/bin/true", ["true"], 0x7ffd /* 3 vars */ <unfinished ...>
                303 2.000400 <... execve resumed>) = 0
                300 2.000500 <... vfork resumed>) = 303
                300 2.000600 fork() = 304
                300 2.000700 clone3({flags=CLONE_VM|CLONE_VFORK, exit_signal=SIGCHLD, stack=0x7f3, stack_size=0x9000}, 88) = -1 EAGAIN (Resource temporarily unavailable)
                """);
        // clone: the exit signal (SIGCHLD) is not a clone flag, CHILD_CLEARTID|CHILD_SETTID = 0x1200000.
        // clone3 thread: VM|FS|FILES|SIGHAND = 0xf00, THREAD|SYSVSEM|SETTLS|PARENT_SETTID|CHILD_CLEARTID = 0x3d0000.
        // The vfork child's exec was printed before the vfork returned: it follows the Fork, with
        // delta 0 since its time (2.0004) is before the Fork's (2.0005). The failed clone3 is no fork.
        assertEquals(List.of(
                new Fork(300, 0, 301, 0x1200000, 301),
                new Fork(300, 100_000, 302, 0x3d0f00, 302),
                new Fork(300, 400_000, 303, Flags.CLONE_VM | Flags.CLONE_VFORK, 303),
                new Exec(303, 0, 0),
                new Fork(300, 100_000, 304, 0, 304)), im.events());
        assertEquals(Map.of("clone3 (failed)", 1L), im.stats().skippedSyscalls());
    }

    @Test
    void exitGroupEndsTheThreadsAndPlusLinesEndUntracedExits() throws Exception {
        Imported im = Imported.strace("""
                400 3.000000 clone3({flags=CLONE_VM|CLONE_THREAD|CLONE_SIGHAND, exit_signal=0, stack=0x1, stack_size=0x1000}, 88) = 401
                400 3.000010 clone(child_stack=NULL, flags=SIGCHLD) = 402
                401 3.000020 --- SIGUSR1 {si_signo=SIGUSR1, si_code=SI_TKILL, si_pid=400, si_uid=0} ---
                402 3.000030 exit(3)                   = ?
                402 3.000040 +++ exited with 3 +++
                400 3.000050 exit_group(0)             = ?
                401 3.000060 +++ exited with 0 +++
                400 3.000070 +++ exited with 0 +++
                500 3.000080 +++ killed by SIGKILL +++
                501 3.000090 +++ exited with 2 +++
                502 3.000100 +++ killed by SIGSEGV (core dumped) +++
                """);
        // 401 and 400 go with the exit_group; 500, 501 and 502 exited without a traced call:
        // killed by SIGKILL (9) is 128 + 9, by SIGSEGV (11) 128 + 11.
        assertEquals(List.of(
                new Fork(400, 0, 401, Flags.CLONE_VM | Flags.CLONE_THREAD | Flags.CLONE_SIGHAND, 401),
                new Fork(400, 10_000, 402, 0, 402),
                new Exit(402, 20_000, 3, false),
                new Exit(400, 20_000, 0, true),
                new Exit(500, 30_000, 137, false),
                new Exit(501, 10_000, 2, false),
                new Exit(502, 10_000, 139, false)), im.events());
    }

    @Test
    void execInANonLeaderThreadRetiresTheThreadPid() throws Exception {
        Imported im = Imported.strace("""
                600 5.000000 clone3({flags=CLONE_VM|CLONE_THREAD|CLONE_SIGHAND, exit_signal=0}, 88) = 601
                601 5.000100 execve("/bin/true", ["true"], 0x1 /* 1 var */ <unfinished ...>
                600 5.000200 +++ superseded by execve in pid 601 +++
                600 5.000300 <... execve resumed>) = 0
                600 5.000400 exit_group(0) = ?
                600 5.000500 +++ exited with 0 +++
                """);
        // 601 carries on under the leader's pid 600: the pid 601 ends, 600 gets the new mm
        assertEquals(List.of(
                new Fork(600, 0, 601, Flags.CLONE_VM | Flags.CLONE_THREAD | Flags.CLONE_SIGHAND, 601),
                new Exit(601, 200_000, 0, false),
                new Exec(600, 100_000, 0),
                new Exit(600, 100_000, 0, true)), im.events());
    }

    @Test
    void failedExecIsKeptAsAFailedExec() throws Exception {
        Imported im = Imported.strace("""
                700 execve("/nonexistent", ["x"], 0x7ffd /* 3 vars */) = -1 ENOENT (No such file or directory)
                700 execve("/bin/true", ["true"], 0x7ffd /* 3 vars */) = 0
                """);
        // ENOENT is 2: the failed call stays, with -errno, so summary counts it (issue 16, item 3).
        assertEquals(List.of(new Exec(700, 0, -2), new Exec(700, 0, 0)), im.events());
        assertEquals(Map.of(), im.stats().skippedSyscalls());
    }

    @Test
    void aThousandJunkLinesInARowEndTheImport() throws Exception {
        String junk = "\u0007garbage \u00ff\n".repeat(StatsCounter.MAX_UNPARSED_RUN - 1);
        String call = "1 mmap(NULL, 4096, PROT_READ, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0) = 0x7f0000000000\n";
        // 999 in a row are tolerated, and a good line starts the count again
        Imported ok = Imported.strace(junk + call + junk + call);
        assertEquals(2 * (StatsCounter.MAX_UNPARSED_RUN - 1), ok.stats().unparsedLines());
        assertEquals(2, ok.events().size());
        ImportException e = assertThrows(ImportException.class, () -> Imported.strace(call + junk + "junk\n" + call));
        assertEquals("test.txt: line 1001: 1000 lines in a row are of no known shape, so this is not strace output.",
                e.getMessage());
        ImportException p = assertThrows(ImportException.class, () -> Imported.perf(junk + "junk\n"));
        assertEquals("test.txt: line 1000: 1000 lines in a row are of no known shape, so this is not perf script output.",
                p.getMessage());
    }

    @Test
    void unknownSyscallsAreCountedAndGarbageLinesToo() throws Exception {
        Imported im = Imported.strace("""
                700 read(3, "a,b)", 3) = 3
                700 openat(AT_FDCWD, "/x", O_RDONLY) = 3

                hello world
                700 read(3,  <unfinished ...>
                700 <... read resumed>"", 10) = 0
                700 <... mmap resumed>) = 0x1000
                700 munmap(0x1000, 4096 <unfinished ...>
                """);
        ImportStats s = im.stats();
        assertEquals(List.of(), im.events());
        assertEquals(Map.of("openat", 1L, "read", 2L), s.skippedSyscalls());
        assertEquals(1, s.unparsedLines());
        assertEquals(4, s.firstUnparsedLine());
        assertEquals(1, s.orphanReturns(), "the mmap resumed without a start");
        assertEquals(1, s.unfinishedCalls(), "the munmap never returned");
        assertEquals(8, s.lines());
    }

    @Test
    void fdPathsWithCommasAndVerboseComments() throws Exception {
        Imported im = Imported.strace("""
                1 mmap(NULL, 4096, PROT_READ, MAP_PRIVATE|MAP_DENYWRITE, 3</usr/lib/a,b.so>, 0x2000) = 0x7f0000000000
                1 mmap(0, 0x200000, 0x3 /* PROT_READ|PROT_WRITE */, MAP_PRIVATE|MAP_ANONYMOUS|MAP_HUGETLB|MAP_HUGE_2MB, -1, 0) = 0x7f0000200000
                """);
        // MAP_HUGE_2MB: log2(2 MiB) = 21 in bits 26 and up
        assertEquals(List.of(
                new Mmap(1, 0, 0, 4096, Flags.PROT_READ, Flags.MAP_PRIVATE | Flags.MAP_DENYWRITE, 3, 0x2000,
                        0x7f0000000000L),
                new Mmap(1, 0, 0, 0x200000, RW, PRIVATE_ANON | Flags.MAP_HUGETLB | (21 << 26), -1, 0,
                        0x7f0000200000L)), im.events());
    }

    @Test
    void headerNamesTheSourceAndThePopulateMode() throws Exception {
        Imported im = Imported.strace("", ImportOptions.defaults().withPopulate(Populate.WRITABLE)
                .withProducer("ptreplay 0.1.0"));
        TraceHeader h = im.result().header();
        assertEquals(TraceHeader.SourceKind.STRACE, h.source().kind());
        assertEquals("test.txt", h.source().detail());
        assertEquals(Map.of("populate", "writable", "page_size", "4096"), h.source().params());
        assertEquals("ptreplay 0.1.0", h.producer());
        assertEquals(TraceHeader.Machine.UNKNOWN, h.machine());
        assertEquals(h, new StraceImporter().header("test.txt", ImportOptions.defaults()
                .withPopulate(Populate.WRITABLE).withProducer("ptreplay 0.1.0")));
    }

    @Test
    void heldChildEventsGoOutWhenTheHoldCapIsReached() throws Exception {
        List<TraceEvent> events = new java.util.ArrayList<>();
        new StraceImporter(2).importTo(new StringReader("""
                1 clone(child_stack=NULL, flags=SIGCHLD <unfinished ...>
                2 munmap(0x1000, 4096) = 0
                2 munmap(0x2000, 4096) = 0
                2 munmap(0x3000, 4096) = 0
                1 <... clone resumed>) = 2
                """), "cap.strace", ImportOptions.defaults(), events::add);
        // the third held event passes the cap of 2: the child's events go out before its Fork
        assertEquals(List.of(
                new Munmap(2, 0, 0x1000, 4096, 0),
                new Munmap(2, 0, 0x2000, 4096, 0),
                new Munmap(2, 0, 0x3000, 4096, 0),
                new Fork(1, 0, 2, 0, 2)), events);
    }

    @Test
    void malformedModeledCallsFailWithFileAndLine() {
        assertEquals("bad.strace: line 2: cannot read this mmap call: 'PROT_BOGUS' is not a number or a known flag.",
                failure("""
                        1 munmap(0x1000, 4096) = 0
                        1 mmap(NULL, 4096, PROT_READ|PROT_BOGUS, MAP_PRIVATE, -1, 0) = 0x1000
                        """));
        assertEquals("bad.strace: line 1: cannot read this mmap call: mmap has 2 arguments where 6 were expected.",
                failure("1 mmap(NULL, 4096) = 0x1000\n"));
        assertEquals("bad.strace: line 1: cannot read this munmap call: the error name EWEIRD is not one ptreplay knows.",
                failure("1 munmap(0x1000, 4096) = -1 EWEIRD (Weird)\n"));
        assertEquals("bad.strace: line 1: cannot read this munmap call: the argument list is not closed.",
                failure("1 munmap(0x1000, 4096 = 0\n"));
        assertEquals("bad.strace: line 1: cannot read this brk call: there is no result.",
                failure("1 brk(NULL)\n"));
        assertEquals("bad.strace: line 1: cannot read this clone call: there is no flags= argument.",
                failure("1 clone(child_stack=NULL) = 5\n"));
        assertEquals("bad.strace: line 2: the line is longer than 1024 KiB, so this is not a text recording.",
                failure("1 munmap(0x1000, 4096) = 0\n" + "x".repeat(LineSource.MAX_LINE + 1)));
    }

    private static String failure(String text) {
        return assertThrows(ImportException.class, () -> new StraceImporter().importTo(new StringReader(text),
                "bad.strace", ImportOptions.defaults(), e -> { })).getMessage();
    }
}
