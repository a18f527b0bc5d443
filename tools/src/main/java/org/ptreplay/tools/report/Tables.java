package org.ptreplay.tools.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import org.ptreplay.tools.compare.Pairing;

/** The page's HTML tables. Every string from the tree is escaped here or in {@link Html}. */
final class Tables {

    /** Path-difference rows per compared cell. */
    static final int TOP_PATHS = 15;
    private static final int MAX_PRIMITIVES = 5;

    private Tables() {
    }

    /**
     * The trace's header fields without those it leaves unknown: empty text, and the zeros a
     * synthetic trace has for the machine it never ran on ({@code machine.page_size 0}) or an
     * unknown event count. The event count itself shows even when it is 0.
     */
    static String traceFields(SortedMap<String, String> trace) {
        SortedMap<String, String> known = new TreeMap<>(trace);
        known.entrySet().removeIf(e -> e.getValue().isEmpty() || e.getValue().equals("0") && !e.getKey().equals("events"));
        return keyValues(known, "The tree says nothing about the trace.");
    }

    /** A two-column key/value table, or a note when there is nothing to show. */
    static String keyValues(SortedMap<String, String> values, String none) {
        if (values.isEmpty()) {
            return "<p class=\"note\">" + Html.escape(none) + "</p>\n";
        }
        StringBuilder s = new StringBuilder("<table class=\"kv\">\n");
        values.forEach((k, v) -> s.append("<tr><td>").append(Html.escape(k)).append("</td><td class=\"mono\">")
                .append(Html.escape(v)).append("</td></tr>\n"));
        return s.append("</table>\n").toString();
    }

    /**
     * The cells: label, the arch options that set it apart from the other cells of its arch,
     * strategy, profile, the settings that vary between cells, simulated time and divergences.
     * The arch options every cell of an arch shares are in {@link #archOptions}, and the settings
     * every cell shares on one line above the table, so nothing is said once per cell that is the
     * same for all of them.
     */
    static String cells(List<CellData> cells, List<String> labels) {
        List<Setting> shown = new ArrayList<>();
        List<String> shared = new ArrayList<>();
        for (Setting setting : Setting.values()) {
            List<String> values = cells.stream().map(setting.value).distinct().toList();
            if (values.size() > 1) {
                shown.add(setting);
            } else if (!values.get(0).isEmpty()) {
                shared.add(setting.header + " " + values.get(0));
            }
        }
        StringBuilder s = new StringBuilder();
        if (!shared.isEmpty()) {
            s.append("<p class=\"note\">Every cell: ").append(Html.escape(String.join(" · ", shared))).append(".</p>\n");
        }
        s.append("<div class=\"wide\"><table id=\"cells\">\n<thead><tr><th>cell</th><th>strategy</th><th>profile</th>");
        shown.forEach(setting -> s.append(setting.numeric ? "<th class=\"num\">" : "<th>").append(setting.header).append("</th>"));
        s.append("<th>arch options of this cell</th><th class=\"num\">simulated time</th><th class=\"num\">divergences</th></tr></thead>\n<tbody>\n");
        int[] baselines = Pairing.baselinesOf(cells);
        Map<String, SortedMap<String, String>> common = commonArchOptions(cells);
        for (int c = 0; c < cells.size(); c++) {
            CellData cell = cells.get(c);
            long base = cells.get(baselines[c]).totals().simPs();
            boolean isBaseline = Pairing.leadsOthers(baselines, c);
            s.append("<tr><td>").append(swatch(c)).append(Html.escape(labels.get(c)))
                    .append(isBaseline ? " <span class=\"note\">(baseline)</span>" : "")
                    .append(cell.id().isEmpty() ? "" : "<br><code class=\"note\">" + Html.escape(cell.id()) + "</code>").append("</td>")
                    .append("<td><code>").append(Html.escape(cell.strategy())).append("</code>")
                    .append(strategies(cell.strategies(), cell.kernelConfig())).append("</td>")
                    .append("<td>").append(Html.escape(cell.profile())).append("</td>");
            shown.forEach(setting -> s.append(setting.numeric ? "<td class=\"num\">" : "<td>")
                    .append(Html.escape(setting.value.apply(cell))).append("</td>"));
            s.append("<td>").append(options(differing(cell.archOptions(), common.get(archGroup(cell))))).append(notes(cell.archNotes())).append("</td>")
                    .append("<td class=\"num\">").append(Format.duration(cell.totals().simPs()))
                    .append(baselines[c] == c ? "" : delta(cell.totals().simPs() - base, Format.signedDuration(cell.totals().simPs() - base))).append("</td>")
                    .append("<td class=\"num\">").append(Format.integer(cell.divergenceCount())).append("</td></tr>\n");
        }
        return s.append("</tbody>\n</table></div>\n").toString();
    }

