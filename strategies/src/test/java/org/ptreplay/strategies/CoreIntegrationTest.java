package org.ptreplay.strategies;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ptreplay.strategies.RealKernels.kernel;
import static org.ptreplay.strategies.RealKernels.run;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.ptreplay.spi.ops.Primitive;
import org.ptreplay.core.select.ResolvedKernel;
import org.ptreplay.core.select.StrategySelector;
import org.ptreplay.core.sim.Kernel;
import org.ptreplay.core.value.LedgerSnapshot;
import org.ptreplay.core.value.PrimitiveCounts;
import org.ptreplay.spi.KernelPreset;
import org.ptreplay.testkit.TextFixtures;
import org.ptreplay.trace.TraceEvent;

/**
 * The strategies through the real simulated kernel and the real architectures, found by the SPI
 * loader as a replay finds them. Each trace is a text file in {@code fixtures/} whose
 * comment derives the counts asserted here.
 */
class CoreIntegrationTest {
    private static final String MOVE_PTES = "mremap;move_page_tables;move_ptes";
    private static final String COPY = "fork;dup_mm;dup_mmap;copy_page_range;copy_pte_range";
    private static final String ZAP = "munmap;do_vmi_munmap;unmap_vmas;zap_pte_range";

    /** The events of {@code fixtures/NAME.txt} beside this class in the test resources. */
    private static List<TraceEvent> fixture(String name) {
        return TextFixtures.events(CoreIntegrationTest.class::getResourceAsStream, name);
    }

    private static List<TraceEvent> devJain() {
        return fixture("dev-jain");
    }

    private static LedgerSnapshot replay(String strategy, String arch, String thp, List<TraceEvent> events) {
        Kernel k = run(kernel(strategy, arch, thp), events);
        assertTrue(k.result().divergences().isEmpty(), k.result().divergences().toString());
        return k.result().ledger();
    }

    /** x86, 4K folios: the folio lookup of f822a9a81a31 for all but the last PTE, none behind the hint gate. */
    @Test
    void x86FolioBatchLooksUpAllButTheLastPteAndTheHintGateNone() {
        assertEquals(255, replay("move-ptes/folio-batch", "x86", "enabled=never", devJain())
                .inclusive(MOVE_PTES).get(Primitive.SP_R));
        assertEquals(0, replay("move-ptes/hint-batch", "x86", "enabled=never", devJain())
                .inclusive(MOVE_PTES).get(Primitive.SP_R));
        assertEquals(0, replay("move-ptes/per-pte", "x86", "enabled=never", devJain())
                .inclusive(MOVE_PTES).get(Primitive.SP_R));
    }

    /** arm64, 64K folios: a batched move reads once per CONT block and never folds or unfolds. */
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

    /** fork of 1 GiB of 64K folios on x86: the refcount is batched per folio, the rmap stays per subpage. */
    @Test
    void forkBatchesTheRefcountButNotTheRmap() {
        List<TraceEvent> fork = fixture("fork-1g");
        PrimitiveCounts batch = replay("copy-ptes/folio-batch", "x86", "64K=always", fork).inclusive(COPY);
        PrimitiveCounts perPte = replay("copy-ptes/per-pte", "x86", "64K=always", fork).inclusive(COPY);
        // folio_ref_add / folio_get, ClearPageAnonExclusive and the mapcount increments return no
        // value: all of fork's are the posted kind (docs/kernel-model.md §4.6).
        assertEquals(16_384, batch.get(Primitive.REF_POSTED));
        assertEquals(262_144, perPte.get(Primitive.REF_POSTED));
        assertEquals(262_144, batch.get(Primitive.AE_POSTED));
        assertEquals(262_144, perPte.get(Primitive.AE_POSTED));
        assertEquals(278_528, batch.get(Primitive.MAP_POSTED));
        assertEquals(524_288, perPte.get(Primitive.MAP_POSTED));
        for (PrimitiveCounts c : List.of(batch, perPte)) {
            assertEquals(0, c.get(Primitive.REF) + c.get(Primitive.AE) + c.get(Primitive.MAP));
        }
    }

