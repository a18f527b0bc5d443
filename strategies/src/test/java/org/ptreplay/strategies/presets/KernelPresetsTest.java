package org.ptreplay.strategies.presets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.ptreplay.core.select.ResolvedKernel;
import org.ptreplay.core.select.StrategySelector;
import org.ptreplay.spi.KernelPath;
import org.ptreplay.spi.KernelPreset;
import org.ptreplay.strategies.ServiceFiles;

class KernelPresetsTest {
    /**
     * The options the arch modules define (their contract in the task: arm64 granule, contpte,
     * contpte-early-exit, bbml2, tlbirange, kpti; x86 invlpgb).
     */
    private static final Map<String, Set<String>> ARCH_OPTIONS = Map.of(
            "arm64", Set.of("granule", "contpte", "contpte-early-exit", "bbml2", "tlbirange", "kpti"),
            "x86", Set.of("invlpgb"));

    private final StrategySelector selector =
            new StrategySelector(ServiceFiles.strategiesWithReferenceStandIns(), ServiceFiles.presets());

    private String choice(String preset, String arch, KernelPath path) {
        return selector.resolve(preset, arch).strategies().get(path).name();
    }

    @Test
    void everyPresetResolvesEveryPathOnBothArches() {
        for (KernelPreset p : ServiceFiles.presets()) {
            for (String arch : List.of("x86", "arm64")) {
                ResolvedKernel k = selector.resolve(p.name(), arch);
                assertEquals(p.name(), k.name());
                assertEquals(Set.of(KernelPath.values()), k.strategies().keySet(), p.name() + " " + arch);
                assertTrue(ARCH_OPTIONS.get(arch).containsAll(k.archOptions().keySet()), p.name() + " " + arch);
                assertEquals("true", k.kernelConfig().asMap().get("page_mapcount"), p.name());
            }
            assertEquals(ARCH_OPTIONS.keySet(), p.archOptions().keySet(), p.name() + " sets options for both arches");
        }
    }

    @Test
    void mremapRealignsFrom6_7() {
        // try_realign_addr came with af8ca1c14906 (v6.7): 4.19 to 5.11 move the unaligned head per
        // PTE, every later preset realigns.
        Map<String, String> expected = Map.of(
                "linux-4.19", "false", "linux-5.0", "false", "linux-5.11", "false",
                "linux-6.8", "true", "linux-6.9", "true", "linux-6.16", "true",
                "linux-6.17-rc1", "true", "linux-6.17", "true", "linux-6.18", "true");
        for (KernelPreset p : ServiceFiles.presets()) {
            assertEquals(expected.get(p.name()), p.kernelConfig().asMap().get("mremap_realign"), p.name());
        }
        assertEquals(expected.keySet().size(), ServiceFiles.presets().size());
    }

    @Test
    void forkCopiesTheVmaTreeWithMtDupFrom6_8() {
        // dup_mmap uses __mt_dup since d24062914837 (v6.8); earlier releases store every VMA.
        Map<String, String> expected = Map.of(
                "linux-4.19", "false", "linux-5.0", "false", "linux-5.11", "false",
                "linux-6.8", "true", "linux-6.9", "true", "linux-6.16", "true",
                "linux-6.17-rc1", "true", "linux-6.17", "true", "linux-6.18", "true");
        for (KernelPreset p : ServiceFiles.presets()) {
            assertEquals(expected.get(p.name()), p.kernelConfig().asMap().get("fork_mt_dup"), p.name());
        }
    }