    /** The settings of a cell besides arch, strategy and profile, as the cells table heads them. */
    private enum Setting {
        THP("THP", false, CellData::thp),
        CPUS("CPUs", true, CellData::cpus),
        CONCURRENCY("concurrency", true, CellData::concurrency);

        final String header;
        final boolean numeric;
        final Function<CellData, String> value;

        Setting(String header, boolean numeric, Function<CellData, String> value) {
            this.header = header;
            this.numeric = numeric;
            this.value = value;
        }
    }

    /**
     * The arch options in effect, once per arch as given on {@code --arch} (with its options): the
     * options every cell of that arch shares. What a preset or a CPU changes for one cell is in
     * that cell's row of the cells table.
     */
    static String archOptions(List<CellData> cells) {
        StringBuilder s = new StringBuilder("<div class=\"wide\"><table id=\"arch-options\">\n<thead><tr><th>arch</th>"
                + "<th>options in effect in all its cells</th></tr></thead>\n<tbody>\n");
        commonArchOptions(cells).forEach((arch, options) -> s.append("<tr><td><code>").append(Html.escape(arch)).append("</code></td><td>")
                .append(options.isEmpty() ? "<span class=\"note\">none in common</span>" : options(options)).append("</td></tr>\n"));
        return s.append("</tbody>\n</table></div>\n").toString();
    }

    /** The arch as given on {@code --arch}, options included: the label's first part, else the arch name. */
    static String archGroup(CellData cell) {
        int slash = cell.id().indexOf('/');
        return slash < 0 ? cell.arch() : cell.id().substring(0, slash);
    }

    /** Per arch group in order of first appearance, the options with the same value in each of its cells. */
    private static Map<String, SortedMap<String, String>> commonArchOptions(List<CellData> cells) {
        Map<String, SortedMap<String, String>> common = new LinkedHashMap<>();
        for (CellData cell : cells) {
            SortedMap<String, String> options = common.get(archGroup(cell));
            if (options == null) {
                common.put(archGroup(cell), new TreeMap<>(cell.archOptions()));
            } else {
                options.entrySet().removeIf(e -> !e.getValue().equals(cell.archOptions().get(e.getKey())));
            }
        }
        return common;
    }

    private static SortedMap<String, String> differing(SortedMap<String, String> options, SortedMap<String, String> common) {
        SortedMap<String, String> out = new TreeMap<>(options);
        out.keySet().removeAll(common.keySet());
        return out;
    }

    private static String options(SortedMap<String, String> options) {
        StringBuilder s = new StringBuilder();
        options.forEach((k, v) -> s.append(s.isEmpty() ? "" : " ").append("<code>").append(Html.escape(k)).append('=').append(Html.escape(v)).append("</code>"));
        return s.toString();
    }

    /** Why options differ from what was asked: folded away, as they repeat across a preset's cells. */
    private static String notes(List<String> notes) {
        if (notes.isEmpty()) {
            return "";
        }
        StringBuilder s = new StringBuilder("<details><summary>").append(notes.size()).append(notes.size() == 1 ? " note" : " notes").append("</summary>");
        notes.forEach(n -> s.append("<span class=\"note\">").append(Html.escape(n)).append("</span><br>"));
        return s.append("</details>").toString();
    }

