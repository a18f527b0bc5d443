package org.ptreplay.tools.nativeexec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.StringReader;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ptreplay.trace.TextTrace;
import org.ptreplay.trace.TraceEvent;
import org.ptreplay.trace.TraceException;

/** The event file written for the probe, and what is refused before anything runs. */
class EventScriptTest {

    static List<TraceEvent> events(String text) throws TraceException {
        return TextTrace.parse(new StringReader(text), "t.txt").events();
    }

    private static String script(String text, EventScript.Script[] out) throws Exception {
        StringWriter w = new StringWriter();
        out[0] = EventScript.write("t.txt", 0, 4096, events(text).iterator(), w);
        return w.toString();
    }

    @Test
    void everyEventKindBecomesOneLineAtItsRecordedAddress() throws Exception {
        EventScript.Script[] s = new EventScript.Script[1];
        String lines = script("""
                brk 0 = 0x5000000
                brk 0x5021000 = 0x5021000
                mmap 0x40000000 1M prot=rw flags=private|anonymous = 0x40000000
                mmap 0 64K prot=rw flags=private|anonymous = 0x50000000
                touch 0x40000000 1M write
                touch 0x50000000 8K read
                madvise 0x40000000 1M nohugepage = 0
                mprotect 0x40000000 4K prot=r = 0
                mremap 0x40000000 1M 1M flags=maymove = 0x60000000
                mremap 0x50000000 64K 64K flags=maymove|fixed new=0x70000000 = 0x70000000
                munmap 0x70000000 64K = -EINVAL
                fork 2 = 2
                2 touch 0x60000000 4K write
                2 exit 0
                munmap 0x60000000 1M = 0
                """, s);
        assertEquals("""
                b 1 5021000 5000000
                m 1 40000000 100000 3 100022
                m 1 50000000 10000 3 100022
                t 1 40000000 100000 1
                t 1 50000000 2000 0
                a 1 40000000 100000 f
                p 1 40000000 1000 1
                r 1 40000000 100000 100000 3 60000000
                r 1 50000000 10000 10000 3 70000000
                f 1 2
                t 2 60000000 1000 1
                x 2
                u 1 60000000 100000
                """, lines);
        // brk(0) only reads the break, and the failed munmap is not executed.
        assertArrayEquals(new long[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 13, 14}, s[0].eventOfLine());
        assertEquals(1, s[0].skippedFailed());
        assertEquals(15, s[0].events());
        assertEquals((1 << 20) + (64 << 10), s[0].peakBytes());
    }

    private static String refusal(String text) {
        return assertThrows(NativeRefusal.class, () -> script(text, new EventScript.Script[1])).getMessage();
    }

    @Test
    void whatTheExecutorCannotRunIsRefusedInOneSentence() {
        assertEquals("t.txt: event 1: pid 1 runs another program after its exec, whose mappings the executor cannot reproduce.",
                refusal("exec = 0\nmmap 0x40000000 4K prot=rw flags=private|anonymous = 0x40000000\n"));
        assertEquals("t.txt: event 0: pid 1 creates a thread or vfork child (CLONE_VM), which the executor does not run.",
                refusal("fork 2 flags=vm|thread = 2\n"));
        assertEquals("t.txt: event 0: a file mapping (fd 3); the executor maps anonymous memory only.",
                refusal("mmap 0 4K prot=r flags=private fd=3 = 0x40000000\n"));
        assertEquals("t.txt: event 1: pid 7 has no process: it is neither the trace's first task nor a fork child.",
                refusal("touch 0x40000000 4K read\n7 touch 0x40000000 4K read\n"));
        assertEquals("t.txt: event 0: an mmap whose address is not recorded, so later events cannot be placed.",
                refusal("mmap 0 4K prot=rw flags=private|anonymous\n"));
        assertEquals("t.txt: event 0: an mremap that may move and whose result is not recorded, so later events cannot be placed.",
                refusal("mremap 0x40000000 4K 8K flags=maymove\n"));
    }

    @Test
    void aTraceOfAnotherPageSizeIsRefused() {
        NativeRefusal e = assertThrows(NativeRefusal.class, () -> EventScript.write("t.txt", 16384, 4096,
                events("touch 0x40000000 16K read\n").iterator(), new StringWriter()));
        assertEquals("t.txt was recorded with 16384-byte pages and this machine has 4096-byte pages, so its addresses"
                + " and touches do not fit here", e.getMessage());
    }

}
