package org.ptreplay.trace.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ptreplay.trace.Flags;
import org.ptreplay.trace.TraceEvent;
import org.ptreplay.trace.TraceEvent.Kind;

/** The strace recordings in examples/traces, checked against counts taken from the text itself. */
class StraceRecordingsTest {

    /** Lines that start a call (complete or {@code <unfinished ...>}), as {@code grep -c ' NAME('} would. */
    private static long calls(List<String> lines, String name) {
        Pattern p = Pattern.compile("^\\d+ +[\\d.]+ " + name + "\\(");
        return lines.stream().filter(l -> p.matcher(l).find()).count();
    }

    @ParameterizedTest
    @ValueSource(strings = {"java-version.strace", "gcc-hello.strace", "python-list.strace", "git-log.strace",
        "redis-bgsave.strace"})
    void everyRecordingImportsCleanlyAndInCausalOrder(String name) throws Exception {
        List<String> lines = Recordings.lines(name);
        Imported im = Recordings.load(new StraceImporter(), name, ImportOptions.defaults().withPopulate(Populate.ALL));
        ImportStats s = im.stats();
        assertEquals(lines.size(), s.lines());
        assertEquals(0, s.unparsedLines(), "first unparsed line " + s.firstUnparsedLine());
        assertEquals(0, s.orphanReturns());
        for (String mm : List.of("mmap", "munmap", "mremap", "mprotect", "madvise", "brk")) {
            assertEquals(calls(lines, mm), s.count(Kind.valueOf(mm.toUpperCase(java.util.Locale.ROOT))), mm);
        }
        // a replay can only follow a task that exists: the root, or a child of an earlier Fork
        Set<Integer> live = new HashSet<>(Set.of(im.events().get(0).pid()));
        for (TraceEvent e : im.events()) {
            if (!live.contains(e.pid())) {
                fail(name + ": " + e + " comes before any Fork of pid " + e.pid());
            }
            if (e instanceof TraceEvent.Fork f) {
                live.add(f.childPid());
            }
        }
    }

    @Test
    void javaVersionHasOneEventPerTracedCall() throws Exception {
        List<String> lines = Recordings.lines("java-version.strace");
        Imported im = Recordings.load(new StraceImporter(), "java-version.strace", ImportOptions.defaults());
        assertEquals(calls(lines, "mmap"), im.of(TraceEvent.Mmap.class).size());
        assertEquals(170, calls(lines, "mmap"), "the count the test relies on, from grep -c");
        assertEquals(calls(lines, "clone3"), im.of(TraceEvent.Fork.class).size());
        assertTrue(im.of(TraceEvent.Fork.class).stream()
                        .allMatch(f -> (f.cloneFlags() & (Flags.CLONE_VM | Flags.CLONE_THREAD))
                                == (Flags.CLONE_VM | Flags.CLONE_THREAD)),
                "java -version only starts threads");
        assertEquals(calls(lines, "exit") + calls(lines, "exit_group"), im.of(TraceEvent.Exit.class).size(),
                "the threads left by exit_group add no exits of their own");
        assertEquals(1, im.of(TraceEvent.Exec.class).size());
        assertEquals(0, im.of(TraceEvent.Touch.class).size());
    }

    /** Every execve is kept, the failed ones with -errno, so summary counts gcc's PATH search (issue 16, item 3). */
    @Test
    void gccExecsKeepTheFailedPathSearch() throws Exception {
        List<String> lines = Recordings.lines("gcc-hello.strace");
        Imported im = Recordings.load(new StraceImporter(), "gcc-hello.strace", ImportOptions.defaults());
        long succeeded = lines.stream()
                .filter(l -> l.matches("^\\d+ +[\\d.]+ (execve\\(.*|<\\.\\.\\. execve resumed>.*)\\) = 0$"))
                .count();
        long failed = lines.stream()
                .filter(l -> l.matches("^\\d+ +[\\d.]+ (execve\\(.*|<\\.\\.\\. execve resumed>.*)\\) = -1 E.*"))
                .count();
        List<TraceEvent.Exec> execs = im.of(TraceEvent.Exec.class);
        assertEquals(succeeded, execs.stream().filter(x -> x.result() == 0).count());
        assertEquals(failed, execs.stream().filter(x -> x.result() < 0).count());
        assertTrue(failed > 0, "gcc searches PATH for 'as'");
        assertTrue(im.of(TraceEvent.Fork.class).stream()
                .allMatch(f -> f.cloneFlags() == (Flags.CLONE_VM | Flags.CLONE_VFORK)), "gcc runs its passes with vfork");
    }

    @Test
    void pythonListGrowsByMremapAndPopulateTouchesEachGrownTail() throws Exception {
        Imported im = Recordings.load(new StraceImporter(), "python-list.strace",
                ImportOptions.defaults().withPopulate(Populate.ALL));
        List<TraceEvent.Mremap> grown = im.of(TraceEvent.Mremap.class).stream()
                .filter(r -> r.result() >= 0 && r.newLength() > r.oldLength()).toList();
        assertEquals(64, im.of(TraceEvent.Mremap.class).size());
        assertEquals(64, grown.size(), "every one grows the list (awk over the text agrees)");
        for (TraceEvent.Mremap r : grown) {
            TraceEvent next = im.events().get(im.events().indexOf(r) + 1);
            assertEquals(new TraceEvent.Touch(r.pid(), 0, r.result() + r.oldLength(), r.newLength() - r.oldLength(),
                    true), next, "page-aligned lengths, so the tail is exact");
        }
    }

    @Test
    void redisBgsaveForksAProcessBesideItsThreads() throws Exception {
        Imported im = Recordings.load(new StraceImporter(), "redis-bgsave.strace", ImportOptions.defaults());
        List<TraceEvent.Fork> processes = im.of(TraceEvent.Fork.class).stream()
                .filter(f -> (f.cloneFlags() & Flags.CLONE_VM) == 0).toList();
        assertEquals(1, processes.size(), "the BGSAVE child");
        int child = processes.get(0).childPid();
        assertTrue(im.of(TraceEvent.Exit.class).stream().anyMatch(x -> x.pid() == child && x.group()));
    }
}
