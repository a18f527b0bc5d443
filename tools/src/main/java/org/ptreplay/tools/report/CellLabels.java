package org.ptreplay.tools.report;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Short names for the cells of one report: only the settings that differ between cells
 * (arch, the arch options given, strategy, profile, THP, CPUs, concurrency), so a legend reads
 * {@code linux-6.16} rather than repeating the arch and profile every cell shares. With nothing
 * differing (one cell), the arch and strategy. Cells that still share a name get {@code #n}.
 */
final class CellLabels {

    private static final List<Function<CellData, String>> SETTINGS = List.of(
            CellData::arch,
            CellLabels::archOptions,
            CellData::strategy, CellData::profile,
            c -> c.thp().isEmpty() ? "" : "thp " + c.thp(),
            c -> c.cpus().isEmpty() ? "" : c.cpus() + " cpus",
            c -> c.concurrency().isEmpty() ? "" : "concurrency " + c.concurrency());

    private CellLabels() {
    }

    /**
     * The arch options the user gave, from the label ({@code arm64:granule=64k/…}): the options a
     * preset or a CPU feature set are the same for every cell of an arch and strategy, and the
     * cells table shows them. A tree without labels has only the options in effect.
     */
    private static String archOptions(CellData c) {
        String id = c.id();
        int slash = id.indexOf('/');
        if (slash < 0) {
            return String.join(" ", c.archOptions().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
        }
        int colon = id.indexOf(':');
        return colon < 0 || colon > slash ? "" : id.substring(colon + 1, slash).replace(':', ' ');
    }

    static List<String> of(List<CellData> cells) {
        List<Function<CellData, String>> varying = SETTINGS.stream()
                .filter(s -> cells.stream().map(s).distinct().count() > 1)
                .toList();
        if (varying.isEmpty()) {
            varying = List.of(CellData::arch, CellData::strategy);
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
        List<String> named = new ArrayList<>();
        for (int c = 0; c < labels.size(); c++) {
            String label = labels.get(c);
            named.add(labels.indexOf(label) == labels.lastIndexOf(label) ? label : "#" + (c + 1) + " " + label);
        }
        return named;
    }
}
