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
        // Each profile belongs to one arch, so the arch names the cell alone.
        assertEquals(List.of("x86", "arm64"),
                CellLabels.of(List.of(cell("x86", "s", "p-x86"), cell("arm64", "s", "p-arm64"))));
    }

    @Test
    void aSettingTheNamedOnesDecideIsLeftOut() {
        // Two archs, two strategies, one profile per arch whose CPU count differs: arch and strategy say it all.
        List<CellData> cells = List.of(cell("x86", "a", "raptor-lake", "32"), cell("x86", "b", "raptor-lake", "32"),
                cell("arm64", "a", "ampere-altra", "80"), cell("arm64", "b", "ampere-altra", "80"));
        assertEquals(List.of("x86 · a", "x86 · b", "arm64 · a", "arm64 · b"), CellLabels.of(cells));
        // Two profiles on one arch: the profile is named, the CPU count it decides is not.
        cells = List.of(cell("x86", "a", "raptor-lake", "32"), cell("x86", "a", "sapphire-rapids", "112"));
        assertEquals(List.of("raptor-lake", "sapphire-rapids"), CellLabels.of(cells));
        // The same profile with two --cpus would need them: not decided by anything named before.
        cells = List.of(cell("x86", "a", "p", "1"), cell("x86", "a", "p", "8"));
        assertEquals(List.of("1 cpus", "8 cpus"), CellLabels.of(cells));
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
        CellData plainArm = new CellData("arm64/linux-6.16/p", "arm64", new TreeMap<>(java.util.Map.of("bbml2", "off")),
                List.of(), "linux-6.16", new TreeMap<>(), new TreeMap<>(), "p", "never", "1", "1", Usage.NONE, new TreeMap<>(),
                new TreeMap<>(), new TreeMap<>(), List.of(), 0, new TreeMap<>());
        assertEquals(List.of("x86", "arm64", "arm64 · granule=64k contpte=off"), CellLabels.of(List.of(x86, plainArm, arm)));
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
        return cell(arch, strategy, profile, "1");
    }

    private static CellData cell(String arch, String strategy, String profile, String cpus) {
        return new CellData("", arch, new TreeMap<>(), List.of(), strategy, new TreeMap<>(), new TreeMap<>(), profile, "never", cpus, "1", Usage.NONE,
                new TreeMap<>(), new TreeMap<>(), new TreeMap<>(), List.of(), 0, new TreeMap<>());
    }
}
