package org.ptreplay.strategies;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ptreplay.strategies.RealKernels.kernel;
import static org.ptreplay.strategies.RealKernels.run;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ptreplay.core.kernel.Primitive;
import org.ptreplay.core.select.ResolvedKernel;
import org.ptreplay.core.select.StrategySelector;
import org.ptreplay.core.sim.Kernel;
import org.ptreplay.core.sim.LedgerSnapshot;
import org.ptreplay.core.sim.PrimitiveCounts;
import org.ptreplay.core.spi.KernelPreset;
import org.ptreplay.trace.Flags;
import org.ptreplay.trace.TraceEvent;

/**
 * The strategies through the real simulated kernel and the real architectures, found with
 * ServiceLoader as a replay finds them. Counts are hand-derived in each test's comment.
 */
class CoreIntegrationTest {
    private static final long KIB = 1024;
    private static final long MIB = 1024 * KIB;
    private static final long GIB = 1024 * MIB;
    private static final long U = TraceEvent.UNKNOWN_RESULT;
    private static final int RW = Flags.PROT_READ | Flags.PROT_WRITE;
    private static final int ANON = Flags.MAP_PRIVATE | Flags.MAP_ANONYMOUS;
    private static final int MOVE_FIXED = Flags.MREMAP_MAYMOVE | Flags.MREMAP_FIXED;
    private static final String MOVE_PTES = "mremap;move_page_tables;move_ptes";
    private static final String COPY = "fork;dup_mm;dup_mmap;copy_page_range;copy_pte_range";
    private static final String ZAP = "munmap;do_vmi_munmap;unmap_vmas;zap_pte_range";

    private static TraceEvent mmap(long addr, long len) {
        return new TraceEvent.Mmap(1, 0, addr, len, RW, ANON | Flags.MAP_FIXED, -1, 0, U);
    }

    private static TraceEvent write(long addr, long len) {
        return new TraceEvent.Touch(1, 0, addr, len, true);
    }

    private static TraceEvent mremap(long from, long len, long to) {
        return new TraceEvent.Mremap(1, 0, from, len, len, MOVE_FIXED, to, U);
    }

    private static TraceEvent madvise(long addr, long len, int advice) {
        return new TraceEvent.Madvise(1, 0, addr, len, advice, U);
    }

    private static TraceEvent fork(int child) {
        return new TraceEvent.Fork(1, 0, child, 0, U);
    }

    private static TraceEvent exit(int pid) {
        return new TraceEvent.Exit(pid, 0, 0, true);
    }

    /** Dev Jain's iteration (Message-ID 20250610035043.75448-1-dev.jain@arm.com): 1 MiB at 1 GiB moved to +1 MiB. */
    private static List<TraceEvent> devJain() {
        return List.of(mmap(GIB, MIB), write(GIB, MIB), mremap(GIB, MIB, GIB + MIB),
                new TraceEvent.Munmap(1, 0, GIB + MIB, MIB, U));
    }

    private static LedgerSnapshot replay(String strategy, String arch, String thp, List<TraceEvent> events) {
        Kernel k = run(kernel(strategy, arch, thp), events);
        assertTrue(k.result().divergences().isEmpty(), k.result().divergences().toString());
        return k.result().ledger();
    }

    /**
     * x86, 4K folios, one 1 MiB extent of 256 present PTEs (f822a9a81a31, §2.4 (b)): every present
     * entry with more than one entry left calls vm_normal_folio (one SP_R: order-0, no head line),
     * finds a small folio and moves alone; the last entry has max_nr 1 and skips the lookup:
     * 255 SP_R. 0b5be138ce00's hint gate (hint is always 1 on x86) removes every lookup.
     */
    @Test
    void x86FolioBatchLooksUpAllButTheLastPteAndTheHintGateNone() {
        assertEquals(255, replay("move-ptes/folio-batch", "x86", "enabled=never", devJain())
                .inclusive(MOVE_PTES).get(Primitive.SP_R));
        assertEquals(0, replay("move-ptes/hint-batch", "x86", "enabled=never", devJain())
                .inclusive(MOVE_PTES).get(Primitive.SP_R));
        assertEquals(0, replay("move-ptes/per-pte", "x86", "enabled=never", devJain())
                .inclusive(MOVE_PTES).get(Primitive.SP_R));
    }

