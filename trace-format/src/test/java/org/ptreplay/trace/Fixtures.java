package org.ptreplay.trace;

import static org.ptreplay.trace.Flags.*;

import java.util.List;
import java.util.Map;

/** Small traces shared by the tests: every event kind, and the encodings' edge cases. */
final class Fixtures {
    private Fixtures() {
    }

    static final TraceHeader HEADER = new TraceHeader(1, 0, "ptreplay-test 1",
            new TraceHeader.Source(TraceHeader.SourceKind.GENERATOR, "fixture \"every kind\"", Map.of("seed", "42", "mode", "all")),
            new TraceHeader.Machine("aarch64", 4096, "6.8.0-test",
                    Map.of("enabled", "always [madvise] never", "hugepages-64kB/enabled", "always inherit [never]"), 8),
            16);

    static final TraceHeader MINIMAL_HEADER = new TraceHeader(1, 0, "",
            new TraceHeader.Source(TraceHeader.SourceKind.UNKNOWN, "", Map.of()), TraceHeader.Machine.UNKNOWN, 0);

    /** Every kind at least once, with misaligned values, errno, unknown and odd results, negative deltas. */
    static final List<TraceEvent> EVERY_KIND = List.of(
            new TraceEvent.Mmap(100, 0, 0, 1 << 20, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0,
                    0x7f0000000000L),
            new TraceEvent.Touch(100, 1500, 0x7f0000000000L, 1 << 20, true),
            new TraceEvent.Mremap(100, 200, 0x7f0000000000L, 1 << 20, 2 << 20, MREMAP_MAYMOVE, 0, 0x7f0000200000L),
            new TraceEvent.Mremap(100, 10, 0x7f0000200000L, 2 << 20, 4 << 20, MREMAP_MAYMOVE | MREMAP_FIXED,
                    0x7f1000000000L, -EINVAL),
            new TraceEvent.Munmap(100, 5, 0x7f0000200000L, 2 << 20, 0),
            new TraceEvent.Madvise(100, 5, 0x7f0000200000L, 64 << 10, MADV_DONTNEED, TraceEvent.UNKNOWN_RESULT),
            new TraceEvent.Mprotect(100, 5, 0x7f0000200000L, 4096, PROT_READ, -ENOMEM),
            new TraceEvent.Brk(100, 5, 0x555555559123L, 0x555555559123L),
            new TraceEvent.Brk(100, 5, 0, TraceEvent.UNKNOWN_RESULT),
            new TraceEvent.Fork(100, 7, 101, CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD, 101),
            new TraceEvent.Fork(100, 7, 102, 17, -EAGAIN),
            new TraceEvent.Exec(102, -3, 0),
            new TraceEvent.Touch(101, 0, 0x7ffffffde123L, 1, false),
            new TraceEvent.Mmap(101, 0, 0x1000, 4097, PROT_READ, MAP_SHARED | MAP_FIXED, 3, 0x1234, -5000),
            new TraceEvent.Mmap(101, 0, 0xfffffffffffff000L, Long.MAX_VALUE, -1, -1, Integer.MIN_VALUE, -1,
                    TraceEvent.UNKNOWN_RESULT),
            new TraceEvent.Exit(101, 9, 0, false),
            new TraceEvent.Exit(100, Long.MIN_VALUE, -1, true));
}
