package org.ptreplay.arch.arm64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.TextFormat;
import org.junit.jupiter.api.Test;
import org.ptreplay.arch.arm64.profiles.GenericArm64Profile;
import org.ptreplay.core.cost.CostOptions;
import org.ptreplay.core.cost.ProfileCostModel;
import org.ptreplay.core.profile.MachineProfile;
import org.ptreplay.core.profile.MachineProfiles;
import org.ptreplay.testkit.TextFixtures;
import org.ptreplay.spi.ops.Primitive;
import org.ptreplay.core.sim.Kernel;
import org.ptreplay.core.value.LedgerSnapshot;
import org.ptreplay.core.value.PrimitiveCounts;
import org.ptreplay.core.sim.SimConfig;
import org.ptreplay.core.value.ThpSpec;

/**
 * arm64 with contpte through the real simulated kernel (core's fault, mremap and zap paths with
 * the reference per-PTE strategies), 4K granule, Linux 6.9–6.16 contpte (batched helpers, no early
 * exit, no BBML2). Each trace is a text file in {@code fixtures/} whose comment derives the counts
 * asserted here.
 */
class CoreReplayTest {
    private static final String MOVE_PTES = "mremap;move_page_tables;move_ptes";

    private static Kernel kernel(String thp) {
        return new Kernel(SimConfig.builder(new Arm64Architecture()).cpus(1).thp(ThpSpec.parse(thp)).build());
    }

    /** Replays the events of {@code fixtures/NAME.txt}, beside this class in the test resources. */
    private static void run(Kernel k, String fixture) {
        k.replay(TextFixtures.events(CoreReplayTest.class::getResourceAsStream, fixture));
    }

    /** Atomics by kind in fault, fork and munmap: fixtures/atomic-kinds.txt derives the counts (§4.6). */
    @Test
    void forkChargesItsAtomicsWithoutAReturnAsPostedAndTheZapItsReturningOnes() {
        Kernel k = kernel("enabled=never");
        run(k, "atomic-kinds");
        LedgerSnapshot s = k.result().ledger();
        // REF_POSTED, REF, MAP_POSTED, MAP, AE_POSTED, AE
        assertEquals(java.util.List.of(32L, 0L, 0L, 16L, 0L, 16L), kinds(s.inclusive("fault")));
        assertEquals(java.util.List.of(16L, 0L, 16L, 0L, 16L, 0L), kinds(s.inclusive("fork")));
        PrimitiveCounts munmap = s.inclusive("munmap");
        assertEquals(java.util.List.of(0L, 0L, 0L), java.util.List.of(munmap.get(Primitive.REF_POSTED),
                munmap.get(Primitive.MAP_POSTED), munmap.get(Primitive.AE_POSTED)));
        assertEquals(16, munmap.get(Primitive.MAP));
    }

    private static java.util.List<Long> kinds(PrimitiveCounts c) {
        return java.util.List.of(c.get(Primitive.REF_POSTED), c.get(Primitive.REF), c.get(Primitive.MAP_POSTED),
                c.get(Primitive.MAP), c.get(Primitive.AE_POSTED), c.get(Primitive.AE));
    }

    /** VMA and maple-node lines of mmap, mremap and munmap: fixtures/vma-lines.txt derives them (§2.8). */
    @Test
    void vmaWorkTouchesVmaAndMapleNodeLines() {
        Kernel k = kernel("enabled=never");
        run(k, "vma-lines");
        LedgerSnapshot s = k.result().ledger();
        assertEquals(5, s.inclusive("mmap").get(Primitive.VMA_LINE));
        assertEquals(5, s.inclusive("mmap").get(Primitive.MT_LINE));
        assertEquals(8, s.inclusive("fault;handle_mm_fault;do_anonymous_page;__anon_vma_prepare").get(Primitive.VMA_LINE));
        assertEquals(21, s.inclusive("mremap").get(Primitive.VMA_LINE));
        assertEquals(31, s.inclusive("mremap").get(Primitive.MT_LINE));
        assertEquals(9, s.inclusive("munmap").get(Primitive.VMA_LINE));
        assertEquals(5, s.inclusive("munmap").get(Primitive.MT_LINE));
    }