    /**
     * 1 GiB of 64K folios (16,384 folios of 16 pages) forked. Mapcount atomics: one per page in
     * every release; the folio-wide _large_mapcount once per batch only from 6.10 (05c5323b2a34),
     * so 6.8 (per PTE) and 6.9 (per folio) charge none of it and 6.16 16,384. Loop work: 6.8
     * iterates per PTE, 6.9 per folio with one folio_pte_batch each; the entries are the same.
     */
    @Test
    void forkMapcountsAndLoopWorkFollowTheRelease() {
        List<TraceEvent> fork = fixture("fork-1g");
        PrimitiveCounts v68 = replay("linux-6.8", "x86", "64K=always", fork).inclusive(COPY);
        PrimitiveCounts v69 = replay("linux-6.9", "x86", "64K=always", fork).inclusive(COPY);
        PrimitiveCounts v616 = replay("linux-6.16", "x86", "64K=always", fork).inclusive(COPY);
        assertEquals(262_144, v68.get(Primitive.MAP_POSTED));
        assertEquals(262_144, v69.get(Primitive.MAP_POSTED));
        assertEquals(262_144 + 16_384, v616.get(Primitive.MAP_POSTED));
        assertEquals(262_144, v68.get(Primitive.PTE_ITER));
        assertEquals(0, v68.get(Primitive.PTE_BATCH));
        assertEquals(16_384, v69.get(Primitive.PTE_ITER));
        assertEquals(16_384, v69.get(Primitive.PTE_BATCH));
        assertEquals(262_144, v68.get(Primitive.PTE_ENTRY));
        assertEquals(262_144, v69.get(Primitive.PTE_ENTRY));
    }

    /**
     * munmap of 64 MiB of 64K folios (1,024 folios of 16 pages), the last mapping of each. 6.9:
     * per page its _mapcount and, as each page's last mapping goes, _nr_pages_mapped: 2 x 16,384.
     * 6.16: per page _mapcount, per batch _large_mapcount and one batched _nr_pages_mapped
     * (Message-ID 20240807115515.1640951-1-david@redhat.com): 16,384 + 2 x 1,024. Every folio is
     * freed: 1,024 FOLIO_FREE and 15 TAIL_FREE each.
     */
    @Test
    void zapMapcountsAndFolioFreeingFollowTheRelease() {
        List<TraceEvent> munmap = fixture("munmap-64m");
        PrimitiveCounts v69 = replay("linux-6.9", "x86", "64K=always", munmap).inclusive("munmap");
        PrimitiveCounts v616 = replay("linux-6.16", "x86", "64K=always", munmap).inclusive("munmap");
        assertEquals(2 * 16_384, v69.get(Primitive.MAP));
        assertEquals(16_384 + 2 * 1_024, v616.get(Primitive.MAP));
        for (PrimitiveCounts c : List.of(v69, v616)) {
            assertEquals(1_024, c.get(Primitive.FOLIO_FREE));
            assertEquals(1_024 * 15, c.get(Primitive.TAIL_FREE));
            assertEquals(1_024, c.get(Primitive.PTE_ITER));
            assertEquals(16_384, c.get(Primitive.PTE_ENTRY));
        }
    }

    private static final String CHANGE = "mprotect;mprotect_fixup;change_pte_range";
    private static final String TLB_END_VMA = "mprotect;mprotect_fixup;tlb_end_vma";

    /** The counts of the first {@code n} events of {@code mprotect-1m} under {@code path}. */
    private static PrimitiveCounts mprotect(String strategy, String arch, String thp, int n, String path) {
        return replay(strategy, arch, thp, fixture("mprotect-1m").subList(0, n)).inclusive(path);
    }

    /** Counts of the second mprotect alone: the four events less the first three. */
    private static long secondMprotect(String strategy, String arch, Primitive p) {
        return mprotect(strategy, arch, "64K=always", 4, CHANGE).get(p) - mprotect(strategy, arch, "64K=always", 3, CHANGE).get(p);
    }

