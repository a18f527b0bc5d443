package org.ptreplay.tools.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class CellLabelsTest {

    @Test
    void onlyTheSettingsThatDifferNameTheCells() {
        assertEquals(List.of("linux-6.16", "linux-6.17-rc1"),
                CellLabels.of(List.of(cell("x86", "linux-6.16", "p"), cell("x86", "linux-6.17-rc1", "p"))));
        assertEquals(List.of("x86 · p-x86", "arm64 · p-arm64"),
                CellLabels.of(List.of(cell("x86", "s", "p-x86"), cell("arm64", "s", "p-arm64"))));
    }

    @Test
    void archOptionsNameCellsThatDifferOnlyInThem() {
        CellData on = cell("arm64", "linux-6.17", "p");
        CellData off = new CellData("", "arm64", new TreeMap<>(java.util.Map.of("contpte", "off")), List.of(), "linux-6.17",
                new TreeMap<>(), new TreeMap<>(), "p", "never", "1", "1", Usage.NONE, new TreeMap<>(), new TreeMap<>(),
                new TreeMap<>(), List.of(), 0, new TreeMap<>());
        assertEquals(List.of("", "contpte=off"), CellLabels.of(List.of(on, off)).stream().map(String::strip).toList());
    }

    @Test
    void onlyTheArchOptionsGivenNameCellsNotThoseInEffect() {
        // The presets turn invlpgb on and off per strategy; the cells table shows that, the labels need not.
        CellData x86 = new CellData("x86/linux-6.16/p", "x86", new TreeMap<>(java.util.Map.of("invlpgb", "on")), List.of(), "linux-6.16",
                new TreeMap<>(), new TreeMap<>(), "p", "never", "1", "1", Usage.NONE, new TreeMap<>(), new TreeMap<>(),
                new TreeMap<>(), List.of(), 0, new TreeMap<>());
        CellData arm = new CellData("arm64:granule=64k:contpte=off/linux-6.16/p", "arm64", new TreeMap<>(java.util.Map.of("bbml2", "off")),
                List.of(), "linux-6.16", new TreeMap<>(), new TreeMap<>(), "p", "never", "1", "1", Usage.NONE, new TreeMap<>(),
                new TreeMap<>(), new TreeMap<>(), List.of(), 0, new TreeMap<>());
        assertEquals(List.of("x86", "arm64 · granule=64k contpte=off"), CellLabels.of(List.of(x86, arm)));
    }

    @Test
    void cellsWithTheSameSettingsAreNumbered() {
        CellData a = cell("x86", "linux-6.16", "p");
        // Only the arch differs, and two cells share it.
        assertEquals(List.of("#1 x86", "#2 x86", "arm64"), CellLabels.of(List.of(a, a, cell("arm64", "linux-6.16", "p"))));
    }

    @Test
    void aLoneCellIsNamedByArchAndStrategy() {
        assertEquals(List.of("x86 · linux-6.17"), CellLabels.of(List.of(cell("x86", "linux-6.17", "p"))));
    }

    private static CellData cell(String arch, String strategy, String profile) {
        return new CellData("", arch, new TreeMap<>(), List.of(), strategy, new TreeMap<>(), new TreeMap<>(), profile, "never", "1", "1", Usage.NONE,
                new TreeMap<>(), new TreeMap<>(), new TreeMap<>(), List.of(), 0, new TreeMap<>());
    }
}