    /**
     * The mm_struct, file and i_mmap lines of a shmem VMA moved by a whole PMD:
     * fixtures/vma-shmem-pmd.txt derives them (docs/kernel-model.md §2.10).
     */
    @Test
    void shmemPmdMoveChargesTheFileAndMmLines() {
        Kernel k = new Kernel(SimConfig.builder(new Arm64Architecture()).cpus(1).pgtableMove(new PmdMove()).build());
        run(k, "vma-shmem-pmd");
        LedgerSnapshot s = k.result().ledger();
        assertEquals(java.util.List.of(1L, 3L, 1L, 1L), fileWork(s, "mmap"));
        assertEquals(java.util.List.of(0L, 0L, 0L, 0L), fileWork(s, "fault"));
        // 512 new shmem pages: each charged, counted three times (NR_FILE_PAGES, NR_SHMEM,
        // NR_FILE_MAPPED) and zeroed.
        assertEquals(512, s.inclusive("fault").get(Primitive.MEMCG));
        assertEquals(3 * 512, s.inclusive("fault").get(Primitive.LRUVEC_STAT));
        assertEquals(512, s.inclusive("fault").get(Primitive.PAGE_ZERO));
        assertEquals(java.util.List.of(1L, 7L, 2L, 3L), fileWork(s, "mremap"));
        // move_normal_pmd's take_rmap_locks: the i_mmap_rwsem and its line.
        assertEquals(1, s.inclusive("mremap;move_page_tables;move_normal_pmd").get(Primitive.RMAPLOCK));
        assertEquals(1, s.inclusive("mremap;move_page_tables;move_normal_pmd").get(Primitive.KOBJ_LINE));
        assertEquals(16, s.inclusive("mremap").get(Primitive.VMA_LINE));
        assertEquals(31, s.inclusive("mremap").get(Primitive.MT_LINE));
        assertEquals(java.util.List.of(1L, 3L, 1L, 1L), fileWork(s, "munmap"));
        assertEquals(4, s.inclusive("munmap").get(Primitive.VMA_LINE));
        assertEquals(5, s.inclusive("munmap").get(Primitive.MT_LINE));
    }

    /** MMAP_LOCK, KOBJ_LINE, FILE_REF and RMAPLOCK charged on {@code path} and below. */
    private static java.util.List<Long> fileWork(LedgerSnapshot s, String path) {
        var counts = s.inclusive(path);
        return java.util.List.of(counts.get(Primitive.MMAP_LOCK), counts.get(Primitive.KOBJ_LINE),
                counts.get(Primitive.FILE_REF), counts.get(Primitive.RMAPLOCK));
    }

    /**
     * fork and exit of a process with three VMAs, two with an anon_vma: the per-VMA work of
     * dup_mmap and exit_mmap three times; fixtures/vma-fork-exit.txt derives the counts (§2.9).
     */
    @Test
    void forkAndExitChargeVmaWorkPerVma() {
        Kernel k = kernel("enabled=never");
        run(k, "vma-fork-exit");
        LedgerSnapshot s = k.result().ledger();
        String dup = "fork;dup_mm;dup_mmap";
        assertEquals(3, s.self(dup).get(Primitive.VMA_LINE));
        assertEquals(9, s.inclusive(dup + ";__mt_dup").get(Primitive.MT_LINE));
        assertEquals(21, s.inclusive(dup + ";vm_area_dup").get(Primitive.VMA_LINE));
        assertEquals(3, s.inclusive(dup + ";vm_area_dup").get(Primitive.VMA_ALLOC));
        assertEquals(30, s.inclusive(dup + ";anon_vma_fork").get(Primitive.VMA_LINE));
        assertEquals(6, s.inclusive(dup + ";anon_vma_fork").get(Primitive.VMA_ALLOC));
        assertEquals(3, s.inclusive(dup + ";vma_iter_bulk_store").get(Primitive.MT_LINE));
        assertEquals(0, s.inclusive("fork").get(Primitive.VMA_STORE));
        assertEquals(17, s.inclusive("fault;handle_mm_fault;do_anonymous_page;__anon_vma_prepare").get(Primitive.VMA_LINE));
        assertEquals(38, s.inclusive("exit;mmput;exit_mmap;remove_vma").get(Primitive.VMA_LINE));
        assertEquals(2, s.inclusive("exit;mmput;exit_mmap;__mt_destroy").get(Primitive.MT_LINE));
    }