    /** RW -> RO of 64K folios on x86: the same entry work, plus two struct page reads per folio when batched. */
    @Test
    void x86MprotectBatchLooksEachFolioUpOnce() {
        PrimitiveCounts perPte = mprotect("change-ptes/per-pte", "x86", "64K=always", 3, CHANGE);
        PrimitiveCounts batch = mprotect("change-ptes/folio-batch", "x86", "64K=always", 3, CHANGE);
        for (PrimitiveCounts c : List.of(perPte, batch)) {
            assertEquals(256, c.get(Primitive.PTEP_GET));
            assertEquals(256, c.get(Primitive.PTE_XCHG));
            assertEquals(256, c.get(Primitive.PTE_W));
        }
        assertEquals(0, perPte.get(Primitive.SP_R));
        assertEquals(32, batch.get(Primitive.SP_R));
        assertEquals(16, batch.get(Primitive.PTE_BATCH));
        for (String s : List.of("change-ptes/per-pte", "change-ptes/folio-batch")) {
            assertEquals(1, mprotect(s, "x86", "64K=always", 3, TLB_END_VMA).get(Primitive.X86_FULL), s);
        }
    }

    /** Order-0 folios cannot batch: 6.17 pays one struct page read per present PTE (docs/kernel-model.md §4.5). */
    @Test
    void x86MprotectOfSmallFoliosLooksUpEveryPte() {
        PrimitiveCounts batch = mprotect("change-ptes/folio-batch", "x86", "enabled=never", 3, CHANGE);
        assertEquals(256, batch.get(Primitive.SP_R));
        assertEquals(0, batch.get(Primitive.PTE_BATCH));
        assertEquals(256, batch.get(Primitive.PTE_XCHG));
        assertEquals(0, mprotect("change-ptes/per-pte", "x86", "enabled=never", 3, CHANGE).get(Primitive.SP_R));
    }

    /** RW -> RO of CONT-mapped 64K folios on arm64: per PTE every block unfolds and refolds; batched, none does. */
    @Test
    void arm64MprotectBatchNeverConverts() {
        PrimitiveCounts perPte = mprotect("change-ptes/per-pte", "arm64", "64K=always", 3, CHANGE);
        assertEquals(256, perPte.get(Primitive.PTEP_GET));
        assertEquals(16, perPte.get(Primitive.UNFOLD));
        assertEquals(16, perPte.get(Primitive.FOLD));
        assertEquals(16 * 48, perPte.get(Primitive.PTE_XCHG));
        assertEquals(16 * 48, perPte.get(Primitive.PTE_W));
        assertEquals(16 * 32, perPte.get(Primitive.TLBI_VA));
        assertEquals(16 * 2, perPte.get(Primitive.DSB));

        PrimitiveCounts batch = mprotect("change-ptes/folio-batch", "arm64", "64K=always", 3, CHANGE);
        assertEquals(16, batch.get(Primitive.PTEP_GET));
        assertEquals(0, batch.get(Primitive.UNFOLD) + batch.get(Primitive.FOLD));
        assertEquals(256, batch.get(Primitive.PTE_XCHG));
        assertEquals(256, batch.get(Primitive.PTE_W));
        assertEquals(0, batch.get(Primitive.TLBI_VA) + batch.get(Primitive.DSB));
        assertEquals(32, batch.get(Primitive.SP_R));
        for (String s : List.of("change-ptes/per-pte", "change-ptes/folio-batch")) {
            PrimitiveCounts end = mprotect(s, "arm64", "64K=always", 3, TLB_END_VMA);
            assertEquals(256, end.get(Primitive.TLBI_VA), s);
            assertEquals(1, end.get(Primitive.DSB), s);
        }
    }

