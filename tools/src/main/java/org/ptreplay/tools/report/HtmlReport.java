package org.ptreplay.tools.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.ptreplay.tools.compare.Pairing;

/**
 * The self-contained HTML report of a replay ({@code replay --report FILE.html}): one file with
 * its style sheet, script and SVG charts inline and no reference to anything outside it. Its
 * Content-Security-Policy forbids every load and allows only the page's own style sheet and
 * script, by hash.
 *
 * <p>The page is a function of the tree alone: the same tree gives the same bytes. The only
 * figures that change between runs are the tree's own {@code host} values, shown as such.
 */
public final class HtmlReport {

    /** Divergences listed per cell; the JSON has them all. */
    private static final int SHOWN_DIVERGENCES = 20;

    private HtmlReport() {
    }

    /**
     * Writes the report of a replay's JSON tree.
     *
     * @param jsonTree the replay's result as written by {@code --json}: {@code SortedMap<String,Object>},
     *                 {@code List<Object>}, String, Long, Double, Boolean
     * @param out      the HTML file to write (replaced if it exists)
     * @throws IllegalArgumentException if the tree lacks the cells or has a value of the wrong shape;
     *                                  the message names where
     * @throws IOException              if the file cannot be written
     */
    public static void write(Object jsonTree, Path out) throws IOException {
        Files.writeString(out, render(jsonTree), StandardCharsets.UTF_8);
    }

    /** The page as text. */
    static String render(Object jsonTree) {
        ReportData data = TreeReader.read(jsonTree);
        List<CellData> cells = data.cells();
        List<String> labels = CellLabels.of(cells);
        String traceName = data.trace().getOrDefault("file", "");
        StringBuilder s = new StringBuilder(64 * 1024);
        s.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src data:; style-src '")
                .append(sha256(PageAssets.CSS)).append("'; script-src '").append(sha256(PageAssets.JS)).append("'\">\n")
                // An empty data: icon stops browsers from asking for /favicon.ico.
                .append("<link rel=\"icon\" href=\"data:,\">\n")
                .append("<title>").append(Html.escape("ptreplay report" + (traceName.isEmpty() ? "" : " — " + traceName))).append("</title>\n")
                .append("<style>").append(PageAssets.CSS).append("</style>\n</head>\n<body>\n");
        header(s, data, labels, traceName);
        s.append("<main>\n");
        chart(s, cells, labels);
        differences(s, cells, labels);
        flameGraphs(s, cells, labels);
        perCell(s, cells, labels);
        s.append("<section id=\"primitives\">\n<h2>Primitive counts, whole replay</h2>\n")
                .append(Tables.primitiveTotals(cells)).append("</section>\n</main>\n")
                .append("<footer>Written by ptreplay. Simulated times come from the machine profiles;")
                .append(" every figure outside the Host box depends only on the trace and the configuration.</footer>\n")
                .append("<script>").append(PageAssets.JS).append("</script>\n</body>\n</html>\n");
        return s.toString();
    }

    private static void header(StringBuilder s, ReportData data, List<String> labels, String traceName) {
        s.append("<header>\n<h1>ptreplay report</h1>\n<p class=\"sub\">trace <code>").append(Html.escape(traceName))
                .append("</code> · ").append(data.cells().size()).append(data.cells().size() == 1 ? " cell" : " cells");
        if (data.cells().size() > 1) {
            s.append(" · each cell compared with the first strategy of its arch and profile");
        }
        s.append("</p>\n<nav><a href=\"#chart\">chart</a><a href=\"#differences\">differences</a>")
                .append("<a href=\"#flame\">flame graphs</a><a href=\"#per-cell\">per cell</a><a href=\"#primitives\">primitives</a></nav>\n")
                .append("<div class=\"boxes\">\n<section class=\"box\" id=\"trace\">\n<h2>Trace</h2>\n")
                .append(Tables.traceFields(data.trace()))
                .append("</section>\n<section class=\"box\" id=\"host\">\n<h2>Host <span class=\"badge\">not deterministic</span></h2>\n")
                .append("<p class=\"note\">Measured on the machine that ran the replay: these change from run to run.</p>\n")
                .append(Tables.keyValues(data.host(), "No host figures in the tree."))
                .append("</section>\n</div>\n<h2>Cells</h2>\n").append(Tables.cells(data.cells(), labels))
                .append("<h3>Arch options</h3>\n").append(Tables.archOptions(data.cells()));
        if (!data.notes().isEmpty()) {
            s.append("<ul class=\"notes\">\n");
            data.notes().forEach(n -> s.append("<li>").append(Html.escape(n)).append("</li>\n"));
            s.append("</ul>\n");
        }
        s.append("</header>\n");
    }