    private static String strategies(SortedMap<String, String> strategies, SortedMap<String, String> kernelConfig) {
        if (strategies.isEmpty() && kernelConfig.isEmpty()) {
            return "";
        }
        StringBuilder s = new StringBuilder("<details><summary>per path</summary>");
        strategies.forEach((path, name) -> s.append("<code>").append(Html.escape(path)).append("</code>: <code>")
                .append(Html.escape(name)).append("</code><br>"));
        kernelConfig.forEach((k, v) -> s.append("<code>").append(Html.escape(k)).append('=').append(Html.escape(v)).append("</code><br>"));
        return s.append("</details>").toString();
    }

    /** One cell's syscall kinds: calls, simulated time, share, mean per call, calls per simulated second. */
    static String bySyscall(CellData cell, List<String> kindOrder) {
        StringBuilder s = new StringBuilder("<div class=\"wide\"><table class=\"by-syscall\">\n<thead><tr><th>syscall kind</th><th class=\"num\">calls</th>"
                + "<th class=\"num\">simulated time</th><th class=\"num\">share</th><th class=\"num\">per call</th>"
                + "<th class=\"num\">calls per simulated second</th></tr></thead>\n<tbody>\n");
        long total = cell.totals().simPs();
        long calls = 0;
        for (String kind : kindOrder) {
            Usage u = cell.bySyscall().get(kind);
            if (u == null) {
                continue;
            }
            calls += u.calls();
            s.append("<tr><td>").append(Html.escape(kind)).append("</td>").append(usageCells(u.calls(), u.simPs(), total)).append("</tr>\n");
        }
        return s.append("</tbody>\n<tfoot><tr><td>total</td>").append(usageCells(calls, total, total))
                .append("</tr></tfoot>\n</table></div>\n").toString();
    }

    private static String usageCells(long calls, long simPs, long total) {
        return "<td class=\"num\">" + Format.integer(calls) + "</td>"
                + "<td class=\"num\">" + Format.duration(simPs) + "</td>"
                + "<td class=\"num\">" + (total == 0 ? "n/a" : Format.percent((double) simPs / total)) + "</td>"
                + "<td class=\"num\">" + (calls == 0 ? "n/a" : Format.duration(Math.round((double) simPs / calls))) + "</td>"
                // Back-to-back rate: how many such calls one simulated second holds.
                + "<td class=\"num\">" + (simPs == 0 ? "n/a" : Format.decimal(calls * 1e12 / simPs)) + "</td>";
    }

    /**
     * Primitive totals, one table per arch and profile with a column per cell of it, any change
     * against the group's baseline under a later cell's count. Columns are named by what differs
     * within the group (the strategy, mostly), so many cells make more tables, not wider ones.
     */
    static String primitiveTotals(List<CellData> cells) {
        int[] baselines = Pairing.baselinesOf(cells);
        Map<String, List<Integer>> groups = new LinkedHashMap<>();
        for (int c = 0; c < cells.size(); c++) {
            groups.computeIfAbsent(Pairing.group(cells.get(c)), g -> new ArrayList<>()).add(c);
        }
        StringBuilder s = new StringBuilder();
        for (Map.Entry<String, List<Integer>> group : groups.entrySet()) {
            List<Integer> members = group.getValue();
            List<String> labels = CellLabels.of(members.stream().map(cells::get).toList());
            TreeSet<String> primitives = new TreeSet<>();
            members.forEach(c -> primitives.addAll(cells.get(c).totals().counts().keySet()));
            if (groups.size() > 1) {
                s.append("<h3><code>").append(Html.escape(group.getKey())).append("</code></h3>\n");
            }
            s.append("<div class=\"wide\"><table class=\"primitive-totals\">\n<thead><tr><th>primitive</th>");
            for (int i = 0; i < members.size(); i++) {
                s.append("<th class=\"num\">").append(swatch(members.get(i))).append(Html.escape(labels.get(i))).append("</th>");
            }
            s.append("</tr></thead>\n<tbody>\n");
            for (String p : primitives) {
                s.append("<tr><td><code>").append(Html.escape(p)).append("</code></td>");
                for (int c : members) {
                    long n = cells.get(c).totals().count(p);
                    long d = n - cells.get(baselines[c]).totals().count(p);
                    s.append("<td class=\"num\">").append(Format.integer(n)).append(d == 0 ? "" : delta(d, Format.signedInteger(d))).append("</td>");
                }
                s.append("</tr>\n");
            }
            s.append("</tbody>\n</table></div>\n");
        }
        return s.toString();
    }

