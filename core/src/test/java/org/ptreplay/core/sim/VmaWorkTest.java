package org.ptreplay.core.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ptreplay.core.cost.CostOptions;
import org.ptreplay.core.cost.ProfileCostModel;
import org.ptreplay.core.profile.InvalidProfileException;
import org.ptreplay.core.profile.MachineProfile;
import org.ptreplay.core.profile.MachineProfiles;
import org.ptreplay.spi.KernelConfig;
import org.ptreplay.spi.ops.Primitive;
import org.ptreplay.trace.TraceEvent;
import org.ptreplay.core.value.LedgerSnapshot;

/** VMA work per syscall (docs/kernel-model.md §2.7, §2.8); the fixtures' comments derive the counts. */
class VmaWorkTest {
    private static final String PREPARE = "fault;handle_mm_fault;do_anonymous_page;__anon_vma_prepare";

    private static LedgerSnapshot replay(String fixture) {
        Kernel k = new Kernel(SimConfig.builder(new TestArch()).build());
        List<TraceEvent> events = TextFixtures.load(fixture);
        return k.replay(events).ledger();
    }

    /** VMA_WALK, VMA_STORE, VMA_ALLOC charged on {@code path} and below. */
    private static List<Long> vmaWork(LedgerSnapshot s, String path) {
        var counts = s.inclusive(path);
        return List.of(counts.get(Primitive.VMA_WALK), counts.get(Primitive.VMA_STORE),
                counts.get(Primitive.VMA_ALLOC));
    }

    /** VMA_LINE and MT_LINE touched on {@code path} and below. */
    private static List<Long> lines(LedgerSnapshot s, String path) {
        var counts = s.inclusive(path);
        return List.of(counts.get(Primitive.VMA_LINE), counts.get(Primitive.MT_LINE));
    }

    @Test
    void brkExpandAndShrinkIsTheBrk2Iteration() {
        LedgerSnapshot s = replay("vma-brk2");
        // Creation (1, 1, 1) plus the iteration (2, 4, 1).
        assertEquals(List.of(3L, 5L, 2L), vmaWork(s, "brk"));
        assertEquals(4, s.inclusive("brk").get(Primitive.SYSCALL));
        // The split, the detach and the clear are inside do_vmi_munmap; the walk that finds the
        // VMA is charged to the caller, as it is when nothing is mapped.
        assertEquals(List.of(0L, 3L, 1L), vmaWork(s, "brk;do_vmi_munmap"));
        // Lines (§2.8): creation (VMA 5, MT 5) plus the iteration (VMA 12, MT 37): the grow's
        // vma_find past the VMA (MT 2) and its store (MT 10, VMA 1); the shrink's vma_find
        // (MT 2, VMA 1), the split's copy (VMA 7) and store (MT 10, VMA 1), the detached tree
        // (MT 3, VMA 1), the clear (MT 10) and the free of the top part (VMA 1).
        assertEquals(List.of(17L, 42L), lines(s, "brk"));
        // The mmap lock of every call and the VM counters of the three that change the size (§2.10).
        assertEquals(List.of(4L, 3L, 0L, 0L), fileWork(s, "brk"));
    }

    @Test
    void mremapExpandsInPlaceThenMoves() {
        LedgerSnapshot s = replay("vma-mremap-expand-move");
        // Two mmaps (1, 1, 1) each.
        assertEquals(List.of(2L, 2L, 2L), vmaWork(s, "mmap"));
        // Expansion (2, 1, 0) plus the move (5, 3, 2).
        assertEquals(List.of(7L, 4L, 2L), vmaWork(s, "mremap"));
    }

    @Test
    void mmapMremapMunmapTouchVmaAndMapleNodeLines() {
        LedgerSnapshot s = replay("vma-lines");
        assertEquals(List.of(5L, 5L), lines(s, "mmap"));
        assertEquals(List.of(21L, 31L), lines(s, "mremap"));
        assertEquals(List.of(9L, 5L), lines(s, "munmap"));
        assertEquals(List.of(8L, 2L), lines(s, PREPARE));
        assertEquals(List.of(1L, 0L, 2L), vmaWork(s, PREPARE));
    }

    /** mm_struct, file and i_mmap lines of a shmem VMA (fixtures/vma-shmem.txt derives them, §2.10). */
    @Test
    void shmemMremapLinksAndUnlinksTheFileVma() {
        LedgerSnapshot s = replay("vma-shmem");
        assertEquals(List.of(1L, 3L, 1L, 1L), fileWork(s, "mmap"));
        assertEquals(List.of(6L, 5L), lines(s, "mmap"));
        assertEquals(List.of(1L, 6L, 2L, 2L), fileWork(s, "mremap"));
        assertEquals(List.of(16L, 31L), lines(s, "mremap"));
        assertEquals(List.of(1L, 3L, 1L, 1L), fileWork(s, "munmap"));
        assertEquals(List.of(4L, 5L), lines(s, "munmap"));
        assertEquals(List.of(0L, 0L, 0L, 0L), fileWork(s, "fault"));
        // The shmem page itself (§2.10): allocated (with the fault's three page-table pages),
        // charged to the memcg, counted in NR_FILE_PAGES, NR_SHMEM and, once mapped,
        // NR_FILE_MAPPED, zeroed.
        var fault = s.inclusive("fault");
        assertEquals(List.of(4L, 1L, 3L, 1L), List.of(fault.get(Primitive.PAGE_ALLOC), fault.get(Primitive.MEMCG),
                fault.get(Primitive.LRUVEC_STAT), fault.get(Primitive.PAGE_ZERO)));
    }