    /**
     * arm64, 64K folios at a 64K-aligned VA and a 64K-aligned destination: a batched variant reads
     * entry 0 of each CONT block with one ptep_get, gets the batch from pte_batch_hint (16; the
     * folio ends there, so folio_pte_batch reads nothing more) and clears/sets the whole block with
     * the nr-aware helpers: 16 ptep_get per 1 MiB, no fold, no unfold. Per-PTE: 256 and 16 + 16.
     */
    @Test
    void arm64BatchedMovesReadOncePerBlockAndNeverConvert() {
        for (String s : List.of("move-ptes/folio-batch", "move-ptes/hint-batch", "move-ptes/hint-only")) {
            PrimitiveCounts mp = replay(s, "arm64", "64K=always", devJain()).inclusive(MOVE_PTES);
            assertEquals(16, mp.get(Primitive.PTEP_GET), s);
            assertEquals(0, mp.get(Primitive.FOLD) + mp.get(Primitive.UNFOLD), s);
        }
        PrimitiveCounts perPte = replay("move-ptes/per-pte", "arm64", "64K=always", devJain()).inclusive(MOVE_PTES);
        assertEquals(256, perPte.get(Primitive.PTEP_GET));
        assertEquals(16, perPte.get(Primitive.FOLD));
        assertEquals(16, perPte.get(Primitive.UNFOLD));
    }

    private static List<TraceEvent> forkOfOneGigabyte() {
        return List.of(mmap(GIB, GIB), write(GIB, GIB), fork(2));
    }

    /**
     * fork of 1 GiB of 64K folios on x86 (f8d937761d65, §3.2): 262,144 PTEs in 16,384 folios.
     * copy-ptes/folio-batch takes one folio_ref_add per batch, REF = 16,384; per-PTE one folio_get
     * per PTE, 262,144. The rmap duplication stays per subpage in both: AE = 262,144; MAP (with
     * per-page mapcounts) = one per subpage + one _large_mapcount per call: per-PTE
     * 2 × 262,144 = 524,288, batched 262,144 + 16,384 = 278,528.
     */
    @Test
    void forkBatchesTheRefcountButNotTheRmap() {
        PrimitiveCounts batch = replay("copy-ptes/folio-batch", "x86", "64K=always", forkOfOneGigabyte()).inclusive(COPY);
        PrimitiveCounts perPte = replay("copy-ptes/per-pte", "x86", "64K=always", forkOfOneGigabyte()).inclusive(COPY);
        assertEquals(16_384, batch.get(Primitive.REF));
        assertEquals(262_144, perPte.get(Primitive.REF));
        assertEquals(262_144, batch.get(Primitive.AE));
        assertEquals(262_144, perPte.get(Primitive.AE));
        assertEquals(278_528, batch.get(Primitive.MAP));
        assertEquals(524_288, perPte.get(Primitive.MAP));
    }

    /**
     * An unaligned 4 MiB move on x86: [1G, 1G+4M) to 2G+1M. The offsets in the PMD differ, so
     * get_extent cuts four 1 MiB extents (each 256 PTEs), two per source table and each in a
     * destination table of its own pair. Per-PTE (every kernel): per extent src + dst PTL (different
     * tables) and one flush of 256 pages (> 33 ⇒ X86_FULL): PTL 8, X86_FULL 4.
     * move-ptes/ptl-hold: per source table one src PTL, plus one per destination table entered while
     * holding it (2 + 1 for the first table, 2 + 1 for the second), and one flush of the union
     * (512 pages ⇒ X86_FULL) before the hold ends: PTL 6, X86_FULL 2.
     */
    @Test
    void ptlHoldTakesFewerLocksAndFlushesOncePerSourceTable() {
        List<TraceEvent> move = List.of(mmap(GIB, 4 * MIB), write(GIB, 4 * MIB), mremap(GIB, 4 * MIB, 2 * GIB + MIB));
        LedgerSnapshot perPte = replay("move-ptes/per-pte", "x86", "enabled=never", move);
        LedgerSnapshot hold = replay("move-ptes/ptl-hold", "x86", "enabled=never", move);
        assertEquals(8, perPte.self(MOVE_PTES).get(Primitive.PTL));
        assertEquals(6, hold.self(MOVE_PTES).get(Primitive.PTL));
        assertEquals(4, perPte.inclusive(MOVE_PTES).get(Primitive.X86_FULL));
        assertEquals(2, hold.inclusive(MOVE_PTES).get(Primitive.X86_FULL));
        assertEquals(1024, hold.self(MOVE_PTES).get(Primitive.PTE_XCHG));
    }

    private static List<TraceEvent> munmap64MiB() {
        return List.of(mmap(GIB, 64 * MIB), write(GIB, 64 * MIB), new TraceEvent.Munmap(1, 0, GIB, 64 * MIB, U));
    }

