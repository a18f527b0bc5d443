package org.ptreplay.tools;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ptreplay.tools.Cli.Run;
import org.ptreplay.tools.text.JsonReader;

/** convert, summary, print, stats and check through the CLI, on the committed recordings. */
class TraceCommandsTest {

    @TempDir
    Path dir;

    private Path convert(String example, String out, String... options) {
        Path target = dir.resolve(out);
        String[] args = new String[3 + options.length];
        args[0] = "convert";
        args[1] = Cli.example(example).toString();
        args[2] = target.toString();
        System.arraycopy(options, 0, args, 3, options.length);
        Run run = Cli.run(args);
        assertEquals(0, run.code(), run.err());
        return target;
    }

    /** JsonReader reads numbers as doubles; the counts here are whole. */
    private static long n(Object number) {
        return ((Number) number).longValue();
    }

    /** A JSON object of counts, as longs. */
    @SuppressWarnings("unchecked")
    private static Map<String, Long> counts(Object object) {
        Map<String, Long> m = new TreeMap<>();
        ((Map<String, Object>) object).forEach((k, v) -> m.put(k, n(v)));
        return m;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(Run run) {
        assertEquals(0, run.code(), run.err());
        return (Map<String, Object>) JsonReader.parse(run.out());
    }

    /**
     * Done-when check of issue 3: the summary of an imported strace recording of a multi-threaded
     * program counts exactly the calls in the strace file, counted here independently: one start
     * line per call ({@code NAME(}, complete or {@code <unfinished ...>}).
     */
    @Test
    void summaryOfJavaVersionCountsTheSyscallsOfTheStraceFile() throws IOException {
        Path strace = Cli.example("java-version.strace");
        Map<String, Long> calls = new TreeMap<>();
        Pattern start = Pattern.compile("^\\d+ \\d+\\.\\d+ (\\w+)\\((.*)");
        for (String line : Files.readAllLines(strace)) {
            Matcher m = start.matcher(line);
            if (m.matches()) {
                String name = m.group(1);
                // execve appears as one line; only a successful one replaces the mm
                if (name.equals("execve") && !line.endsWith(" = 0")) {
                    continue;
                }
                calls.merge(name, 1L, Long::sum);
            }
        }
        Path trace = convert("java-version.strace", "java.ptrace");
        Map<String, Object> summary = json(Cli.run("summary", "--json", trace.toString()));
        Map<String, Long> expected = new TreeMap<>();
        expected.put("mmap", calls.getOrDefault("mmap", 0L));
        expected.put("munmap", calls.getOrDefault("munmap", 0L));
        expected.put("mremap", calls.getOrDefault("mremap", 0L));
        expected.put("brk", calls.getOrDefault("brk", 0L));
        expected.put("madvise", calls.getOrDefault("madvise", 0L));
        expected.put("mprotect", calls.getOrDefault("mprotect", 0L));
        expected.put("fork", calls.getOrDefault("clone", 0L) + calls.getOrDefault("clone3", 0L)
                + calls.getOrDefault("fork", 0L) + calls.getOrDefault("vfork", 0L));
        expected.put("exec", calls.getOrDefault("execve", 0L));
        expected.put("exit", calls.getOrDefault("exit", 0L) + calls.getOrDefault("exit_group", 0L));
        expected.put("touch", 0L);
        assertEquals(expected, counts(summary.get("by_kind")));
        assertEquals(170L, expected.get("mmap"), "the README's count, as a check of the counting itself");
        assertEquals(expected.values().stream().mapToLong(Long::longValue).sum(), n(summary.get("events")));
        assertEquals(17, n(summary.get("threads")));
        assertEquals(1, n(summary.get("processes")));
        assertEquals(1, n(summary.get("format_version")));
        assertEquals(List.of("address_space_peak_bytes", "by_kind", "duration_ns", "errors", "events", "file",
                "format_version", "header", "mapped_bytes", "moved_bytes", "pids", "processes", "threads",
                "unmapped_bytes", "vma_replay_stopped"), List.copyOf(summary.keySet()));
    }

    @Test
    void aGccBuildHasVforkChildrenThatBecomeProcesses() {
        Path trace = convert("gcc-hello.strace", "gcc.ptrace");
        Map<String, Object> summary = json(Cli.run("summary", "--json", trace.toString()));
        // gcc vforks cc1, as, collect2 and ld (README.md beside the recording); each execs.
        assertTrue(n(summary.get("processes")) >= 5, summary.toString());
        assertEquals(0, n(summary.get("threads")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"zstd", "xz", "gzip", "none"})
    void convertingBetweenCodecsKeepsHeaderAndEvents(String codec) throws IOException {
        Path first = convert("python-list.strace", "list.ptrace", "--populate", "all");
        Path second = dir.resolve("list-" + codec + ".ptrace");
        assertEquals(0, Cli.run("convert", first.toString(), second.toString(), "--codec", codec).code());
        Path third = dir.resolve("list-again.ptrace");
        assertEquals(0, Cli.run("convert", second.toString(), third.toString()).code());
        assertArrayEquals(Files.readAllBytes(first), Files.readAllBytes(third), "zstd → " + codec + " → zstd is the same file");
        assertEquals(Cli.run("print", "--json", first.toString()).out(), Cli.run("print", "--json", second.toString()).out());
    }

    @Test
    void convertDetectsCompressedPerfScriptOutput() {
        Run run = Cli.run("convert", Cli.example("python-bytearray.perf.xz").toString(), dir.resolve("py.ptrace").toString());
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().contains("events from ") && run.out().contains("(perf, "), run.out());
        Map<String, Object> summary = json(Cli.run("summary", "--json", dir.resolve("py.ptrace").toString()));
        Map<String, Long> kinds = counts(summary.get("by_kind"));
        assertTrue(kinds.get("touch") > 16384, kinds.toString());
    }

    @Test
    void perfThreadsAreThreadsWithOrWithoutCloneFlags() throws Exception {
        // pthreads-fork.c: 3 threads, then a forked child; the second input lacks every clone-flag line
        Path full = convert("pthreads-fork.perf.xz", "full.ptrace");
        Path text = dir.resolve("no-flags.perf");
        try (var in = org.ptreplay.trace.FileSniffer.openContent(Cli.example("pthreads-fork.perf.xz"))) {
            Files.write(text, new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.contains("task:task_newtask") && !l.contains("syscalls:sys_enter_clone"))
                    .toList());
        }
        Run run = Cli.run("convert", text.toString(), dir.resolve("no-flags.ptrace").toString());
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().contains("new tasks: 3 threads, 1 processes; clone flags from thread-group id 4"), run.out());
        assertTrue(run.out().contains("one leading its own group is a fork"), run.out());
        for (Path trace : List.of(full, dir.resolve("no-flags.ptrace"))) {
            Map<String, Object> summary = json(Cli.run("summary", "--json", trace.toString()));
            assertEquals(2, n(summary.get("processes")), trace.toString());
            assertEquals(3, n(summary.get("threads")), trace.toString());
        }
    }

    @Test
    void populateAppliesToStraceOnly() {
        Run run = Cli.run("convert", Cli.example("python-bytearray.perf.xz").toString(), dir.resolve("p.ptrace").toString(),
                "--populate", "all");
        assertEquals(2, run.code());
        assertTrue(run.err().contains("--populate applies to strace input only"), run.err());
        assertFalse(Files.exists(dir.resolve("p.ptrace")));
    }

    @Test
    void badOptionValuesAreUsageErrors() {
        String in = Cli.example("git-log.strace").toString();
        Run codec = Cli.run("convert", in, dir.resolve("x.ptrace").toString(), "--codec", "lz4");
        assertEquals(2, codec.code());
        // xz is two edits from lz4, and the shared rule allows two edits for any name.
        assertEquals("ptreplay: unknown codec 'lz4' (did you mean 'xz'?); codecs: zstd, xz, gzip, none"
                + System.lineSeparator(), codec.err());
        Run from = Cli.run("convert", in, dir.resolve("x.ptrace").toString(), "--from", "Strase");
        assertEquals(2, from.code());
        assertEquals("ptreplay: unknown input kind 'Strase' (did you mean 'strace'?); kinds: ptrace, strace, perf, text"
                + System.lineSeparator(), from.err());
        Run populate = Cli.run("convert", in, dir.resolve("x.ptrace").toString(), "--populate", "some");
        assertEquals(2, populate.code());
        assertEquals("ptreplay: unknown populate mode 'some' (did you mean 'none'?); modes: none, all, writable" + System.lineSeparator(),
                populate.err());
        Run binaryToStdout = Cli.run("convert", in, "-", "--to", "ptrace");
        assertEquals(2, binaryToStdout.code());
    }

    @Test
    void printFiltersByPidKindAndIndex() {
        Path trace = convert("redis-bgsave.strace", "redis.ptrace");
        Run forks = Cli.run("print", "--json", "--kinds", "fork,exit", trace.toString());
        assertEquals(0, forks.code(), forks.err());
        List<String> lines = forks.out().lines().toList();
        assertFalse(lines.isEmpty());
        for (String line : lines) {
            @SuppressWarnings("unchecked")
            Map<String, Object> e = (Map<String, Object>) JsonReader.parse(line);
            assertTrue(List.of("fork", "exit").contains(e.get("kind")), line);
        }
        Run window = Cli.run("print", "--json", "--from", "10", "--limit", "3", trace.toString());
        List<Long> indices = window.out().lines().map(l -> n(((Map<?, ?>) JsonReader.parse(l)).get("index"))).toList();
        assertEquals(List.of(10L, 11L, 12L), indices);
        long pid = n(((Map<?, ?>) JsonReader.parse(lines.get(0))).get("pid"));
        Run one = Cli.run("print", "--json", "--pid", Long.toString(pid + 1), "--kinds", "fork", trace.toString());
        assertEquals("", one.out());
        Run bad = Cli.run("print", "--kinds", "mmpa", trace.toString());
        assertEquals(2, bad.code());
        assertTrue(bad.err().startsWith("ptreplay: unknown event kind 'mmpa' (did you mean 'mmap'?)"), bad.err());
    }

    @Test
    void statsJsonOfARecordingWithMovingMremaps() {
        Path trace = convert("python-list.strace", "list.ptrace");
        Map<String, Object> stats = json(Cli.run("stats", "--json", trace.toString()));
        Map<String, Long> outcomes = counts(((Map<?, ?>) stats.get("mremap")).get("outcomes"));
        // README.md beside the recording: 64 growing mremaps (glibc realloc of a large block).
        assertEquals(64, outcomes.values().stream().mapToLong(Long::longValue).sum());
        assertEquals(0, outcomes.get("failed"));
        assertEquals(0, outcomes.get("unknown"), "strace records every result");
        assertEquals(Cli.run("stats", "--json", trace.toString()).out(), Cli.run("stats", "--json", trace.toString()).out());
    }

    @Test
    void checkPassesTheRecordingsAndFailsAnImpossibleTrace() throws IOException {
        for (String name : List.of("java-version.strace", "gcc-hello.strace", "redis-bgsave.strace")) {
            Path trace = convert(name, name + ".ptrace", "--populate", "all");
            Run run = Cli.run("check", trace.toString());
            assertEquals(0, run.code(), run.out());
            assertTrue(run.out().endsWith("no impossible events" + System.lineSeparator().replace("\r", "")), run.out());
        }
        // A strace line whose munmap of an unaligned address "succeeded".
        Path strace = dir.resolve("bad.strace");
        Files.writeString(strace, """
                100 1.000000 mmap(NULL, 8192, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0) = 0x7f0000000000
                100 1.000001 munmap(0x7f0000000800, 4096) = 0
                100 1.000002 exit_group(0) = ?
                """);
        Path trace = dir.resolve("bad.ptrace");
        assertEquals(0, Cli.run("convert", strace.toString(), trace.toString()).code());
        Run run = Cli.run("check", trace.toString());
        assertEquals(1, run.code());
        assertTrue(run.out().startsWith(trace + ": event 1: munmap of 0x7f0000000800 succeeded, but the address is not"
                + " 4096-byte page-aligned [unaligned-address]"), run.out());
    }

    @Test
    void analysesRefuseRecordingsThatAreNotTracesYet() {
        Run run = Cli.run("summary", Cli.example("git-log.strace").toString());
        assertEquals(1, run.code());
        assertTrue(run.err().contains("this is strace output, not a trace; convert it first"), run.err());
    }
}
