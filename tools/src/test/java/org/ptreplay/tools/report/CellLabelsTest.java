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
    void aLoneCellIsNamedByArchAndStrategy() {
        assertEquals(List.of("x86 · linux-6.17"), CellLabels.of(List.of(cell("x86", "linux-6.17", "p"))));
    }

    private static CellData cell(String arch, String strategy, String profile) {
        return new CellData(arch, new TreeMap<>(), strategy, new TreeMap<>(), profile, "never", "1", "1", Usage.NONE,
                new TreeMap<>(), new TreeMap<>(), new TreeMap<>(), List.of());
    }
}