    /**
     * Forced gather flushes inside zap_pte_range for 64 MiB (16,384 pages), §4.2: the gather takes
     * 7 + 19 × 509 = 9,678 one-slot entries before it is full. Order-0 pages: one slot each under
     * either zap ⇒ one forced flush. 64K folios: per-PTE still one slot per page ⇒ one forced
     * flush; zap-ptes/folio-batch one two-slot entry per folio, 1,024 entries in 4 + 4 × 255 of
     * room ⇒ none.
     */
    @Test
    void zapBatchingAvoidsForcedFlushesOnlyForLargeFolios() {
        String forced = ZAP + ";tlb_flush_mmu_tlbonly";
        assertEquals(1, replay("zap-ptes/folio-batch", "x86", "enabled=never", munmap64MiB())
                .inclusive(forced).get(Primitive.X86_FULL));
        assertEquals(0, replay("zap-ptes/folio-batch", "x86", "64K=always", munmap64MiB())
                .inclusive(forced).get(Primitive.X86_FULL));
        assertEquals(1, replay("zap-ptes/per-pte", "x86", "64K=always", munmap64MiB())
                .inclusive(forced).get(Primitive.X86_FULL));
        assertEquals(1_024, replay("zap-ptes/folio-batch", "x86", "64K=always", munmap64MiB())
                .inclusive(ZAP + ";tlb_flush_mmu").get(Primitive.REF)
                + replay("zap-ptes/folio-batch", "x86", "64K=always", munmap64MiB())
                .inclusive("munmap;do_vmi_munmap;tlb_finish_mmu").get(Primitive.REF));
    }

    /**
     * FPB_MERGE_WRITE / any_writable (f8d937761d65): a 64K folio whose first PTE is read-only and
     * the other 15 writable. MADV_DONTFORK on pages 1–15 makes the first fork copy only page 0,
     * write-protecting it in the parent; the child exits and MADV_DOFORK merges the VMA back. The
     * second fork batches all 16 entries (write is ignored for matching) and, because a later entry
     * is writable, write-protects the whole batch in the parent: 16 PTE_RMW. Without the merged
     * write bit the batch would look read-only and leave 15 writable parent PTEs on a shared folio.
     */
    @Test
    void forkBatchWriteProtectsWhenALaterPteIsWritable() {
        long a = GIB;
        List<TraceEvent> t = new ArrayList<>(List.of(mmap(a, 64 * KIB), write(a, 64 * KIB),
                madvise(a + 4 * KIB, 60 * KIB, Flags.MADV_DONTFORK), fork(2), exit(2),
                madvise(a + 4 * KIB, 60 * KIB, Flags.MADV_DOFORK), fork(3)));
        Kernel k = run(kernel("copy-ptes/folio-batch", "x86", "64K=always"), t);
        assertEquals(1, k.vmas(1).size());
        LedgerSnapshot s = k.result().ledger();
        // The first fork write-protects page 0 only; the second the whole batch.
        assertEquals(1 + 16, s.inclusive(COPY).get(Primitive.PTE_RMW));
        assertEquals(1 + 1, s.inclusive(COPY).get(Primitive.REF));
    }

    /**
     * Every kernel preset resolves against the real providers on both architectures and replays
     * Dev Jain's iteration (64K=always) with no divergence. x86: every release moves the 256 PTEs
     * (1 MiB is no whole PMD). arm64: only the releases with contpte and the per-PTE move (6.9–6.16)
     * unfold the 16 source blocks; before 6.9 nothing is CONT, and 6.17's batched move never unfolds.
     */
    @Test
    void everyPresetResolvesAndReplaysOnBothArchitectures() {
        StrategySelector selector = RealKernels.selector();
        List<KernelPreset> presets = RealKernels.load(KernelPreset.class);
        assertEquals(8, presets.size());
        for (KernelPreset p : presets) {
            ResolvedKernel x86 = selector.resolve(p.name(), "x86");
            assertEquals("x86", x86.arch());
            assertEquals(256, replay(p.name(), "x86", "64K=always", devJain())
                    .inclusive("mremap;move_page_tables").get(Primitive.PTE_XCHG), p.name());
            long unfolds = replay(p.name(), "arm64", "64K=always", devJain())
                    .inclusive("mremap").get(Primitive.UNFOLD);
            boolean perPteContpte = p.name().equals("linux-6.9") || p.name().equals("linux-6.16");
            assertEquals(perPteContpte ? 16 : 0, unfolds, p.name() + " on arm64");
        }
    }
}
