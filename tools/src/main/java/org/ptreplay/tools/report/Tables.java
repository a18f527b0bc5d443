package org.ptreplay.tools.report;

import org.ptreplay.tools.compare.Pairing;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeSet;

/** The page's HTML tables. Every string from the tree is escaped here or in {@link Html}. */
final class Tables {

    /** Path-difference rows per compared cell. */
    static final int TOP_PATHS = 15;
    private static final int MAX_PRIMITIVES = 5;

    private Tables() {
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

    static String cells(List<CellData> cells, List<String> labels) {
        StringBuilder s = new StringBuilder("<table id=\"cells\">\n<thead><tr><th>cell</th><th>arch</th><th>strategy</th>"
                + "<th>profile</th><th>THP</th><th class=\"num\">CPUs</th><th class=\"num\">concurrency</th>"
                + "<th class=\"num\">simulated time</th><th class=\"num\">divergences</th></tr></thead>\n<tbody>\n");
        int[] baselines = Pairing.baselinesOf(cells);
        for (int c = 0; c < cells.size(); c++) {
            CellData cell = cells.get(c);
            long base = cells.get(baselines[c]).totals().simPs();
            boolean isBaseline = Pairing.leadsOthers(baselines, c);
            s.append("<tr><td>").append(swatch(c)).append(Html.escape(labels.get(c)))
                    .append(isBaseline ? " <span class=\"note\">(baseline)</span>" : "")
                    .append(cell.id().isEmpty() ? "" : "<br><code class=\"note\">" + Html.escape(cell.id()) + "</code>").append("</td>")
                    .append("<td>").append(Html.escape(cell.arch())).append(options(cell.archOptions()))
                    .append(notes(cell.archNotes())).append("</td>")
                    .append("<td><code>").append(Html.escape(cell.strategy())).append("</code>")
                    .append(strategies(cell.strategies(), cell.kernelConfig())).append("</td>")
                    .append("<td>").append(Html.escape(cell.profile())).append("</td>")
                    .append("<td>").append(Html.escape(cell.thp())).append("</td>")
                    .append("<td class=\"num\">").append(Html.escape(cell.cpus())).append("</td>")
                    .append("<td class=\"num\">").append(Html.escape(cell.concurrency())).append("</td>")
                    .append("<td class=\"num\">").append(Format.duration(cell.totals().simPs()))
                    .append(baselines[c] == c ? "" : delta(cell.totals().simPs() - base, Format.signedDuration(cell.totals().simPs() - base))).append("</td>")
                    .append("<td class=\"num\">").append(Format.integer(cell.divergenceCount())).append("</td></tr>\n");
        }
        return s.append("</tbody>\n</table>\n").toString();
    }

    private static String options(SortedMap<String, String> options) {
        if (options.isEmpty()) {
            return "";
        }
        StringBuilder s = new StringBuilder("<br><span class=\"note\">");
        options.forEach((k, v) -> s.append(Html.escape(k)).append('=').append(Html.escape(v)).append(' '));
        return s.append("</span>").toString();
    }

    private static String notes(List<String> notes) {
        StringBuilder s = new StringBuilder();
        notes.forEach(n -> s.append("<br><span class=\"note\">").append(Html.escape(n)).append("</span>"));
        return s.toString();
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
        StringBuilder s = new StringBuilder("<table class=\"by-syscall\">\n<thead><tr><th>syscall kind</th><th class=\"num\">calls</th>"
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
                .append("</tr></tfoot>\n</table>\n").toString();
    }

    private static String usageCells(long calls, long simPs, long total) {
        return "<td class=\"num\">" + Format.integer(calls) + "</td>"
                + "<td class=\"num\">" + Format.duration(simPs) + "</td>"
                + "<td class=\"num\">" + (total == 0 ? "n/a" : Format.percent((double) simPs / total)) + "</td>"
                + "<td class=\"num\">" + (calls == 0 ? "n/a" : Format.duration(Math.round((double) simPs / calls))) + "</td>"
                // Back-to-back rate: how many such calls one simulated second holds.
                + "<td class=\"num\">" + (simPs == 0 ? "n/a" : Format.decimal(calls * 1e12 / simPs)) + "</td>";
    }

    /** Primitive totals, one column per cell, with any change against its baseline under a later cell's count. */
    static String primitiveTotals(List<CellData> cells, List<String> labels) {
        TreeSet<String> primitives = new TreeSet<>();
        cells.forEach(c -> primitives.addAll(c.totals().counts().keySet()));
        StringBuilder s = new StringBuilder("<table id=\"primitive-totals\">\n<thead><tr><th>primitive</th>");
        for (int c = 0; c < cells.size(); c++) {
            s.append("<th class=\"num\">").append(swatch(c)).append(Html.escape(labels.get(c))).append("</th>");
        }
        s.append("</tr></thead>\n<tbody>\n");
        int[] baselines = Pairing.baselinesOf(cells);
        for (String p : primitives) {
            s.append("<tr><td><code>").append(Html.escape(p)).append("</code></td>");
            for (int c = 0; c < cells.size(); c++) {
                long n = cells.get(c).totals().count(p);
                long d = n - cells.get(baselines[c]).totals().count(p);
                s.append("<td class=\"num\">").append(Format.integer(n)).append(d == 0 ? "" : delta(d, Format.signedInteger(d))).append("</td>");
            }
            s.append("</tr>\n");
        }
        return s.append("</tbody>\n</table>\n").toString();
    }

    /** The paths whose self time changed most from the baseline to one cell. */
    static String pathDeltas(List<PathDelta> deltas, CellData baseline, CellData cell) {
        if (deltas.isEmpty()) {
            return "<p class=\"note\">No path's simulated time differs from the baseline.</p>\n";
        }
        StringBuilder s = new StringBuilder("<table class=\"path-deltas\">\n<thead><tr><th class=\"num\">#</th><th>path (self)</th>"
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
        return s.append("</tbody>\n</table>\n").toString();
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
