package org.ptreplay.tools.report;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Short names for the cells of one report: only the settings that differ between cells
 * (arch, the arch options given, strategy, profile, THP, CPUs, concurrency), so a legend reads
 * {@code linux-6.16} rather than repeating the arch and profile every cell shares. A setting that
 * the ones already named decide is left out too: with {@code --arch x86,arm64} each profile
 * belongs to one arch and the CPU count follows the profile, so {@code arm64 · linux-6.17} says
 * all. With nothing differing (one cell), the arch and strategy. Cells that still share a name
 * get {@code #n}.
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

    /** Whether cells that agree on every one of {@code named} also agree on {@code setting}. */
    private static boolean decided(List<CellData> cells, List<Function<CellData, String>> named, Function<CellData, String> setting) {
        Map<List<String>, String> seen = new HashMap<>();
        for (CellData cell : cells) {
            List<String> key = named.stream().map(n -> n.apply(cell)).toList();
            String value = setting.apply(cell);
            if (!value.equals(seen.computeIfAbsent(key, k -> value))) {
                return false;
            }
        }
        return true;
    }

    static List<String> of(List<CellData> cells) {
        List<Function<CellData, String>> varying = new ArrayList<>();
        for (Function<CellData, String> setting : SETTINGS) {
            if (cells.stream().map(setting).distinct().count() > 1 && !decided(cells, varying, setting)) {
                varying.add(setting);
            }
        }
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