    /** MMAP_LOCK, KOBJ_LINE, FILE_REF and RMAPLOCK charged on {@code path} and below. */
    private static List<Long> fileWork(LedgerSnapshot s, String path) {
        var counts = s.inclusive(path);
        return List.of(counts.get(Primitive.MMAP_LOCK), counts.get(Primitive.KOBJ_LINE),
                counts.get(Primitive.FILE_REF), counts.get(Primitive.RMAPLOCK));
    }

    /**
     * fork and exit of three VMAs (fixtures/vma-fork-exit.txt derives the counts, §2.9): every
     * per-VMA charge three times, and how the child's tree is built follows the release.
     */
    @Test
    void forkAndExitChargeVmaWorkPerVma() {
        for (boolean mtDup : new boolean[] {true, false}) {
            Kernel k = new Kernel(SimConfig.builder(new TestArch())
                    .kernelConfig(new KernelConfig(true, true, true, true, mtDup, true, true)).build());
            LedgerSnapshot s = k.replay(TextFixtures.load("vma-fork-exit")).ledger();
            String dup = "fork;dup_mm;dup_mmap";
            assertEquals(List.of(15L, 29L), lines(s, "mmap"));
            assertEquals(List.of(17L, 4L), lines(s, PREPARE));
            assertEquals(List.of(2L, 0L, 4L), vmaWork(s, PREPARE));
            assertEquals(3, s.self(dup).get(Primitive.VMA_LINE));
            assertEquals(List.of(21L, 0L), lines(s, dup + ";vm_area_dup"));
            assertEquals(List.of(0L, 0L, 3L), vmaWork(s, dup + ";vm_area_dup"));
            assertEquals(List.of(30L, 0L), lines(s, dup + ";anon_vma_fork"));
            assertEquals(List.of(0L, 0L, 6L), vmaWork(s, dup + ";anon_vma_fork"));
            if (mtDup) {
                assertEquals(List.of(0L, 9L), lines(s, dup + ";__mt_dup"));
                assertEquals(List.of(0L, 3L), lines(s, dup + ";vma_iter_bulk_store"));
                assertEquals(List.of(0L, 0L, 0L), vmaWork(s, dup + ";vma_iter_bulk_store"));
            } else {
                assertEquals(List.of(0L, 0L), lines(s, dup + ";__mt_dup"));
                assertEquals(List.of(0L, 25L), lines(s, dup + ";vma_iter_bulk_store"));
                assertEquals(List.of(0L, 3L, 0L), vmaWork(s, dup + ";vma_iter_bulk_store"));
            }
            assertEquals(List.of(38L, 0L), lines(s, "exit;mmput;exit_mmap;remove_vma"));
            assertEquals(List.of(0L, 2L), lines(s, "exit;mmput;exit_mmap;__mt_destroy"));
            assertEquals(List.of(0L, 0L, 0L), vmaWork(s, "exit"));
        }
    }

    /**
     * The same mremap costs more after a large memset than inside a loop: the lines are the same
     * (same counts), the cache model finds them in memory instead of in L1 or L2. tiny-x86: L1
     * 2 KiB at 1 ns, L2 8 KiB at 4 ns, memory at 100 ns, no prefetcher.
     */
    @Test
    void vmaWorkIsColdAfterAMemsetAndHotInALoop() {
        LedgerSnapshot hot = priced("vma-hot");
        LedgerSnapshot cold = priced("vma-cold");
        assertEquals(hot.totals(), cold.totals());
        long hotPs = hot.syscalls().get("mremap").ps();
        long coldPs = cold.syscalls().get("mremap").ps();
        // The last growth touches eleven distinct lines: the leaf's four, the VMA's head, the
        // four of the node the store takes from the freelist (the one the shrink freed), and the
        // mm_struct's mmap_lock and VM counter lines (§2.10). In the loop the shrink just touched
        // all eleven: L1 hits. After the memset each comes from memory: 100 ns instead of 1 ns.
        assertEquals(11 * 99_000, coldPs - hotPs, "cold " + coldPs + " ps, hot " + hotPs + " ps");
    }

    private static LedgerSnapshot priced(String fixture) {
        MachineProfile tiny;
        try (InputStream in = MachineProfile.class.getResourceAsStream("tiny-x86.txtpb")) {
            tiny = MachineProfiles.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "tiny-x86.txtpb");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InvalidProfileException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        Kernel k = new Kernel(SimConfig.builder(new TestArch())
                .cost(ProfileCostModel.create(tiny, CostOptions.defaults())).build());
        return k.replay(TextFixtures.load(fixture)).ledger();
    }
}
