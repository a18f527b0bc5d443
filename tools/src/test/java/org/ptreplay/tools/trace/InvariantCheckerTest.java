package org.ptreplay.tools.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ptreplay.tools.trace.Fixture.ANON;
import static org.ptreplay.tools.trace.Fixture.ANON_FIXED;
import static org.ptreplay.tools.trace.Fixture.RW;
import static org.ptreplay.tools.trace.Fixture.exec;
import static org.ptreplay.tools.trace.Fixture.exit;
import static org.ptreplay.tools.trace.Fixture.fork;
import static org.ptreplay.tools.trace.Fixture.mmap;
import static org.ptreplay.tools.trace.Fixture.mremap;
import static org.ptreplay.tools.trace.Fixture.munmap;
import static org.ptreplay.tools.trace.Fixture.touch;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ptreplay.trace.Flags;
import org.ptreplay.trace.TraceEvent;
import org.ptreplay.trace.TraceHeader;

class InvariantCheckerTest {

    private static final long K = 1024;

    private static InvariantChecker check(TraceHeader.SourceKind kind, int limit, TraceEvent... events) {
        TraceHeader h = Fixture.header(kind);
        InvariantChecker c = new InvariantChecker(h, Fixture.replay(h), limit);
        for (int i = 0; i < events.length; i++) {
            c.accept(i, events[i]);
        }
        return c;
    }

    private static List<InvariantChecker.Violation> violations(TraceEvent... events) {
        InvariantChecker c = check(TraceHeader.SourceKind.TEXT, 100, events);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> shown = (List<Map<String, Object>>) c.json("x").get("shown");
        return shown.stream().map(m -> new InvariantChecker.Violation((Long) m.get("event"), (String) m.get("rule"),
                (String) m.get("message"))).toList();
    }

    /** The (index, rule) pairs found. */
    private static List<String> found(TraceEvent... events) {
        return violations(events).stream().map(v -> v.index() + " " + v.rule()).toList();
    }

    @Test
    void aPlausibleTracePasses() {
        assertEquals(List.of(), found(
                mmap(1, 0, 64 * K, RW, ANON, 0x10000000L),
                touch(1, 0x10000000L, 64 * K),
                fork(1, 2, 0),
                touch(2, 0x10008000L, 4 * K),                 // the child has the parent's mappings
                mremap(1, 0x10000000L, 64 * K, 128 * K, Flags.MREMAP_MAYMOVE, 0x20000000L),
                touch(1, 0x20010000L, 64 * K),                // the grown part of the moved mapping
                munmap(1, 0x20000000L, 128 * K, 0),
                munmap(1, 0x1001, 4 * K, -Flags.EINVAL),      // unaligned, and Linux refused it: fine
                exec(2),
                exit(2, true),
                exit(1, true)));
    }

    @Test
    void taskRules() {
        assertEquals(List.of("1 unknown-pid"), found(mmap(1, 0, 4 * K, RW, ANON, 0x10000000L),
                mmap(7, 0, 4 * K, RW, ANON, 0x10001000L)));
        assertEquals(List.of("1 after-exit"), found(exit(1, false), mmap(1, 0, 4 * K, RW, ANON, 0x10000000L)));
        assertEquals(List.of("2 after-exit"), found(fork(1, 2, Flags.CLONE_VM | Flags.CLONE_THREAD), exit(1, true),
                exit(2, false)), "exit_group ends the threads too");
        assertEquals(List.of("1 child-exists"), found(fork(1, 2, 0), fork(1, 2, 0)));
        assertEquals(List.of("0 fork-result"), found(new TraceEvent.Fork(1, 0, 2, 0, 3)));
        assertEquals(List.of("1 bad-pid"), found(mmap(1, 0, 4 * K, RW, ANON, 0x10000000L), exec(0)));
        assertEquals(List.of("0 bad-pid"), found(new TraceEvent.Fork(1, 0, -4, 0, TraceEvent.UNKNOWN_RESULT)));
    }

    @Test
    void theAfterExitSentenceNamesTheExit() {
        InvariantChecker.Violation v = violations(exit(1, false), munmap(1, 0x1000, 4 * K, 0)).get(0);
        assertEquals(new InvariantChecker.Violation(1, "after-exit", "pid 1 exited at event 0 but has a munmap event here"), v);
    }

