package org.ptreplay.core.select;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ptreplay.spi.KernelConfig;
import org.ptreplay.spi.KernelPath;
import org.ptreplay.spi.KernelPreset;
import org.ptreplay.spi.Strategy;

class StrategySelectorTest {
    private static final String KNOWN = "known names: linux-5.0, linux-6.9, linux-6.16, change-ptes/folio-batch, "
            + "change-ptes/per-pte, copy-ptes/folio-batch, "
            + "copy-ptes/per-pte, move-ptes/folio-batch, move-ptes/hint-batch, move-ptes/per-pte, pgtable-move/none, "
            + "pgtable-move/pmd, pgtable-move/pmd+pud, zap-ptes/folio-batch, zap-ptes/per-pte";

    private final StrategySelector selector = new StrategySelector(StandIns.strategies(), StandIns.presets());

    private static Map<KernelPath, String> names(ResolvedKernel k) {
        Map<KernelPath, String> m = new EnumMap<>(KernelPath.class);
        k.strategies().forEach((path, s) -> m.put(path, s.name()));
        return m;
    }

    private String error(String argument) {
        return assertThrows(IllegalArgumentException.class, () -> selector.resolve(argument, "x86")).getMessage();
    }

    @Test
    void namesListPresetsThenStrategiesInNaturalOrder() {
        assertEquals(KNOWN, "known names: " + String.join(", ", selector.names()));
    }

    @Test
    void presetAloneGivesItsStrategiesOptionsAndConfig() {
        ResolvedKernel k = selector.resolve("linux-6.16", "arm64");
        assertEquals("linux-6.16", k.name());
        assertEquals("arm64", k.arch());
        assertEquals(StandIns.paths("move-ptes/per-pte", "pgtable-move/pmd+pud", "copy-ptes/folio-batch",
                "zap-ptes/folio-batch"), names(k));
        assertEquals(List.of("bbml2", "contpte"), new ArrayList<>(k.archOptions().keySet()), "sorted keys");
        assertEquals(Map.of("contpte", "batched", "bbml2", "off"), k.archOptions());
        assertEquals(KernelConfig.CURRENT, k.kernelConfig());
        assertTrue(k.preset());
        assertEquals(Map.of("invlpgb", "on"), selector.resolve("linux-6.16", "x86").archOptions());
    }

    @Test
    void presetChoosesPerArch() {
        assertEquals("pgtable-move/pmd", selector.resolve("linux-5.0", "x86").pgtableMove().name());
        assertEquals("pgtable-move/none", selector.resolve("linux-5.0", "arm64").pgtableMove().name());
        assertEquals(Map.of(), selector.resolve("linux-5.0", "x86").archOptions(), "no options for the arch");
    }

    @Test
    void overrideReplacesOnePathOfThePreset() {
        ResolvedKernel k = selector.resolve("linux-6.16+move-ptes/folio-batch", "x86");
        assertEquals("linux-6.16+move-ptes/folio-batch", k.name());
        assertEquals(StandIns.paths("move-ptes/folio-batch", "pgtable-move/pmd+pud", "copy-ptes/folio-batch",
                "zap-ptes/folio-batch"), names(k));
        assertEquals(Map.of("invlpgb", "on"), k.archOptions(), "the preset's options stay");
    }

    @Test
    void pathStrategyAloneRunsTheReferenceElsewhere() {
        ResolvedKernel k = selector.resolve("move-ptes/hint-batch", "x86");
        assertEquals("move-ptes/hint-batch", k.name());
        assertEquals(StandIns.paths("move-ptes/hint-batch", "pgtable-move/none", "copy-ptes/per-pte",
                "zap-ptes/per-pte"), names(k));
        assertEquals(Map.of(), k.archOptions());
        assertEquals(KernelConfig.CURRENT, k.kernelConfig());
        assertFalse(k.preset());
    }

    @Test
    void namesContainingPlusAreSplitByTheLongestKnownName() {
        assertEquals("pgtable-move/pmd+pud", selector.resolve("pgtable-move/pmd+pud", "x86").pgtableMove().name());
        ResolvedKernel k = selector.resolve("pgtable-move/pmd+pud+move-ptes/folio-batch", "x86");
        assertEquals(StandIns.paths("move-ptes/folio-batch", "pgtable-move/pmd+pud", "copy-ptes/per-pte",
                "zap-ptes/per-pte"), names(k));
        assertEquals("move-ptes/folio-batch+pgtable-move/pmd+pud", k.name(), "canonical: path order");
        assertEquals("pgtable-move/pmd", selector.resolve("linux-6.9+pgtable-move/pmd", "x86").pgtableMove().name());
    }

