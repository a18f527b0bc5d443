package org.ptreplay.tools.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ptreplay.tools.trace.Fixture.ANON;
import static org.ptreplay.tools.trace.Fixture.RW;
import static org.ptreplay.tools.trace.Fixture.brk;
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
import org.ptreplay.tools.text.Json;
import org.ptreplay.trace.Flags;
import org.ptreplay.trace.TraceEvent;
import org.ptreplay.trace.TraceHeader;

class TraceSummaryTest {

    private static final long K = 1024;

    /**
     * A process (100) with a heap, a moved mremap, a failed mmap, a forked child (101) that maps
     * and unmaps 64K, a thread (102) and a vfork child (103) that execs. Sizes in the comments.
     */
    private static final List<TraceEvent> TRACE = List.of(
            mmap(100, 0, 8 * K, RW, ANON, 0x10000000L),                    // 0: mapped 8K; mm100 = 8K
            brk(100, 0, 0x5000000L),                                       // 1: heap starts at 0x5000000
            brk(100, 0x5003000L, 0x5003000L),                              // 2: heap +12K; mm100 = 20K
            mmap(100, 0, 100, Flags.PROT_READ, ANON, 0x10010000L),         // 3: 100 bytes = one page; mm100 = 24K
            mremap(100, 0x10000000L, 8 * K, 16 * K, Flags.MREMAP_MAYMOVE, 0x20000000L), // 4: moves 8K, grows 8K; mm100 = 32K
            munmap(100, 0x10010000L, 4 * K, 0),                            // 5: unmapped 4K; mm100 = 28K
            mmap(100, 0, 1L << 40, RW, ANON, -Flags.ENOMEM),               // 6: failed: ENOMEM
            fork(100, 101, 0),                                             // 7: a process; mm101 = copy, 28K
            fork(100, 102, Flags.CLONE_VM | Flags.CLONE_THREAD),           // 8: a thread
            mmap(101, 0, 64 * K, RW, ANON, 0x30000000L),                   // 9: mm101 = 92K, the peak
            munmap(101, 0x30000000L, 64 * K, 0),                           // 10: unmapped 64K
            fork(100, 103, Flags.CLONE_VM | Flags.CLONE_VFORK),            // 11: vfork: shares mm100 for now
            exec(103),                                                     // 12: 103 becomes a process
            touch(100, 0x20000000L, 4 * K),                                // 13
            exit(100, true));                                              // 14: 100 and its thread 102 end

    private static TraceSummary summarize(List<TraceEvent> events) {
        TraceHeader h = Fixture.header(TraceHeader.SourceKind.TEXT);
        TraceSummary s = new TraceSummary("fixture.txt", h, Fixture.replay(h));
        for (int i = 0; i < events.size(); i++) {
            s.accept(i, events.get(i));
        }
        return s;
    }

    @Test
    void countsTasksBytesAndErrors() {
        Map<String, Object> json = summarize(TRACE).json();
        assertEquals(15L, json.get("events"));
        assertEquals(Map.of("mmap", 4L, "munmap", 2L, "mremap", 1L, "brk", 2L, "madvise", 0L, "mprotect", 0L,
                "fork", 3L, "exec", 1L, "exit", 1L, "touch", 1L), json.get("by_kind"));
        assertEquals(4L, json.get("pids"));
        assertEquals(3L, json.get("processes"), "100, the fork child 101 and the vfork child 103 after its exec");
        assertEquals(1L, json.get("threads"), "102");
        assertEquals(92 * K, json.get("address_space_peak_bytes"));
        assertEquals((8 + 12 + 4 + 8 + 64) * K, json.get("mapped_bytes"), "mmaps, heap growth, mremap growth");
        assertEquals(8 * K, json.get("moved_bytes"));
        assertEquals((4 + 64) * K, json.get("unmapped_bytes"));
        assertEquals(15 * Fixture.DT, json.get("duration_ns"));
        assertEquals(Map.of("failed_calls", 1L, "by_call", Map.of("mmap", Map.of("ENOMEM", 1L))), json.get("errors"));
        assertEquals(1, json.get("format_version"));
        assertEquals(null, json.get("vma_replay_stopped"));
    }

    @Test
    void theTextReportNamesTheSameFacts() {
        String text = summarize(TRACE).text();
        assertTrue(text.contains("3 processes, 1 threads"), text);
        assertTrue(text.contains("92 KiB mapped in the largest address space"), text);
        assertTrue(text.contains("1 failed calls: mmap ENOMEM 1"), text);
    }

    @Test
    void theJsonIsTheSameEveryTime() {
        assertEquals(Json.write(summarize(TRACE).json()), Json.write(summarize(TRACE).json()));
    }

    @Test
    void unrecordedResultsComeFromTheModel() {
        // A MAP_FIXED mmap without a result: the model maps it where asked, so the peak is known.
        List<TraceEvent> events = List.of(mmap(1, 0x40000000L, 64 * K, RW, Fixture.ANON_FIXED, Fixture.UNKNOWN));
        Map<String, Object> json = summarize(events).json();
        assertEquals(64 * K, json.get("address_space_peak_bytes"));
        assertEquals(64 * K, json.get("mapped_bytes"));
    }
}