    /** RO -> RW of exclusive anon pages: PageAnonExclusive once per page either way; the lookups differ. */
    @Test
    void mprotectWriteUpgradeTestsEveryPageOnce() {
        for (String arch : List.of("x86", "arm64")) {
            assertEquals(256, secondMprotect("change-ptes/per-pte", arch, Primitive.AE), arch);
            assertEquals(256, secondMprotect("change-ptes/folio-batch", arch, Primitive.AE), arch);
            // arm64's refold looks the 16th page's folio up once more: its line, the head's, page[1].
            int foldLookup = arch.equals("arm64") ? 3 : 0;
            assertEquals(16 * (31 + foldLookup), secondMprotect("change-ptes/per-pte", arch, Primitive.SP_R), arch);
            assertEquals(32, secondMprotect("change-ptes/folio-batch", arch, Primitive.SP_R), arch);
        }
        assertEquals(16, secondMprotect("change-ptes/per-pte", "arm64", Primitive.UNFOLD));
        assertEquals(0, secondMprotect("change-ptes/folio-batch", "arm64", Primitive.UNFOLD));
    }

    /**
     * Differential: both strategies leave the same page tables. A munmap after the two mprotects
     * (same zap strategy) sees the same entries, CONT blocks and permissions, so it charges the same.
     */
    @Test
    void mprotectStrategiesLeaveTheSameTables() {
        List<TraceEvent> events = new java.util.ArrayList<>(fixture("mprotect-1m"));
        events.add(new TraceEvent.Munmap(1, 0, 0x4000_0000L, 1L << 20, TraceEvent.UNKNOWN_RESULT));
        for (String arch : List.of("x86", "arm64")) {
            for (String thp : List.of("64K=always", "enabled=never")) {
                PrimitiveCounts perPte = replay("change-ptes/per-pte", arch, thp, events).inclusive("munmap");
                PrimitiveCounts batch = replay("change-ptes/folio-batch", arch, thp, events).inclusive("munmap");
                assertEquals(perPte, batch, arch + " " + thp);
            }
        }
    }

    /** An unaligned 4 MiB move: holding the source PTL takes fewer locks and flushes once per source table. */
    @Test
    void ptlHoldTakesFewerLocksAndFlushesOncePerSourceTable() {
        List<TraceEvent> move = fixture("move-4m-unaligned");
        LedgerSnapshot perPte = replay("move-ptes/per-pte", "x86", "enabled=never", move);
        LedgerSnapshot hold = replay("move-ptes/ptl-hold", "x86", "enabled=never", move);
        assertEquals(8, perPte.self(MOVE_PTES).get(Primitive.PTL));
        assertEquals(6, hold.self(MOVE_PTES).get(Primitive.PTL));
        assertEquals(4, perPte.inclusive(MOVE_PTES).get(Primitive.X86_FULL));
        assertEquals(2, hold.inclusive(MOVE_PTES).get(Primitive.X86_FULL));
        assertEquals(1024, hold.self(MOVE_PTES).get(Primitive.PTE_XCHG));
    }

    /** Forced gather flushes inside zap_pte_range for 64 MiB: avoided only by batching large folios. */
    @Test
    void zapBatchingAvoidsForcedFlushesOnlyForLargeFolios() {
        String forced = ZAP + ";tlb_flush_mmu_tlbonly";
        List<TraceEvent> munmap = fixture("munmap-64m");
        assertEquals(1, replay("zap-ptes/folio-batch", "x86", "enabled=never", munmap)
                .inclusive(forced).get(Primitive.X86_FULL));
        assertEquals(0, replay("zap-ptes/folio-batch", "x86", "64K=always", munmap)
                .inclusive(forced).get(Primitive.X86_FULL));
        assertEquals(1, replay("zap-ptes/per-pte", "x86", "64K=always", munmap)
                .inclusive(forced).get(Primitive.X86_FULL));
        assertEquals(1_024, replay("zap-ptes/folio-batch", "x86", "64K=always", munmap)
                .inclusive(ZAP + ";tlb_flush_mmu").get(Primitive.REF)
                + replay("zap-ptes/folio-batch", "x86", "64K=always", munmap)
                .inclusive("munmap;do_vmi_munmap;tlb_finish_mmu").get(Primitive.REF));
    }