    @Test
    void optionsReachTheStrategyAndTheCanonicalName() {
        ResolvedKernel k = selector.resolve("linux-6.16+move-ptes/hint-batch:respect-write", "x86");
        assertEquals(Map.of("respect-write", "on"), ((StandIns.Move) k.movePtes()).applied(), "bare key means on");
        assertEquals("linux-6.16+move-ptes/hint-batch:respect-write=on", k.name());
    }

    @Test
    void canonicalNameIsLowercaseTrimmedAndInPathOrder() {
        ResolvedKernel k = selector.resolve(" LINUX-6.16+zap-ptes/per-pte+Move-Ptes/hint-batch:respect-write=off ", "x86");
        assertEquals("linux-6.16+move-ptes/hint-batch:respect-write=off+zap-ptes/per-pte", k.name());
    }

    @Test
    void strategiesWithoutOptionsComeBackAsProvided() {
        List<Strategy> all = StandIns.strategies();
        StrategySelector s = new StrategySelector(all, StandIns.presets());
        assertSame(all.get(3), s.resolve("linux-5.0", "arm64").pgtableMove(), "configure with no options is identity");
    }

    @Test
    void unknownNameSuggestsTheClosestAndListsAll() {
        assertEquals("unknown strategy or kernel preset 'move-ptes/folio-bach' in strategy argument "
                + "'linux-6.16+move-ptes/folio-bach' (did you mean 'move-ptes/folio-batch'?); " + KNOWN,
                error("linux-6.16+move-ptes/folio-bach"));
        assertEquals("unknown strategy or kernel preset 'linux-6.61' in strategy argument 'linux-6.61' "
                + "(did you mean 'linux-6.16'?); " + KNOWN, error("linux-6.61"));
    }

    @Test
    void unknownNameFarFromAllGetsNoSuggestion() {
        assertEquals("unknown strategy or kernel preset 'frobnicate' in strategy argument 'frobnicate'; " + KNOWN,
                error("frobnicate"));
    }

    @Test
    void unknownNameWithOptionsIsReportedWithoutThem() {
        assertEquals("unknown strategy or kernel preset 'move-ptes/fast' in strategy argument 'move-ptes/fast:x=1'; "
                + KNOWN, error("move-ptes/fast:x=1"));
    }

    @Test
    void emptyArgumentAndEmptyTerms() {
        assertEquals("empty strategy argument: give a kernel preset, a path strategy or a preset with overrides, "
                + "e.g. linux-6.16+move-ptes/folio-batch", error("  "));
        assertEquals("empty term in strategy argument 'linux-6.16++move-ptes/folio-batch': terms are joined by a "
                + "single '+'", error("linux-6.16++move-ptes/folio-batch"));
        assertEquals("empty term in strategy argument 'linux-6.16+': terms are joined by a single '+'",
                error("linux-6.16+"));
    }

    @Test
    void presetMustComeFirstAndBeAlone() {
        assertEquals("kernel preset 'linux-6.16' in strategy argument 'move-ptes/folio-batch+linux-6.16' must come "
                + "first, and only one preset is allowed", error("move-ptes/folio-batch+linux-6.16"));
        assertEquals("kernel preset 'linux-6.9' in strategy argument 'linux-6.16+linux-6.9' must come first, and "
                + "only one preset is allowed", error("linux-6.16+linux-6.9"));
    }

    @Test
    void presetTakesNoOptions() {
        assertEquals("kernel preset 'linux-6.16' takes no options, got 'fast=on' in strategy argument "
                + "'linux-6.16:fast'", error("linux-6.16:fast"));
    }

    @Test
    void twoStrategiesForOnePath() {
        assertEquals("strategy argument 'linux-6.16+move-ptes/folio-batch+move-ptes/hint-batch' gives two "
                + "strategies for path move-ptes: move-ptes/folio-batch and move-ptes/hint-batch",
                error("linux-6.16+move-ptes/folio-batch+move-ptes/hint-batch"));
        assertEquals("strategy argument 'zap-ptes/per-pte+zap-ptes/per-pte' gives two strategies for path "
                + "zap-ptes: zap-ptes/per-pte and zap-ptes/per-pte", error("zap-ptes/per-pte+zap-ptes/per-pte"));
    }