    @Test
    void theGatherFlushLooksEntriesUpPerFolioBatchFrom6_9() {
        // free_pages_and_swap_cache goes through folios_put_refs per folio_batch since Matthew
        // Wilcox's conversion (v6.9); earlier releases run free_swap_cache, then release_pages.
        Map<String, String> expected = Map.of(
                "linux-4.19", "false", "linux-5.0", "false", "linux-5.11", "false",
                "linux-6.8", "false", "linux-6.9", "true", "linux-6.16", "true",
                "linux-6.17-rc1", "true", "linux-6.17", "true", "linux-6.18", "true");
        for (KernelPreset p : ServiceFiles.presets()) {
            assertEquals(expected.get(p.name()), p.kernelConfig().asMap().get("free_swap_cache_batched"), p.name());
        }
    }

    @Test
    void largeFolioMapcountsFollowTheirReleases() {
        // _large_mapcount arrived with 05c5323b2a34 (v6.10), the batched _nr_pages_mapped update with
        // Message-ID 20240807115515.1640951-1-david@redhat.com (v6.12): no bundled preset has the
        // second without the first, and 6.8/6.9 have neither.
        Map<String, String> large = Map.of(
                "linux-4.19", "false", "linux-5.0", "false", "linux-5.11", "false",
                "linux-6.8", "false", "linux-6.9", "false", "linux-6.16", "true",
                "linux-6.17-rc1", "true", "linux-6.17", "true", "linux-6.18", "true");
        for (KernelPreset p : ServiceFiles.presets()) {
            assertEquals(large.get(p.name()), p.kernelConfig().asMap().get("large_mapcount"), p.name());
            assertEquals(large.get(p.name()), p.kernelConfig().asMap().get("nr_pages_mapped_batched"), p.name());
        }
    }

    @Test
    void movePtesHistory() {
        // per-PTE up to 6.16; f822a9a81a31 in 6.17-rc1; 0b5be138ce00 in 6.17; 04d1c9d60c6e (respect-write) in 6.18.
        Map<String, String> expected = Map.of(
                "linux-4.19", "move-ptes/per-pte", "linux-5.0", "move-ptes/per-pte", "linux-5.11", "move-ptes/per-pte",
                "linux-6.8", "move-ptes/per-pte", "linux-6.9", "move-ptes/per-pte", "linux-6.16", "move-ptes/per-pte",
                "linux-6.17-rc1", "move-ptes/folio-batch", "linux-6.17", "move-ptes/hint-batch",
                "linux-6.18", "move-ptes/hint-batch");
        expected.forEach((preset, strategy) -> {
            assertEquals(strategy, choice(preset, "x86", KernelPath.MOVE_PTES), preset);
            assertEquals(strategy, choice(preset, "arm64", KernelPath.MOVE_PTES), preset);
        });
    }

    @Test
    void pageTableMoveHistoryDiffersByArchIn5_0() {
        assertEquals("pgtable-move/none", choice("linux-4.19", "x86", KernelPath.PGTABLE_MOVE));
        assertEquals("pgtable-move/pmd", choice("linux-5.0", "x86", KernelPath.PGTABLE_MOVE));
        assertEquals("pgtable-move/none", choice("linux-5.0", "arm64", KernelPath.PGTABLE_MOVE));
        for (String preset : List.of("linux-5.11", "linux-6.8", "linux-6.17")) {
            assertEquals("pgtable-move/pmd+pud", choice(preset, "x86", KernelPath.PGTABLE_MOVE), preset);
            assertEquals("pgtable-move/pmd+pud", choice(preset, "arm64", KernelPath.PGTABLE_MOVE), preset);
        }
    }

    @Test
    void forkAndZapBatchFrom6_9() {
        assertEquals("copy-ptes/per-pte", choice("linux-6.8", "x86", KernelPath.COPY_PTES));
        assertEquals("zap-ptes/per-pte", choice("linux-6.8", "arm64", KernelPath.ZAP_PTES));
        for (String preset : List.of("linux-6.9", "linux-6.16", "linux-6.17-rc1", "linux-6.17", "linux-6.18")) {
            assertEquals("copy-ptes/folio-batch", choice(preset, "arm64", KernelPath.COPY_PTES), preset);
            assertEquals("zap-ptes/folio-batch", choice(preset, "x86", KernelPath.ZAP_PTES), preset);
        }
    }