    /** FPB_MERGE_WRITE / any_writable: a batch whose later PTE is writable is write-protected whole. */
    @Test
    void forkBatchWriteProtectsWhenALaterPteIsWritable() {
        Kernel k = run(kernel("copy-ptes/folio-batch", "x86", "64K=always"), fixture("fork-any-writable"));
        assertEquals(1, k.vmas(1).size());
        LedgerSnapshot s = k.result().ledger();
        // The first fork write-protects page 0 only; the second the whole batch.
        assertEquals(1 + 16, s.inclusive(COPY).get(Primitive.PTE_RMW));
        assertEquals(1 + 1, s.inclusive(COPY).get(Primitive.REF_POSTED));
    }

    private static final String DEFERRED_SPLIT =
            "munmap;do_vmi_munmap;unmap_vmas;zap_pte_range;zap_present_ptes;deferred_split_folio";
    private static final String GATHER_FLUSH = "munmap;do_vmi_munmap;tlb_finish_mmu;tlb_flush_mmu;tlb_batch_pages_flush";
    private static final String UNDO_DEFERRED_SPLIT =
            "munmap;do_vmi_munmap;tlb_finish_mmu;tlb_flush_mmu;tlb_batch_pages_flush;folio_undo_large_rmappable";

    /**
     * 64K folios unmapped in two steps, on both architectures: fixtures/deferred-split-1m.txt
     * derives the counts. Up to 6.9 every removal that unmaps pages of a large anon folio queues
     * it for deferred split, since 6.10 only one that leaves it partially mapped; a page-by-page
     * zap leaves every folio partially mapped once. A queued folio leaves the queue when freed.
     */
    @Test
    void deferredSplitQueueingFollowsTheRelease() {
        List<TraceEvent> events = fixture("deferred-split-1m");
        for (String arch : List.of("x86", "arm64")) {
            for (String release : List.of("linux-6.8", "linux-6.9", "linux-6.16")) {
                LedgerSnapshot s = replay(release, arch, "64K=always", events);
                int queued = release.equals("linux-6.16") ? 1 : 16;
                String queuePath = release.equals("linux-6.8")
                        ? "munmap;do_vmi_munmap;unmap_vmas;zap_pte_range;deferred_split_folio" : DEFERRED_SPLIT;
                String at = release + " on " + arch;
                assertEquals(queued, s.self(queuePath).get(Primitive.SPLIT_QUEUE), at);
                assertEquals(queued, s.self(queuePath).get(Primitive.SP_W), at);
                assertEquals(queued, s.self(queuePath).get(Primitive.SHRINKER_BIT), at);
                assertEquals(queued, s.inclusive("munmap").get(Primitive.SHRINKER_BIT), at);
                assertEquals(queued, s.self(UNDO_DEFERRED_SPLIT).get(Primitive.SPLIT_QUEUE), at);
                assertEquals(queued, s.self(UNDO_DEFERRED_SPLIT).get(Primitive.SP_W), at);
                assertEquals(2L * queued, s.inclusive("munmap").get(Primitive.SPLIT_QUEUE), at);
                assertEquals(2L * queued + 16, s.inclusive("munmap").get(Primitive.SP_W), at);
                // NR_ANON_MAPPED: once per fault, and once per rmap removal (per PTE in 6.8).
                assertEquals(16, s.inclusive("fault").get(Primitive.LRUVEC_STAT), at);
                assertEquals(release.equals("linux-6.8") ? 256 : 17, s.inclusive("munmap").get(Primitive.LRUVEC_STAT), at);
                // The gather flushes' free_swap_cache reads and 6.8's release_pages lookups (§4.2).
                PrimitiveCounts flush = s.self(GATHER_FLUSH);
                assertEquals(release.equals("linux-6.8") ? 496 : 18, flush.get(Primitive.SWAP_CACHE_R), at);
                assertEquals(release.equals("linux-6.8") ? 256 : 0, flush.get(Primitive.SP_R), at);
                // Every folio is freed at tlb_finish_mmu: 6.8 locks the lruvec per large folio.
                assertEquals(release.equals("linux-6.8") ? 16 : 1, flush.get(Primitive.LRU_LOCK), at);
                // ... and uncharges each alone (an uncharge_batch per folio); later ones per batch.
                assertEquals(release.equals("linux-6.8") ? 16 : 0, flush.get(Primitive.UNCHARGE_BATCH), at);
            }
        }
    }