    @Test
    void successfulCallsThatLinuxRefuses() {
        assertEquals(List.of("0 zero-length"), found(mmap(1, 0, 0, RW, ANON, 0x10000000L)));
        assertEquals(List.of("0 unaligned-result"), found(mmap(1, 0, 4 * K, RW, ANON, 0x10000010L)));
        assertEquals(List.of("0 moved-fixed"), found(mmap(1, 0x10000000L, 4 * K, RW, ANON_FIXED, 0x20000000L)));
        assertEquals(List.of("0 unaligned-address"), found(munmap(1, 0x1001, 4 * K, 0)));
        assertEquals(List.of("0 zero-length"), found(munmap(1, 0x1000, 0, 0)));
        assertEquals(List.of("0 unaligned-address"), found(mremap(1, 0x1800, 4 * K, 8 * K, Flags.MREMAP_MAYMOVE, 0x5000)));
        assertEquals(List.of("0 moved-fixed"), found(mremap(1, 0x1000, 4 * K, 8 * K, 0, 0x5000)));
        assertEquals(List.of("0 unaligned-address"), found(new TraceEvent.Mprotect(1, 0, 0x1234, 4 * K, RW, 0)));
        assertEquals(List.of("0 unaligned-address"), found(new TraceEvent.Madvise(1, 0, 0x1234, 4 * K, Flags.MADV_DONTNEED, 0)));
    }

    @Test
    void touchesOutsideTheTracesMappings() {
        TraceEvent[] events = {
            mmap(1, 0, 8 * K, RW, ANON, 0x10000000L),
            touch(1, 0x10001000L, 4 * K),                 // inside
            touch(1, 0x10001000L, 8 * K),                 // runs one page past the end
            munmap(1, 0x10000000L, 8 * K, 0),
            touch(1, 0x10000000L, 1),                     // unmapped now
            touch(1, 0x10000000L, 0)};                    // not a range at all
        assertEquals(List.of("2 touch-unmapped", "4 touch-unmapped", "5 bad-touch"), found(events));
        // In a perf recording the same touches are real faults on mappings exec made: a note, not violations.
        InvariantChecker perf = check(TraceHeader.SourceKind.PERF, 100, events);
        assertEquals(1, perf.violations());
        assertEquals(Map.of("events", 2L, "pages", 2L), perf.json("x").get("unmapped_touches"));
        assertTrue(perf.text("x").contains("x: note: 2 touches (2 pages) fall outside the mappings the trace shows"),
                perf.text("x"));
    }

    @Test
    void aTouchThatOpensTheTraceTouchesUnmappedMemory() {
        // Event 0 comes before the first task has mapped anything (issue #16 item 12): the touch of
        // three pages from 0x10000800 spans 0x10000000-0x10003000, none of it mapped.
        TraceEvent[] events = {
            touch(1, 0x10000800L, 8 * K),
            mmap(1, 0, 8 * K, RW, ANON, 0x10000000L),
            touch(1, 0x10000000L, 8 * K)};                 // mapped now
        assertEquals(List.of("0 touch-unmapped"), found(events));
        InvariantChecker perf = check(TraceHeader.SourceKind.PERF, 100, events);
        assertEquals(0, perf.violations());
        assertEquals(Map.of("events", 1L, "pages", 3L), perf.json("x").get("unmapped_touches"));
    }

    @Test
    void allViolationsAreCountedButOnlyTheFirstOnesKept() {
        InvariantChecker c = check(TraceHeader.SourceKind.TEXT, 2,
                munmap(1, 0x1001, 4 * K, 0), munmap(1, 0x1001, 4 * K, 0), munmap(1, 0x1001, 4 * K, 0));
        assertEquals(3, c.violations());
        String text = c.text("t.txt");
        assertTrue(text.startsWith("t.txt: event 0: munmap of 0x1001 succeeded, but the address is not 4096-byte"
                + " page-aligned [unaligned-address]\nt.txt: event 1: "), text);
        assertTrue(text.contains("... and 1 more\n"), text);
        assertTrue(text.endsWith("t.txt: 3 events, 3 impossible events (unaligned-address 3)\n"), text);
    }
}