    /** cac1db8c3aad and 7efa1cd5f89b came in the 6.17 merge window (docs/kernel-model.md §4.5). */
    @Test
    void mprotectBatchesFrom6_17Rc1() {
        for (String preset : List.of("linux-4.19", "linux-5.0", "linux-5.11", "linux-6.8", "linux-6.9", "linux-6.16")) {
            assertEquals("change-ptes/per-pte", choice(preset, "x86", KernelPath.CHANGE_PTES), preset);
            assertEquals("change-ptes/per-pte", choice(preset, "arm64", KernelPath.CHANGE_PTES), preset);
        }
        for (String preset : List.of("linux-6.17-rc1", "linux-6.17", "linux-6.18")) {
            assertEquals("change-ptes/folio-batch", choice(preset, "x86", KernelPath.CHANGE_PTES), preset);
            assertEquals("change-ptes/folio-batch", choice(preset, "arm64", KernelPath.CHANGE_PTES), preset);
        }
    }

    @Test
    void archOptionsFollowTheRelease() {
        Map<String, String> noContpte = Map.of("contpte", "off", "contpte-early-exit", "off", "bbml2", "off");
        Map<String, String> contpte = Map.of("contpte", "batched", "contpte-early-exit", "off", "bbml2", "off");
        Map<String, String> contpte617 = Map.of("contpte", "batched", "contpte-early-exit", "on", "bbml2", "on");
        assertEquals(noContpte, selector.resolve("linux-6.8", "arm64").archOptions());
        assertEquals(contpte, selector.resolve("linux-6.9", "arm64").archOptions());
        assertEquals(contpte, selector.resolve("linux-6.16", "arm64").archOptions());
        assertEquals(contpte617, selector.resolve("linux-6.17-rc1", "arm64").archOptions());
        assertEquals(contpte617, selector.resolve("linux-6.17", "arm64").archOptions());
        assertEquals(contpte617, selector.resolve("linux-6.18", "arm64").archOptions());
        assertEquals(Map.of("invlpgb", "off"), selector.resolve("linux-6.9", "x86").archOptions());
        assertEquals(Map.of("invlpgb", "on"), selector.resolve("linux-6.16", "x86").archOptions());
    }

    @Test
    void presetWithOverrideAndOption() {
        ResolvedKernel k = selector.resolve("linux-6.17+move-ptes/hint-batch:respect-write", "x86");
        assertEquals("linux-6.17+move-ptes/hint-batch:respect-write=on", k.name());
        assertEquals("move-ptes/hint-batch", k.movePtes().name());
        ResolvedKernel ptlHold = selector.resolve("linux-6.16+move-ptes/ptl-hold", "arm64");
        assertTrue(ptlHold.movePtes().holdPtlAcrossExtents());
        assertEquals("copy-ptes/folio-batch", ptlHold.copyPtes().name());
    }

    @Test
    void unknownPresetSuggestsTheNearestRelease() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> selector.resolve("linux-6.71", "x86"));
        assertEquals("unknown strategy or kernel preset 'linux-6.71' in strategy argument 'linux-6.71' (did you mean "
                + "'linux-6.17'?); known names: linux-4.19, linux-5.0, linux-5.11, linux-6.8, linux-6.9, linux-6.16, "
                + "linux-6.17, linux-6.17-rc1, linux-6.18, change-ptes/folio-batch, change-ptes/per-pte, copy-ptes/folio-batch, copy-ptes/per-pte, move-ptes/folio-batch, "
                + "move-ptes/hint-batch, move-ptes/hint-only, move-ptes/per-pte, move-ptes/ptl-hold, pgtable-move/none, "
                + "pgtable-move/pmd, pgtable-move/pmd+pud, zap-ptes/folio-batch, zap-ptes/per-pte", e.getMessage());
    }
}