    private static void chart(StringBuilder s, List<CellData> cells, List<String> labels) {
        s.append("<section id=\"chart\">\n<h2>Simulated time per syscall kind</h2>\n")
                .append("<p class=\"note\">Each kind on its own scale, its largest bar at 100 %, so that the kinds")
                .append(" that take little time (next to the user-data stream of <code>touch</code>) still show how the cells differ.</p>\n")
                .append(BarChart.perKind(cells, labels))
                .append("<details><summary>the same on one scale (simulated time)</summary>\n")
                .append(BarChart.svg(cells, labels)).append("</details>\n</section>\n");
    }

    private static void differences(StringBuilder s, List<CellData> cells, List<String> labels) {
        s.append("<section id=\"differences\">\n<h2>Top paths by cost difference</h2>\n");
        int[] baselines = Pairing.baselinesOf(cells);
        if (java.util.Arrays.stream(baselines).distinct().count() == cells.size()) {
            s.append("<p class=\"note\">One cell per arch and profile: nothing to compare.</p>\n</section>\n");
            return;
        }
        s.append("<p class=\"note\">Self simulated time per folded path (what was charged with exactly that stack),")
                .append(" against the first strategy of the same arch and profile; the ")
                .append(Tables.TOP_PATHS).append(" largest changes either way.</p>\n");
        for (int c = 0; c < cells.size(); c++) {
            if (baselines[c] == c) {
                continue;
            }
            CellData base = cells.get(baselines[c]);
            CellData cell = cells.get(c);
            long delta = cell.totals().simPs() - base.totals().simPs();
            s.append("<h3>").append(Tables.swatch(c)).append(Html.escape(labels.get(c))).append(" vs ").append(Html.escape(labels.get(baselines[c])))
                    .append("</h3>\n<p>Total ").append(Format.duration(base.totals().simPs())).append(" → ")
                    .append(Format.duration(cell.totals().simPs())).append(" (").append(Format.signedDuration(delta)).append(", ")
                    .append(Tables.ratio(base.totals().simPs(), cell.totals().simPs())).append(").</p>\n")
                    .append(Tables.pathDeltas(PathDelta.top(base, cell, Tables.TOP_PATHS), base, cell));
        }
        s.append("</section>\n");
    }