    /** Dev Jain's iteration with 64K folios: the per-PTE move unfolds and refolds every block. */
    @Test
    void devJainIterationWith64kFoliosUnfoldsAndRefoldsEveryBlock() {
        Kernel k = kernel("64K=always");
        run(k, "dev-jain");
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
        run(k, "dev-jain");
        LedgerSnapshot s = k.result().ledger();
        assertEquals(256, s.self(MOVE_PTES).get(Primitive.PTEP_GET));
        assertEquals(0, s.totals().get(Primitive.FOLD));
        assertEquals(0, s.totals().get(Primitive.UNFOLD));
    }

    /** munmap of one page inside a CONT block unfolds exactly that block. */
    @Test
    void partialMunmapOfAContBlockUnfoldsExactlyOneBlock() {
        Kernel k = kernel("64K=always");
        run(k, "partial-munmap-cont");
        LedgerSnapshot s = k.result().ledger();
        assertEquals(1, s.inclusive("munmap").get(Primitive.UNFOLD));
        assertEquals(0, s.inclusive("munmap").get(Primitive.FOLD));
        assertEquals(2, k.vmas(1).size());
    }

    /** mprotect on arm64 flushes every changed present entry, zero-page ones included. */
    @Test
    void mprotectFlushesEveryChangedEntry() {
        Kernel k = kernel("enabled=never");
        run(k, "mprotect-zero-pages");
        LedgerSnapshot s = k.result().ledger();
        PrimitiveCounts flush = s.inclusive("mprotect;mprotect_fixup;tlb_end_vma");
        assertEquals(16, flush.get(Primitive.TLBI_VA));
        assertEquals(1, flush.get(Primitive.DSB));
        assertEquals(16, s.self("mprotect;mprotect_fixup;change_pte_range").get(Primitive.PTE_XCHG));
    }

    /**
     * mprotect of a whole PMD THP: {@code change_huge_pmd} without a split; the generic
     * {@code pmdp_invalidate_ad} flushes the PMD range at once and tlb_end_vma flushes it again.
     */
    @Test
    void mprotectOfAWholePmdLeafFlushesTwicePerCallOnArm64() {
        Kernel k = kernel("enabled=madvise");
        run(k, "pmd-thp-mprotect");
        LedgerSnapshot s = k.result().ledger();
        assertTrue(s.paths().keySet().stream().noneMatch(p -> p.contains("__split_huge_pmd")));
        PrimitiveCounts change = s.inclusive("mprotect;mprotect_fixup;change_huge_pmd");
        assertEquals(2, change.get(Primitive.PTE_XCHG));
        assertEquals(2, change.get(Primitive.PTE_W));
        assertEquals(1, change.get(Primitive.SP_R));
        assertEquals(1, change.get(Primitive.AE));
        assertEquals(2, change.get(Primitive.TLBI_VA));
        assertEquals(2, change.get(Primitive.DSB));
        PrimitiveCounts endVma = s.inclusive("mprotect;mprotect_fixup;tlb_end_vma");
        assertEquals(2, endVma.get(Primitive.TLBI_VA));
        assertEquals(2, endVma.get(Primitive.DSB));
        assertTrue(s.paths().keySet().stream().noneMatch(p -> p.endsWith("do_huge_pmd_wp_page")));
    }

    /** Fault and free of 1 MiB with 4K, 64K and 1024K folios: fixtures/fault-free-1m.txt derives every count. */
    @Test
    void faultAndFreeChargePerFolioOnceAndPerPagePerPage() {
        assertFaultAndFree(kernel("enabled=never"), 256, 0, 0, 8, 8, 10);
        assertFaultAndFree(kernel("64K=always"), 16, 4, 15, 16, 0, 9);
        assertFaultAndFree(kernel("1024K=always"), 1, 8, 0, 1, 0, 1);
    }

