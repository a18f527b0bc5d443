package org.ptreplay.tools;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.ptreplay.trace.Codec;
import org.ptreplay.trace.Flags;
import org.ptreplay.trace.TraceEvent;
import org.ptreplay.trace.TraceHeader;
import org.ptreplay.trace.TraceWriter;

/** Small traces for the command tests, written with {@link TraceWriter}. */
final class Traces {
    static final long MIB = 1 << 20;
    private static final int RW = Flags.PROT_READ | Flags.PROT_WRITE;
    private static final int ANON_FIXED = Flags.MAP_PRIVATE | Flags.MAP_ANONYMOUS | Flags.MAP_FIXED;

    private Traces() {
    }

    /**
     * 1 MiB of anonymous memory at 1 GiB, written, moved to 2 GiB (MREMAP_FIXED), unmapped; then
     * the task exits. Both addresses are 2 MiB aligned, but 1 MiB is half a PMD, so the move runs
     * move_ptes over 256 present 4K PTEs in one extent.
     */
    static List<TraceEvent> move1m() {
        long a = 0x4000_0000L;
        long b = 0x8000_0000L;
        return List.of(
                new TraceEvent.Mmap(1, 0, a, MIB, RW, ANON_FIXED, -1, 0, a),
                new TraceEvent.Touch(1, 0, a, MIB, true),
                new TraceEvent.Mremap(1, 0, a, MIB, MIB, Flags.MREMAP_MAYMOVE | Flags.MREMAP_FIXED, b, b),
                new TraceEvent.Munmap(1, 0, b, MIB, 0),
                new TraceEvent.Exit(1, 0, 0, true));
    }

    /**
     * {@code rounds} of: map 2 MiB + 64 KiB, write it, fork a child that writes a quarter and exits,
     * move the mapping (a PMD-aligned part and a per-PTE tail), unmap it. A mix of every path.
     */
    static List<TraceEvent> mixed(int rounds) {
        List<TraceEvent> events = new java.util.ArrayList<>();
        long len = 2 * MIB + (64 << 10);
        for (int r = 0; r < rounds; r++) {
            long a = 0x10_0000_0000L + r * 64 * MIB;
            long b = a + 32 * MIB;
            int child = 100 + r;
            events.add(new TraceEvent.Mmap(1, 0, a, len, RW, ANON_FIXED, -1, 0, a));
            events.add(new TraceEvent.Touch(1, 0, a, len, true));
            events.add(new TraceEvent.Fork(1, 0, child, 0, child));
            events.add(new TraceEvent.Touch(child, 0, a, len / 4, true));
            events.add(new TraceEvent.Exit(child, 0, 0, true));
            events.add(new TraceEvent.Mremap(1, 0, a, len, len, Flags.MREMAP_MAYMOVE | Flags.MREMAP_FIXED, b, b));
            events.add(new TraceEvent.Munmap(1, 0, b, len, 0));
        }
        events.add(new TraceEvent.Exit(1, 0, 0, true));
        return events;
    }

    static Path write(Path file, List<TraceEvent> events) throws IOException {
        TraceHeader header = new TraceHeader(TraceHeader.CURRENT_VERSION, 0, "ptreplay tests",
                new TraceHeader.Source(TraceHeader.SourceKind.GENERATOR, "tools test trace", Map.of()),
                TraceHeader.Machine.UNKNOWN, events.size());
        try (TraceWriter w = TraceWriter.create(file, Codec.NONE, header)) {
            for (TraceEvent e : events) {
                w.write(e);
            }
        }
        return file;
    }
}