    private static void flameGraphs(StringBuilder s, List<CellData> cells, List<String> labels) {
        s.append("<section id=\"flame\">\n<h2>Where the simulated time went</h2>\n")
                .append("<p class=\"note\">Icicle graph per cell: each frame is as wide as its inclusive simulated time;")
                .append(" hover for times and counts, click to zoom, and the path above the graph leads back up.</p>\n")
                .append("<div class=\"flame-tools\" hidden><label>search frames <input type=\"search\" id=\"flame-search\"")
                .append(" placeholder=\"name or regular expression\" aria-describedby=\"flame-match\"></label>")
                .append(" <span id=\"flame-match\" class=\"note\" aria-live=\"polite\"></span></div>\n");
        if (cells.size() > 1) {
            s.append("<div class=\"tabs\" hidden>");
            for (int c = 0; c < cells.size(); c++) {
                s.append("<button type=\"button\" aria-pressed=\"false\">").append(Tables.swatch(c)).append(Html.escape(labels.get(c))).append("</button>");
            }
            s.append("<label class=\"diff-toggle\"><input type=\"checkbox\" id=\"diff-colours\"> colour by change against")
                    .append(" the first strategy of the same arch and profile")
                    .append(": <span class=\"up\">red</span> grew, <span class=\"down-blue\">blue</span> shrank</label></div>\n");
        }
        List<FrameTree> trees = new ArrayList<>();
        cells.forEach(cell -> trees.add(FrameTree.of(cell.byPath())));
        int[] baselines = Pairing.baselinesOf(cells);
        for (int c = 0; c < cells.size(); c++) {
            FrameTree tree = trees.get(c);
            String id = "flame-" + c;
            s.append("<div class=\"flame-cell\" id=\"flame-cell-").append(c).append("\">\n<h3>").append(Tables.swatch(c))
                    .append(Html.escape(labels.get(c))).append(" <button type=\"button\" class=\"reset\" data-target=\"")
                    .append(id).append("\">reset zoom</button></h3>\n<div class=\"crumbs\" id=\"crumbs-").append(id).append("\"></div>\n");
            if (tree.inclusive() == 0) {
                s.append("<p class=\"note\">No simulated time was charged to any path in this cell.</p>\n");
            }
            s.append(FlameGraph.svg(id, labels.get(c), tree, baselines[c] == c ? null : trees.get(baselines[c])));
            int hidden = FlameGraph.hidden(tree);
            if (hidden > 0) {
                s.append("<p class=\"note\">").append(Format.integer(hidden))
                        .append(hidden == 1 ? " frame is too narrow to draw; its time counts in its parent.</p>\n" : " frames are too narrow to draw; their time counts in their parents.</p>\n");
            }
            s.append("</div>\n");
        }
        s.append("</section>\n");
    }

    private static void perCell(StringBuilder s, List<CellData> cells, List<String> labels) {
        s.append("<section id=\"per-cell\">\n<h2>Per cell</h2>\n");
        List<String> kinds = BarChart.kinds(cells);
        for (int c = 0; c < cells.size(); c++) {
            CellData cell = cells.get(c);
            s.append("<h3>").append(Tables.swatch(c)).append(Html.escape(labels.get(c))).append("</h3>\n")
                    .append(Tables.bySyscall(cell, kinds))
                    .append("<details><summary>metrics</summary>\n").append(Tables.keyValues(cell.metrics(), "No metrics."))
                    .append("</details>\n");
            divergences(s, cell);
            if (!cell.ignored().isEmpty()) {
                s.append("<details><summary>accepted but not modelled</summary>\n")
                        .append(Tables.keyValues(cell.ignored(), "")).append("</details>\n");
            }
        }
        s.append("</section>\n");
    }

    private static void divergences(StringBuilder s, CellData cell) {
        List<String> listed = cell.divergences();
        long count = Math.max(cell.divergenceCount(), listed.size());
        if (count == 0) {
            s.append("<p class=\"note\">No divergences from the recording.</p>\n");
            return;
        }
        s.append("<details><summary>").append(Format.integer(count)).append(count == 1 ? " divergence" : " divergences")
                .append(" from the recording</summary>\n<ul>\n");
        int shown = Math.min(SHOWN_DIVERGENCES, listed.size());
        for (int i = 0; i < shown; i++) {
            s.append("<li>").append(Html.escape(listed.get(i))).append("</li>\n");
        }
        if (count > shown) {
            s.append("<li class=\"note\">and ").append(Format.integer(count - shown)).append(" more</li>\n");
        }
        s.append("</ul>\n</details>\n");
    }

    /** A CSP source expression for an inline element's exact text. */
    private static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return "sha256-" + Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
