package org.ptreplay.arch.x86;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.ptreplay.spi.ops.Primitive;
import org.ptreplay.core.sim.Kernel;
import org.ptreplay.core.value.LedgerSnapshot;

/** flush_tlb_mm_range decisions, seen through mremap's extent flush. */
class X86TlbFlushTest {
    private static final long A = 0x30_0000_0000L;
    private static final String FLUSH = "mremap;move_page_tables;move_ptes;flush_tlb_mm_range";

    private static LedgerSnapshot moveAfterThreads(int pages, int threads, int cpus, String invlpgb) {
        Kernel k = new Kernel(Trace.x86().cpus(cpus).archOptions(java.util.Map.of("invlpgb", invlpgb)).build());
        Trace t = new Trace();
        for (int i = 0; i < threads - 1; i++) {
            t.thread(100 + i);
        }
        t.mmap(A, pages * 4096L, Trace.RW, Trace.ANON | org.ptreplay.trace.Flags.MAP_FIXED)
                .write(A, pages * 4096L)
                .mremap(A, pages * 4096L, pages * 4096L, Trace.MAYMOVE | Trace.FIXED, A + Trace.MiB)
                .run(k);
        return k.result().ledger();
    }

    /** 33 pages: 33 INVLPGs (ceiling is "more than 33"); 34 pages: one full flush. */
    @Test
    void ceilingIsThirtyThreePages() {
        LedgerSnapshot s33 = moveAfterThreads(33, 1, 1, "off");
        assertEquals(33, s33.inclusive(FLUSH).get(Primitive.INVLPG));
        assertEquals(0, s33.inclusive(FLUSH).get(Primitive.X86_FULL));
        LedgerSnapshot s34 = moveAfterThreads(34, 1, 1, "off");
        assertEquals(0, s34.inclusive(FLUSH).get(Primitive.INVLPG));
        assertEquals(1, s34.inclusive(FLUSH).get(Primitive.X86_FULL));
    }

    /** No IPI for a single-threaded mm; N−1 for threads on N CPUs, each remote CPU doing the same flush. */
    @Test
    void ipisGoToTheOtherCpusOfTheMm() {
        assertEquals(0, moveAfterThreads(8, 1, 8, "off").inclusive(FLUSH).get(Primitive.IPI));
        LedgerSnapshot s = moveAfterThreads(8, 4, 8, "off");
        assertEquals(3, s.self(FLUSH + ";native_flush_tlb_multi").get(Primitive.IPI));
        assertEquals(24, s.self(FLUSH + ";native_flush_tlb_multi").get(Primitive.INVLPG));
        assertEquals(8, s.self(FLUSH + ";flush_tlb_func").get(Primitive.INVLPG));
        // Four threads on two CPUs: one other CPU.
        assertEquals(1, moveAfterThreads(8, 4, 2, "off").inclusive(FLUSH).get(Primitive.IPI));
    }

    /** With INVLPGB a multi-threaded mm gets broadcasts and no IPIs: 8 pages = 1 INVLPGB of 8, 1 TLBSYNC. */
    @Test
    void invlpgbReplacesIpis() {
        LedgerSnapshot s = moveAfterThreads(8, 4, 8, "on");
        assertEquals(0, s.inclusive(FLUSH).get(Primitive.IPI));
        assertEquals(1, s.inclusive(FLUSH).get(Primitive.INVLPGB));
        assertEquals(1, s.inclusive(FLUSH).get(Primitive.TLBSYNC));
    }

    @Test
    void badOptionsAreOneSentence() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new X86Architecture().geometry(java.util.Map.of("invlpgb", "maybe")));
        assertEquals("x86 option invlpgb must be on or off, not 'maybe'.", e.getMessage());
    }
}