    /**
     * The release's lruvec lock, on both architectures: fixtures/release-lock-1m.txt derives the
     * counts. ≤ 6.8's release_pages holds it for up to SWAP_CLUSTER_MAX entries and gives every
     * large folio a lock and a memcg uncharge_batch of its own; 6.9's folios_put_refs takes the
     * lock once per folio_batch and uncharges the batch together.
     */
    @Test
    void releaseTakesTheLruvecLockAsTheKernelBatchesIt() {
        List<TraceEvent> events = fixture("release-lock-1m");
        for (String arch : List.of("x86", "arm64")) {
            assertEquals(8, replay("linux-6.8", arch, "enabled=never", events).self(GATHER_FLUSH)
                    .get(Primitive.LRU_LOCK), arch);
            assertEquals(16, replay("linux-6.8", arch, "64K=always", events).self(GATHER_FLUSH)
                    .get(Primitive.LRU_LOCK), arch);
            assertEquals(9, replay("linux-6.9", arch, "enabled=never", events).self(GATHER_FLUSH)
                    .get(Primitive.LRU_LOCK), arch);
            assertEquals(1, replay("linux-6.9", arch, "64K=always", events).self(GATHER_FLUSH)
                    .get(Primitive.LRU_LOCK), arch);
            // The lone uncharge_batch of destroy_large_folio, ≤ 6.8 only, large folios only.
            assertEquals(0, replay("linux-6.8", arch, "enabled=never", events).inclusive("munmap")
                    .get(Primitive.UNCHARGE_BATCH), arch);
            assertEquals(16, replay("linux-6.8", arch, "64K=always", events).self(GATHER_FLUSH)
                    .get(Primitive.UNCHARGE_BATCH), arch);
            assertEquals(0, replay("linux-6.9", arch, "enabled=never", events).inclusive("munmap")
                    .get(Primitive.UNCHARGE_BATCH), arch);
            assertEquals(0, replay("linux-6.9", arch, "64K=always", events).inclusive("munmap")
                    .get(Primitive.UNCHARGE_BATCH), arch);
        }
    }

    /**
     * A large folio whose last reference a copy-on-write fault drops is freed by __folio_put and
     * uncharged alone, in every release, on both architectures: fixtures/cow-free-large.txt
     * derives the counts.
     */
    @Test
    void aFolioFreedByItsLastCopyIsUnchargedAlone() {
        String copy = "fault;handle_mm_fault;do_wp_page;wp_page_copy";
        List<TraceEvent> events = fixture("cow-free-large");
        for (String arch : List.of("x86", "arm64")) {
            for (String release : List.of("linux-6.8", "linux-6.9")) {
                LedgerSnapshot s = replay(release, arch, "64K=always", events);
                String at = release + " on " + arch;
                assertEquals(1, s.self(copy).get(Primitive.UNCHARGE_BATCH), at);
                assertEquals(1, s.totals().get(Primitive.UNCHARGE_BATCH), at);
                assertEquals(1, s.self(copy).get(Primitive.FOLIO_FREE), at);
                assertEquals(15, s.self(copy).get(Primitive.TAIL_FREE), at);
                assertEquals(16, s.self(copy).get(Primitive.PAGE_ALLOC), at);
            }
        }
    }

    /**
     * Every kernel preset resolves against the real providers on both architectures and replays
     * Dev Jain's iteration (64K=always) with no divergence; only 6.9–6.16 unfold on arm64.
     */
    @Test
    void everyPresetResolvesAndReplaysOnBothArchitectures() {
        StrategySelector selector = RealKernels.selector();
        List<KernelPreset> presets = RealKernels.presets();
        assertEquals(9, presets.size());
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