    /**
     * @param folios  folios faulted and freed
     * @param order   their order
     * @param buddy   BUDDY steps of the allocations, and as many merges when they are freed
     * @param moves   LRU moves during the faults
     * @param pending folios still in the LRU batch at the munmap
     * @param locked  folio_batches of the munmap's frees in which a folio's last reference goes (the
     *                folio_batches restart with each batch page's release call)
     */
    private static void assertFaultAndFree(Kernel k, int folios, int order, int buddy, int moves, int pending,
                                           int locked) {
        run(k, "fault-free-1m");
        LedgerSnapshot s = k.result().ledger();
        int tails = folios * ((1 << order) - 1);
        int moved = folios - pending;
        boolean pcp = order <= 3;
        assertEquals(folios, s.self("fault").get(Primitive.EXC));
        assertEquals(folios, s.self("fault;lock_vma_under_rcu").get(Primitive.VMA_WALK));
        assertEquals(folios, s.self("fault;lock_vma_under_rcu").get(Primitive.VMA_LOCK));
        // The walk to the one VMA (range 1 of a one-leaf tree: lines 0 and 2) and its lock's line (§2.8).
        assertEquals(2L * folios, s.self("fault;lock_vma_under_rcu").get(Primitive.MT_LINE));
        assertEquals(folios, s.self("fault;lock_vma_under_rcu").get(Primitive.VMA_LINE));
        PrimitiveCounts alloc = s.self("fault;handle_mm_fault;do_anonymous_page;alloc_anon_folio");
        assertEquals(folios, alloc.get(Primitive.PAGE_ALLOC));
        assertEquals(folios, alloc.get(Primitive.MEMCG));
        assertEquals(256, alloc.get(Primitive.PAGE_ZERO));
        assertEquals(pcp ? 0 : folios, alloc.get(Primitive.ZONE_LOCK));
        assertEquals(buddy, alloc.get(Primitive.BUDDY));
        assertEquals(tails, alloc.get(Primitive.TAIL_PREP));
        assertEquals(folios, s.self("fault;handle_mm_fault;do_anonymous_page").get(Primitive.MM_COUNTER));
        // folio_add_new_anon_rmap: NR_ANON_MAPPED once per folio; the per-PTE zap's removal once
        // per page, each the page's last mapping (§4.6).
        assertEquals(folios, s.self("fault;handle_mm_fault;do_anonymous_page").get(Primitive.LRUVEC_STAT));
        assertEquals(256, s.inclusive("munmap").get(Primitive.LRUVEC_STAT));
        PrimitiveCounts move = s.self("fault;handle_mm_fault;do_anonymous_page;folio_batch_move_lru");
        assertEquals(moves, move.get(Primitive.LRU_LOCK));
        assertEquals(moved, move.get(Primitive.SP_W));
        assertEquals(moved, move.get(Primitive.SP_ATOM));
        assertEquals(moved, move.get(Primitive.REF));
        PrimitiveCounts drain = s.inclusive("munmap;do_vmi_munmap;lru_add_drain");
        assertEquals(pending == 0 ? 0 : 1, drain.get(Primitive.LRU_LOCK));
        assertEquals(pending, drain.get(Primitive.SP_W));
        assertEquals(pending, drain.get(Primitive.REF));
        PrimitiveCounts free = s.self("munmap;do_vmi_munmap;tlb_finish_mmu;tlb_flush_mmu;tlb_batch_pages_flush");
        assertEquals(locked, free.get(Primitive.LRU_LOCK));
        assertEquals(256, free.get(Primitive.REF));
        // The per-PTE zap gathers one entry per page; free_swap_cache reads every entry's page
        // and, for a tail page, its head. The current kernels' flush looks entries up once per
        // folio_batch, so no second lookup (6.8's release_pages: CoreIntegrationTest, §4.2).
        assertEquals(256 + tails, free.get(Primitive.SWAP_CACHE_R));
        assertEquals(0, free.get(Primitive.SP_R));
        assertEquals(folios, free.get(Primitive.SP_W));
        assertEquals(folios, free.get(Primitive.MEMCG));
        assertEquals(folios, free.get(Primitive.FOLIO_FREE));
        assertEquals(tails, free.get(Primitive.TAIL_FREE));
        assertEquals(pcp ? 0 : folios, free.get(Primitive.ZONE_LOCK));
        assertEquals(buddy, free.get(Primitive.BUDDY));
        assertTrue(k.result().divergences().isEmpty(), k.result().divergences().toString());
    }