    /** The paths whose self time changed most from the baseline to one cell. */
    static String pathDeltas(List<PathDelta> deltas, CellData baseline, CellData cell) {
        if (deltas.isEmpty()) {
            return "<p class=\"note\">No path's simulated time differs from the baseline.</p>\n";
        }
        StringBuilder s = new StringBuilder("<div class=\"wide\"><table class=\"path-deltas\">\n<thead><tr><th class=\"num\">#</th><th>path (self)</th>"
                + "<th class=\"num\">baseline</th><th class=\"num\">this cell</th><th class=\"num\">delta</th>"
                + "<th class=\"num\">ratio</th><th>primitives behind it (count delta ≈ time at its mean price)</th></tr></thead>\n<tbody>\n");
        for (int i = 0; i < deltas.size(); i++) {
            PathDelta d = deltas.get(i);
            s.append("<tr class=\"delta-row\"><td class=\"num\">").append(i + 1).append("</td><td class=\"path\">")
                    .append(Html.escape(d.path()).replace(";", ";<wbr>")).append("</td>")
                    .append("<td class=\"num\">").append(Format.duration(d.base().simPs())).append("</td>")
                    .append("<td class=\"num\">").append(Format.duration(d.cell().simPs())).append("</td>")
                    .append("<td class=\"num ").append(d.deltaPs() > 0 ? "up" : "down").append("\">")
                    .append(Format.signedDuration(d.deltaPs())).append("</td>")
                    .append("<td class=\"num\">").append(ratio(d.base().simPs(), d.cell().simPs())).append("</td><td>")
                    .append(primitives(d.primitives(baseline, cell))).append("</td></tr>\n");
        }
        return s.append("</tbody>\n</table></div>\n").toString();
    }

    private static String primitives(List<PathDelta.PrimitiveDelta> deltas) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < Math.min(MAX_PRIMITIVES, deltas.size()); i++) {
            PathDelta.PrimitiveDelta d = deltas.get(i);
            s.append(i == 0 ? "" : ", ").append("<code>").append(Html.escape(d.primitive())).append("</code> ")
                    .append("<span class=\"").append(d.count() > 0 ? "up" : "down").append("\">")
                    .append(Format.signedInteger(d.count())).append("</span>");
            if (d.estimatedPs() != null) {
                s.append(" <span class=\"note\">≈ ").append(Format.signedDuration(d.estimatedPs())).append("</span>");
            }
        }
        if (deltas.size() > MAX_PRIMITIVES) {
            s.append(", <span class=\"note\">").append(deltas.size() - MAX_PRIMITIVES).append(" more</span>");
        }
        return s.isEmpty() ? "<span class=\"note\">no count changed</span>" : s.toString();
    }

    static String ratio(long base, long cell) {
        if (base == 0) {
            return "new";
        }
        return cell == 0 ? "gone" : Format.ratio((double) cell / base);
    }

    private static String delta(long d, String text) {
        String cls = d > 0 ? "delta up" : d < 0 ? "delta down" : "delta note";
        return "<span class=\"" + cls + "\">" + Html.escape(text) + "</span>";
    }

    /** A coloured square; an inline SVG so the colour needs no style attribute (the CSP allows none). */
    static String swatch(int cell) {
        return "<svg class=\"swatch\" viewBox=\"0 0 12 12\" aria-hidden=\"true\"><rect width=\"12\" height=\"12\" fill=\""
                + Palette.cell(cell) + "\"/></svg>";
    }
}
