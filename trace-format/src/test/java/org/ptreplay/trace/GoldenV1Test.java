package org.ptreplay.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Version 1 files as they were written when version 1 was current, read by every build: a reader
 * must read every older version for ever. The expected content is written out here, not derived
 * from the code under test. Never regenerate these files; add golden/v2 next to them instead.
 */
class GoldenV1Test {

    static final TraceHeader HEADER = new TraceHeader(1, 0, "ptreplay-test 1",
            new TraceHeader.Source(TraceHeader.SourceKind.GENERATOR, "fixture \"every kind\"", Map.of("seed", "42", "mode", "all")),
            new TraceHeader.Machine("aarch64", 4096, "6.8.0-test",
                    Map.of("enabled", "always [madvise] never", "hugepages-64kB/enabled", "always inherit [never]"), 8),
            17);

    /** Every kind, misaligned values, errno, unknown and odd results, negative deltas, extreme values. */
    static final List<TraceEvent> EVENTS = List.of(
            new TraceEvent.Mmap(100, 0, 0, 0x100000, 0x3, 0x22, -1, 0, 0x7f0000000000L),
            new TraceEvent.Touch(100, 1500, 0x7f0000000000L, 0x100000, true),
            new TraceEvent.Mremap(100, 200, 0x7f0000000000L, 0x100000, 0x200000, 1, 0, 0x7f0000200000L),
            new TraceEvent.Mremap(100, 10, 0x7f0000200000L, 0x200000, 0x400000, 3, 0x7f1000000000L, -22),
            new TraceEvent.Munmap(100, 5, 0x7f0000200000L, 0x200000, 0),
            new TraceEvent.Madvise(100, 5, 0x7f0000200000L, 0x10000, 4, Long.MIN_VALUE),
            new TraceEvent.Mprotect(100, 5, 0x7f0000200000L, 0x1000, 0x1, -12),
            new TraceEvent.Brk(100, 5, 0x555555559123L, 0x555555559123L),
            new TraceEvent.Brk(100, 5, 0, Long.MIN_VALUE),
            new TraceEvent.Fork(100, 7, 101, 0x10f00, 101),
            new TraceEvent.Fork(100, 7, 102, 17, -11),
            new TraceEvent.Exec(102, -3, 0),
            new TraceEvent.Touch(101, 0, 0x7ffffffde123L, 1, false),
            new TraceEvent.Mmap(101, 0, 0x1000, 4097, 0x1, 0x11, 3, 0x1234, -5000),
            new TraceEvent.Mmap(101, 0, 0xfffffffffffff000L, Long.MAX_VALUE, -1, -1, Integer.MIN_VALUE, -1, Long.MIN_VALUE),
            new TraceEvent.Exit(101, 9, 0, false),
            new TraceEvent.Exit(100, Long.MIN_VALUE, -1, true));

    @Test
    void theBinaryZstdFileReads() throws Exception {
        try (InputStream in = resource("every-kind.ptrace"); TraceReader r = TraceReader.open(in, "every-kind.ptrace")) {
            assertEquals(Codec.ZSTD, r.codec());
            assertEquals(HEADER, r.header());
            for (int i = 0; i < EVENTS.size(); i++) {
                assertEquals(EVENTS.get(i), r.next(), "event " + i);
            }
            assertNull(r.next());
            // Written before the End packet: read in full, with a warning that a cut would go unnoticed.
            assertTrue(r.completenessWarning().contains("written before ptreplay recorded an end-of-trace packet"),
                    r.completenessWarning());
        }
    }

    @Test
    void theTextFileReads() throws Exception {
        try (InputStream in = resource("every-kind.txt")) {
            TextTrace.Document d = TextTrace.parse(new InputStreamReader(in, StandardCharsets.UTF_8), "every-kind.txt");
            assertEquals(HEADER, d.header());
            for (int i = 0; i < EVENTS.size(); i++) {
                assertEquals(EVENTS.get(i), d.events().get(i), "event " + i);
            }
            assertEquals(EVENTS.size(), d.events().size());
        }
    }

    private static InputStream resource(String name) {
        InputStream in = GoldenV1Test.class.getResourceAsStream("/golden/v1/" + name);
        if (in == null) {
            throw new IllegalStateException("missing test resource golden/v1/" + name);
        }
        return in;
    }
}