    /**
     * The shadow-paging charges on arm64: fixtures/shadow-paging.txt derives the counts. On a
     * profile with shadow_fill_ns = 5,000, shadow_sync_ns = 100, shadow_sync_rmw_ns = 30 and
     * shadow_leaf_rmw_ns = 700 the replay costs exactly 258 fills, 257 single-update syncs at
     * 30 ns and one leaf sync at 700 ns (the PMD leaf fork write-protects) more than with all at 0:
     * fork's write-protects are cmpxchg loops, none is mprotect's clear-then-set.
     */
    @Test
    void shadowFillsPerFaultedEntry() throws Exception {
        MachineProfile bare = MachineProfiles.load(new GenericArm64Profile());
        LedgerSnapshot s = shadowReplay(bare);
        assertEquals(256, s.self("fault;handle_mm_fault;do_anonymous_page").get(Primitive.SHADOW_FILL));
        assertEquals(1, s.self("fault;handle_mm_fault;do_huge_pmd_anonymous_page").get(Primitive.SHADOW_FILL));
        assertEquals(1, s.self("fault;handle_mm_fault;do_wp_page;wp_page_copy").get(Primitive.SHADOW_FILL));
        assertEquals(258, s.totals().get(Primitive.SHADOW_FILL));
        assertEquals(0, s.inclusive("fork").get(Primitive.SHADOW_FILL));
        assertEquals(0, s.inclusive("munmap").get(Primitive.SHADOW_FILL));

        var ops = bare.proto().getOps().toBuilder()
                .setShadowFillNs(bare.proto().getOps().getShadowFillNs().toBuilder().setValue(5_000))
                .setShadowSyncNs(bare.proto().getOps().getShadowSyncNs().toBuilder().setValue(100))
                .setShadowSyncRmwNs(bare.proto().getOps().getShadowSyncRmwNs().toBuilder().setValue(30))
                .setShadowLeafRmwNs(bare.proto().getOps().getShadowLeafRmwNs().toBuilder().setValue(700));
        MachineProfile shadowed = MachineProfiles.parse(TextFormat.printer().printToString(
                bare.proto().toBuilder().setOps(ops).build()), "shadowed");
        LedgerSnapshot v = shadowReplay(shadowed);
        assertEquals(256, s.inclusive("fork;dup_mm;dup_mmap;copy_page_range;copy_pte_range").get(Primitive.SHADOW_SYNC_RMW));
        assertEquals(1, s.inclusive("fork;dup_mm;dup_mmap;copy_page_range;copy_huge_pmd").get(Primitive.SHADOW_SYNC_RMW));
        assertEquals(257, s.totals().get(Primitive.SHADOW_SYNC_RMW));
        assertEquals(1, s.inclusive("fork;dup_mm;dup_mmap;copy_page_range;copy_huge_pmd").get(Primitive.SHADOW_LEAF_RMW));
        assertEquals(1, s.totals().get(Primitive.SHADOW_LEAF_RMW));
        assertEquals(0, s.totals().get(Primitive.SHADOW_SYNC));
        assertEquals(0, s.inclusive("munmap").get(Primitive.SHADOW_SYNC_RMW));
        assertEquals(258L * 5_000_000 + 257L * 30_000 + 700_000, v.totalPs() - s.totalPs());
    }

    private static LedgerSnapshot shadowReplay(MachineProfile profile) {
        Kernel k = new Kernel(SimConfig.builder(new Arm64Architecture()).cpus(1).thp(ThpSpec.parse("64K=always"))
                .cost(ProfileCostModel.create(profile, CostOptions.defaults())).build());
        run(k, "shadow-paging");
        assertTrue(k.result().divergences().isEmpty(), k.result().divergences().toString());
        return k.result().ledger();
    }
}