    @Test
    void optionsTheStrategyDoesNotAccept() {
        assertEquals("bad option in strategy argument 'move-ptes/per-pte:respect-write': strategy "
                + "move-ptes/per-pte takes no options, got [respect-write]", error("move-ptes/per-pte:respect-write"));
        assertEquals("bad option in strategy argument 'linux-6.16+move-ptes/folio-batch:fast=on': strategy "
                + "move-ptes/folio-batch has no option 'fast'", error("linux-6.16+move-ptes/folio-batch:fast=on"));
    }

    @Test
    void malformedAndRepeatedOptions() {
        assertEquals("malformed option 'respect-write=' in strategy argument 'move-ptes/folio-batch:respect-write=': "
                + "write NAME:KEY=VALUE with keys and values made of a-z, 0-9, '.', '_' and '-'",
                error("move-ptes/folio-batch:respect-write="));
        assertEquals("malformed option '=on' in strategy argument 'move-ptes/folio-batch:=on': write NAME:KEY=VALUE "
                + "with keys and values made of a-z, 0-9, '.', '_' and '-'", error("move-ptes/folio-batch:=on"));
        assertEquals("option 'respect-write' is given twice in strategy argument "
                + "'move-ptes/folio-batch:respect-write=on:respect-write=off'",
                error("move-ptes/folio-batch:respect-write=on:respect-write=off"));
    }

    @Test
    void brokenPresetsAreNamed() {
        List<KernelPreset> presets = List.of(
                new StandIns.Preset("linux-missing", Map.of(KernelPath.MOVE_PTES, "move-ptes/per-pte"),
                        Map.of(), Map.of(), KernelConfig.CURRENT),
                new StandIns.Preset("linux-typo", StandIns.paths("move-ptes/per-pte", "pgtable-move/nope",
                        "copy-ptes/per-pte", "zap-ptes/per-pte"), Map.of(), Map.of(), KernelConfig.CURRENT),
                new StandIns.Preset("linux-swapped", StandIns.paths("zap-ptes/per-pte", "pgtable-move/none",
                        "copy-ptes/per-pte", "zap-ptes/per-pte"), Map.of(), Map.of(), KernelConfig.CURRENT));
        StrategySelector s = new StrategySelector(StandIns.strategies(), presets);
        assertEquals("kernel preset 'linux-missing' gives no strategy for path pgtable-move on arch x86",
                assertThrows(IllegalArgumentException.class, () -> s.resolve("linux-missing", "x86")).getMessage());
        assertEquals("kernel preset 'linux-typo' names strategy 'pgtable-move/nope' for path pgtable-move on arch "
                + "arm64, which is not available",
                assertThrows(IllegalArgumentException.class, () -> s.resolve("linux-typo", "arm64")).getMessage());
        assertEquals("kernel preset 'linux-swapped' names strategy 'zap-ptes/per-pte' for path move-ptes, but it is "
                + "a zap-ptes strategy",
                assertThrows(IllegalArgumentException.class, () -> s.resolve("linux-swapped", "x86")).getMessage());
    }

    /** A preset built against SPI 1.0 predates change-ptes (SPI 1.1): that kernel runs the reference. */
    @Test
    void presetOlderThanAPathGetsItsReference() {
        Map<KernelPath, String> four = new EnumMap<>(StandIns.paths("move-ptes/per-pte", "pgtable-move/pmd+pud",
                "copy-ptes/folio-batch", "zap-ptes/folio-batch"));
        four.remove(KernelPath.CHANGE_PTES);
        KernelPreset v10 = new KernelPreset() {
            @Override public String name() { return "linux-old-plugin"; }
            @Override public String description() { return "stand-in"; }
            @Override public String spiVersion() { return "1.0"; }
            @Override public Map<KernelPath, String> strategies() { return four; }
        };
        StrategySelector s = new StrategySelector(StandIns.strategies(),
                List.of(v10, new StandIns.Preset("linux-new-plugin", four, Map.of(), Map.of(), KernelConfig.CURRENT)));
        assertEquals("change-ptes/per-pte", s.resolve("linux-old-plugin", "x86").changePtes().name());
        assertEquals("change-ptes/folio-batch",
                s.resolve("linux-old-plugin+change-ptes/folio-batch", "x86").changePtes().name());
        assertEquals("kernel preset 'linux-new-plugin' gives no strategy for path change-ptes on arch x86",
                assertThrows(IllegalArgumentException.class, () -> s.resolve("linux-new-plugin", "x86")).getMessage());
    }

