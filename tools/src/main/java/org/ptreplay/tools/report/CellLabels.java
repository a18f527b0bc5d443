package org.ptreplay.tools.report;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Short names for the cells of one report: only the settings that differ between cells
 * (arch, strategy, profile, THP, CPUs, concurrency), so a legend reads {@code linux-6.16} rather
 * than repeating the arch and profile every cell shares. With nothing differing (one cell), the
 * arch and strategy.
 */
final class CellLabels {

    private static final List<Function<CellData, String>> SETTINGS = List.of(
            CellData::arch, CellData::strategy, CellData::profile,
            c -> c.thp().isEmpty() ? "" : "thp " + c.thp(),
            c -> c.cpus().isEmpty() ? "" : c.cpus() + " cpus",
            c -> c.concurrency().isEmpty() ? "" : "concurrency " + c.concurrency());

    private CellLabels() {
    }

    static List<String> of(List<CellData> cells) {
        List<Function<CellData, String>> varying = SETTINGS.stream()
                .filter(s -> cells.stream().map(s).distinct().count() > 1)
                .toList();
        if (varying.isEmpty()) {
            varying = SETTINGS.subList(0, 2);
        }
        List<String> labels = new ArrayList<>();
        for (CellData cell : cells) {
            List<String> parts = new ArrayList<>();
            for (Function<CellData, String> setting : varying) {
                String value = setting.apply(cell);
                if (!value.isEmpty()) {
                    parts.add(value);
                }
            }
            labels.add(String.join(" · ", parts));
        }
        return labels;
    }
}
