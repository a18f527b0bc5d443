package org.ptreplay.arch.arm64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.ptreplay.core.kernel.Primitive;
import org.ptreplay.core.sim.Kernel;
import org.ptreplay.core.sim.LedgerSnapshot;
import org.ptreplay.core.sim.PrimitiveCounts;
import org.ptreplay.core.sim.SimConfig;
import org.ptreplay.core.sim.ThpSpec;
import org.ptreplay.trace.Flags;
import org.ptreplay.trace.TraceEvent;

/**
 * arm64 with contpte through the real simulated kernel (core's fault, mremap and zap paths with
 * the reference per-PTE strategies), 4K granule, Linux 6.9–6.16 contpte (batched helpers, no early
 * exit, no BBML2).
 */
class CoreReplayTest {
    private static final long KIB = 1024;
    private static final long MIB = 1024 * KIB;
    private static final long GIB = 1024 * MIB;
    private static final long U = TraceEvent.UNKNOWN_RESULT;
    private static final int RW = Flags.PROT_READ | Flags.PROT_WRITE;
    private static final int ANON = Flags.MAP_PRIVATE | Flags.MAP_ANONYMOUS;
    private static final String MOVE_PTES = "mremap;move_page_tables;move_ptes";

    private static Kernel kernel(String thp) {
        return new Kernel(SimConfig.builder(new Arm64Architecture()).cpus(1).thp(ThpSpec.parse(thp)).build());
    }

    private static void run(Kernel k, List<TraceEvent> events) {
        for (int i = 0; i < events.size(); i++) {
            k.apply(i, events.get(i));
        }
    }

    /**
     * Dev Jain's iteration ("[PATCH v4 0/2] Optimize mremap() for large folios", Message-ID
     * 20250610035043.75448-1-dev.jain@arm.com): mmap 1 MiB at 1 GiB, memset, mremap
     * MAYMOVE|FIXED to +1 MiB, munmap.
     */
    private static List<TraceEvent> devJain() {
        return List.of(
                new TraceEvent.Mmap(1, 0, GIB, MIB, RW, ANON, -1, 0, U),
                new TraceEvent.Touch(1, 0, GIB, MIB, true),
                new TraceEvent.Mremap(1, 0, GIB, MIB, MIB, Flags.MREMAP_MAYMOVE | Flags.MREMAP_FIXED, GIB + MIB, U),
                new TraceEvent.Munmap(1, 0, GIB + MIB, MIB, U));
    }

    /**
     * 64K=always at a 64K-aligned VA: the fault maps 16 order-4 folios with set_ptes(16), each
     * naturally aligned in VA and PA, so every block is CONT. The per-PTE move_ptes then, per
     * 64 KiB block (docs/kernel-model.md §2.4 (a)): the first ptep_get reads 1 + 16 entries; its
     * clear unfolds the block (UNFOLD: 16 xchg, 16 TLBI_VA, DSB, 16 stores); 15 more ptep_get of
     * one read; 16 clear-time unfold checks and 16 set-time checks; at the 16th store the fold gate
     * passes and the fold reads 16 entries and converts (FOLD). PTE_R = 17 + 15 + 16 + 16 + 16 = 80
     * per block, 1,280 in all; PTEP_GET = 256; PTE_XCHG = PTE_W = 16 + 16 + 16 per block.
     * The final munmap unfolds again: the per-PTE zap clears single entries of the refolded CONT
     * blocks, one UNFOLD per block (the batched zap of 6.9 avoids it; see the strategies tests).
     */
    @Test
    void devJainIterationWith64kFoliosUnfoldsAndRefoldsEveryBlock() {
        Kernel k = kernel("64K=always");
        run(k, devJain());
        LedgerSnapshot s = k.result().ledger();
        PrimitiveCounts mp = s.inclusive(MOVE_PTES);
        assertEquals(16, mp.get(Primitive.UNFOLD));
        assertEquals(16, mp.get(Primitive.FOLD));
        assertEquals(256, s.self(MOVE_PTES).get(Primitive.PTEP_GET));
        assertEquals(256, mp.get(Primitive.PTEP_GET));
        assertEquals(16 * 80, mp.get(Primitive.PTE_R));
        assertEquals(16 * 48, mp.get(Primitive.PTE_XCHG));
        assertEquals(16 * 48, mp.get(Primitive.PTE_W));
        assertEquals(16, s.inclusive("munmap").get(Primitive.UNFOLD));
        assertEquals(0, s.inclusive("fault").get(Primitive.FOLD) + s.inclusive("fault").get(Primitive.UNFOLD));
        assertTrue(k.result().divergences().isEmpty(), k.result().divergences().toString());
    }

    /** With 4K folios nothing is ever CONT: no fold or unfold anywhere, still 256 ptep_get. */
    @Test
    void devJainIterationWith4kFoliosNeverFolds() {
        Kernel k = kernel("enabled=never");
        run(k, devJain());
        LedgerSnapshot s = k.result().ledger();
        assertEquals(256, s.self(MOVE_PTES).get(Primitive.PTEP_GET));
        assertEquals(0, s.totals().get(Primitive.FOLD));
        assertEquals(0, s.totals().get(Primitive.UNFOLD));
    }

    /**
     * munmap of one page inside a CONT block: the per-PTE zap clears that single entry, which
     * unfolds exactly its block (§1.2 single-entry clear); the 15 other blocks stay CONT.
     */
    @Test
    void partialMunmapOfAContBlockUnfoldsExactlyOneBlock() {
        Kernel k = kernel("64K=always");
        run(k, List.of(
                new TraceEvent.Mmap(1, 0, GIB, MIB, RW, ANON, -1, 0, U),
                new TraceEvent.Touch(1, 0, GIB, MIB, true),
                new TraceEvent.Munmap(1, 0, GIB + 4 * KIB, 4 * KIB, U)));
        LedgerSnapshot s = k.result().ledger();
        assertEquals(1, s.inclusive("munmap").get(Primitive.UNFOLD));
        assertEquals(0, s.inclusive("munmap").get(Primitive.FOLD));
        assertEquals(2, k.vmas(1).size());
    }

    /**
     * mprotect on arm64: the generic pte_needs_flush (arm64 has none of its own) records every
     * present entry changed, even 16 zero-page entries that were read-only already; tlb_end_vma
     * flushes them at the last level: 16 pages < MAX_DVM_OPS (512) ⇒ 16 TLBI_VA and one DSB.
     * (x86 flushes nothing here: see arch-x86's PathFidelityTest.)
     */
    @Test
    void mprotectFlushesEveryChangedEntry() {
        Kernel k = kernel("enabled=never");
        run(k, List.of(
                new TraceEvent.Mmap(1, 0, GIB, 16 * 4 * KIB, RW, ANON, -1, 0, U),
                new TraceEvent.Touch(1, 0, GIB, 16 * 4 * KIB, false),
                new TraceEvent.Mprotect(1, 0, GIB, 16 * 4 * KIB, Flags.PROT_READ, U)));
        LedgerSnapshot s = k.result().ledger();
        PrimitiveCounts flush = s.inclusive("mprotect;mprotect_fixup;tlb_end_vma");
        assertEquals(16, flush.get(Primitive.TLBI_VA));
        assertEquals(1, flush.get(Primitive.DSB));
        assertEquals(16, s.self("mprotect;mprotect_fixup;change_pte_range").get(Primitive.PTE_XCHG));
    }
}