    @Test
    void presetEntriesMayCarryOptions() {
        StrategySelector s = new StrategySelector(StandIns.strategies(), List.of(new StandIns.Preset("linux-6.17.y",
                StandIns.paths("move-ptes/hint-batch:respect-write=on", "pgtable-move/pmd+pud", "copy-ptes/folio-batch",
                        "zap-ptes/folio-batch"), Map.of(), Map.of(), KernelConfig.CURRENT)));
        ResolvedKernel k = s.resolve("linux-6.17.y", "arm64");
        assertEquals(Map.of("respect-write", "on"), ((StandIns.Move) k.movePtes()).applied());
        assertEquals("linux-6.17.y", k.name());
    }

    @Test
    void missingReferenceStrategyIsNamed() {
        List<Strategy> withoutReference = new ArrayList<>(StandIns.strategies());
        withoutReference.removeIf(st -> st.name().equals("copy-ptes/per-pte"));
        StrategySelector s = new StrategySelector(withoutReference, List.of());
        assertEquals("strategy argument 'zap-ptes/folio-batch' needs the reference strategy 'copy-ptes/per-pte' for "
                + "path copy-ptes, which is not available",
                assertThrows(IllegalArgumentException.class, () -> s.resolve("zap-ptes/folio-batch", "x86")).getMessage());
        assertEquals("copy-ptes/folio-batch", s.resolve("copy-ptes/folio-batch", "x86").copyPtes().name(),
                "an override stands in for the missing reference");
    }

    @Test
    void providersMustHaveUniqueWellFormedNames() {
        List<Strategy> twice = new ArrayList<>(StandIns.strategies());
        twice.add(new StandIns.Zap("zap-ptes/per-pte"));
        assertEquals("two providers are named 'zap-ptes/per-pte'", assertThrows(IllegalArgumentException.class,
                () -> new StrategySelector(twice, List.of())).getMessage());

        List<KernelPreset> clash = List.of(new StandIns.Preset("move-ptes/per-pte", Map.of(), Map.of(), Map.of(), KernelConfig.CURRENT));
        assertEquals("two providers are named 'move-ptes/per-pte'", assertThrows(IllegalArgumentException.class,
                () -> new StrategySelector(StandIns.strategies(), clash)).getMessage());

        assertEquals("provider 'zap-ptes/fast' cannot be used: invalid name \"zap-ptes/fast\": a move-ptes strategy is named move-ptes/<variant>",
                assertThrows(IllegalArgumentException.class, () -> new StrategySelector(
                        List.of(new StandIns.Move("zap-ptes/fast", false)), List.of())).getMessage());
        assertEquals("provider 'move-ptes/' cannot be used: invalid name \"move-ptes/\": a move-ptes strategy is named move-ptes/<variant>",
                assertThrows(IllegalArgumentException.class, () -> new StrategySelector(
                        List.of(new StandIns.Move("move-ptes/", false)), List.of())).getMessage());
        assertEquals("provider 'Move-ptes/x:y' cannot be used: invalid name \"Move-ptes/x:y\": a name has lowercase letters,"
                + " digits, '-', '.', '/' and '+', and starts with a letter or digit",
                assertThrows(IllegalArgumentException.class, () -> new StrategySelector(
                        List.of(new StandIns.Move("Move-ptes/x:y", false)), List.of())).getMessage());
    }

    @Test
    void resolvedKernelNeedsEveryPath() {
        Map<KernelPath, Strategy> three = new EnumMap<>(
                selector.resolve("linux-6.9", "x86").strategies());
        three.remove(KernelPath.ZAP_PTES);
        assertEquals("no zap-ptes strategy in linux-6.9", assertThrows(IllegalArgumentException.class,
                () -> new ResolvedKernel("linux-6.9", "x86", three, Map.of(), KernelConfig.CURRENT, true)).getMessage());
        ResolvedKernel k = selector.resolve("linux-6.9", "x86");
        assertThrows(UnsupportedOperationException.class, () -> k.strategies().remove(KernelPath.MOVE_PTES));
        assertEquals(KernelConfig.CURRENT, k.kernelConfig());
    }
}
