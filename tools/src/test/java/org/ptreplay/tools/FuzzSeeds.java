package org.ptreplay.tools;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ptreplay.trace.Codec;
import org.ptreplay.trace.Flags;
import org.ptreplay.trace.TextTrace;
import org.ptreplay.trace.TraceEvent;
import org.ptreplay.trace.TraceHeader;
import org.ptreplay.trace.TraceWriter;

/**
 * The seed files of {@link FuzzTest}: small, so that a mutant costs milliseconds, yet together
 * they hold every event kind, every codec and the three text forms (ptreplay's text form, strace,
 * perf script) as real recordings print them.
 */
final class FuzzSeeds {
    private FuzzSeeds() {
    }

    /**
     * A seed file. {@code trace}: a ptreplay trace (binary or text form) that the analysis commands
     * read directly; otherwise a recording that {@code convert} imports first. {@code codec}: the
     * binary codec, or null for the text forms.
     */
    record Seed(String name, byte[] bytes, boolean trace, Codec codec) {
    }

    static final long MIB = 1 << 20;
    private static final int RW = Flags.PROT_READ | Flags.PROT_WRITE;
    private static final int ANON = Flags.MAP_PRIVATE | Flags.MAP_ANONYMOUS;
    private static final int ANON_FIXED = ANON | Flags.MAP_FIXED;
    private static final long THREAD = Flags.CLONE_VM | Flags.CLONE_FS | Flags.CLONE_FILES | Flags.CLONE_SIGHAND
            | Flags.CLONE_THREAD;
    private static final long SIGCHLD = 17;

    /**
     * The generated trace in every codec and in the text form; git-log.strace whole (a real strace
     * recording, 3.8 KB); pthreads-fork.perf (a real perf recording of 230 lines, with threads, a
     * fork, an exec and every syscall tracepoint that {@code ptreplay record} uses) both as plain
     * text, so that mutations reach the perf parser, and as the committed xz file.
     */
    static List<Seed> all(Path dir) throws IOException {
        List<TraceEvent> events = everyKind();
        TraceHeader header = new TraceHeader(TraceHeader.CURRENT_VERSION, 0, "ptreplay fuzz",
                new TraceHeader.Source(TraceHeader.SourceKind.GENERATOR, "fuzz seed", Map.of("rounds", "1")),
                new TraceHeader.Machine("x86_64", 4096, "6.18.44", Map.of("enabled", "always [madvise] never"), 2),
                events.size());
        List<Seed> seeds = new ArrayList<>();
        for (Codec c : Codec.values()) {
            Path p = dir.resolve("seed." + c.key());
            try (TraceWriter w = TraceWriter.create(p, c, header)) {
                for (TraceEvent e : events) {
                    w.write(e);
                }
            }
            seeds.add(new Seed("kinds." + c.key() + ".ptrace", Files.readAllBytes(p), true, c));
        }
        StringBuilder text = new StringBuilder();
        for (TraceEvent e : events) {
            text.append(TextTrace.format(e)).append('\n');
        }
        seeds.add(new Seed("kinds.txt", text.toString().getBytes(StandardCharsets.UTF_8), true, null));
        seeds.add(new Seed("git-log.strace", Files.readAllBytes(Cli.example("git-log.strace")), false, null));
        byte[] perfXz = Files.readAllBytes(Cli.example("pthreads-fork.perf.xz"));
        seeds.add(new Seed("pthreads-fork.perf", unxz(perfXz), false, null));
        seeds.add(new Seed("pthreads-fork.perf.xz", perfXz, false, null));
        return seeds;
    }

    /**
     * Every event kind, with what makes each path differ: a thread (CLONE_VM|CLONE_THREAD), a
     * forked process that writes shared pages (copy on write), a vfork child whose first exec
     * fails, mprotect, madvise, brk, a moving and a DONTUNMAP mremap, failed calls and exits of a
     * thread, of a process and of the last task.
     */
    static List<TraceEvent> everyKind() {
        long a = 0x10_0000_0000L;
        long b = a + 32 * MIB;
        long c = a + 64 * MIB;
        long len = 2 * MIB + (64 << 10);
        long heap = 0x5555_0000_0000L;
        return List.of(
                new TraceEvent.Mmap(1, 0, a, len, RW, ANON_FIXED, -1, 0, a),
                new TraceEvent.Touch(1, 1000, a, len, true),
                new TraceEvent.Mprotect(1, 0, a, 64 << 10, Flags.PROT_READ, 0),
                new TraceEvent.Touch(1, 0, a, 4096, false),
                new TraceEvent.Madvise(1, 0, a + MIB, 64 << 10, Flags.MADV_DONTNEED, 0),
                new TraceEvent.Brk(1, 0, 0, heap),
                new TraceEvent.Brk(1, 0, heap + 0x21000, heap + 0x21000),
                new TraceEvent.Touch(1, 0, heap, 0x21000, true),
                new TraceEvent.Fork(1, 0, 2, THREAD, 2),
                new TraceEvent.Touch(2, 0, a + MIB, 64 << 10, true),
                new TraceEvent.Mmap(2, 0, a, 4096, RW, ANON | Flags.MAP_FIXED_NOREPLACE, -1, 0, -Flags.EEXIST),
                new TraceEvent.Fork(1, 0, 3, SIGCHLD, 3),
                new TraceEvent.Touch(3, 0, a + MIB, 256 << 10, true),
                new TraceEvent.Exit(3, 0, 0, true),
                new TraceEvent.Mremap(1, 0, a, len, len, Flags.MREMAP_MAYMOVE | Flags.MREMAP_FIXED, b, b),
                new TraceEvent.Mremap(1, 0, b, 64 << 10, 64 << 10,
                        Flags.MREMAP_MAYMOVE | Flags.MREMAP_FIXED | Flags.MREMAP_DONTUNMAP, c, c),
                new TraceEvent.Fork(1, 0, 4, Flags.CLONE_VM | Flags.CLONE_VFORK | SIGCHLD, 4),
                new TraceEvent.Exec(4, 0, -Flags.ENOENT),
                new TraceEvent.Exec(4, 0, 0),
                new TraceEvent.Mmap(4, 0, 0, 128 << 10, RW, ANON, -1, 0, 0x7f00_0000_0000L),
                new TraceEvent.Touch(4, 0, 0x7f00_0000_0000L, 128 << 10, true),
                new TraceEvent.Exit(4, 0, 0, true),
                new TraceEvent.Munmap(1, 0, b, len, 0),
                new TraceEvent.Munmap(1, 0, c, 64 << 10, 0),
                new TraceEvent.Exit(2, 0, 0, false),
                new TraceEvent.Exit(1, 0, 0, true));
    }

    private static byte[] unxz(byte[] xz) throws IOException {
        Path tmp = Files.createTempFile("fuzz-seed", ".xz");
        try {
            Files.write(tmp, xz);
            try (InputStream in = org.ptreplay.trace.FileSniffer.openContent(tmp)) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                in.transferTo(out);
                return out.toByteArray();
            }
        } catch (org.ptreplay.trace.TraceException e) {
            throw new IOException(e.getMessage(), e);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
