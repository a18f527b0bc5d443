package org.ptreplay.tools.sweep;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.ptreplay.tools.report.Format;
import org.ptreplay.tools.report.Html;
import org.ptreplay.tools.report.Palette;

/**
 * The sweep's HTML page, drawn from the tidy table alone: for every axis with more than one
 * value, line plots of each metric against it, one line per strategy, and beside each the same
 * lines divided by the first strategy's (the baseline). The other varying axes split the plots
 * (one per combination of their values). Self-contained under the report's rules: no load of
 * any kind, no script, and a Content-Security-Policy that allows only the page's own style sheet,
 * by hash. The same table gives the same bytes.
 */
public final class SweepPage {
    /** Plots per axis and metric; a larger grid is in the table. */
    static final int MAX_PANELS = 24;
    private static final int W = 460;
    private static final int H = 260;
    private static final int LEFT = 64;
    private static final int RIGHT = 16;
    private static final int TOP = 14;
    private static final int BOTTOM = 46;

    static final String CSS = """
            body { margin: 0 auto; max-width: 1280px; padding: 0 24px; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1d1d1f; }
            h1 { font-size: 24px; margin: 20px 0 4px; }
            h2 { font-size: 18px; margin: 28px 0 8px; border-bottom: 1px solid #d9dce1; padding-bottom: 4px; }
            h3 { font-size: 14px; margin: 14px 0 4px; font-weight: 600; }
            .sub, .note { color: #5f6368; }
            code { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 12.5px; }
            .pair { display: flex; flex-wrap: wrap; gap: 12px; }
            svg.plot { width: 460px; max-width: 100%; height: auto; border: 1px solid #d9dce1; border-radius: 4px; }
            svg.plot text { font: 11px system-ui, sans-serif; fill: #1d1d1f; }
            svg.plot .grid { stroke: #e6e8eb; }
            svg.plot .axis { stroke: #5f6368; }
            ul.failed li { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 12.5px; }
            """;

    private SweepPage() {
    }

    /** A metric plotted: a column, and for per-syscall metrics the syscall kind whose rows it takes. */
    private record Metric(String column, String syscall, String title) {
    }

    /**
     * @param failures the sentences of the failed jobs, in job order
     */
    public static String render(TidyTable table, List<Object[]> rows, List<String> failures) {
        List<String> names = table.names();
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (String axis : table.axes()) {
            LinkedHashSet<String> seen = new LinkedHashSet<>();
            int i = names.indexOf(axis);
            rows.forEach(r -> seen.add(String.valueOf(r[i])));
            values.put(axis, new ArrayList<>(seen));
        }
        List<String> varying = new ArrayList<>();
        values.forEach((axis, v) -> {
            if (v.size() > 1 && !axis.equals("strategy")) {
                varying.add(axis);
            }
        });
        List<String> strategies = values.get("strategy");
        StringBuilder s = new StringBuilder(64 * 1024);
        s.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src '")
                .append(sha256(CSS)).append("'\">\n<link rel=\"icon\" href=\"data:,\">\n<title>ptreplay sweep</title>\n")
                .append("<style>").append(CSS).append("</style>\n</head>\n<body>\n<h1>ptreplay sweep</h1>\n<p class=\"sub\">")
                .append(rows.isEmpty() ? 0 : distinct(rows, names.indexOf("job"))).append(" jobs with results, ")
                .append(failures.size()).append(" failed, ").append(rows.size()).append(" rows · strategies ");
        for (int i = 0; i < strategies.size(); i++) {
            s.append(i == 0 ? "" : ", ").append(swatch(i)).append(Html.escape(strategies.get(i)));
        }
        s.append(strategies.isEmpty() ? "" : " (baseline " + Html.escape(strategies.get(0)) + ")").append("</p>\n");
        if (!failures.isEmpty()) {
            s.append("<h2>Failed jobs</h2>\n<ul class=\"failed\">\n");
            failures.forEach(f -> s.append("<li>").append(Html.escape(f)).append("</li>\n"));
            s.append("</ul>\n");
        }
        if (varying.isEmpty()) {
            s.append("<p class=\"note\">No axis but the strategy has more than one value: there is nothing to plot;"
                    + " the figures are in table.csv.</p>\n");
        }
        List<Metric> metrics = metrics(names, rows);
        for (String axis : varying) {
            s.append("<h2>Against <code>").append(Html.escape(axis)).append("</code></h2>\n");
            List<String> others = varying.stream().filter(a -> !a.equals(axis)).toList();
            for (Metric m : metrics) {
                s.append("<h3>").append(Html.escape(m.title())).append("</h3>\n");
                Map<List<String>, List<Object[]>> panels = new LinkedHashMap<>();
                for (Object[] r : rows) {
                    if (m.syscall() == null || m.syscall().equals(r[names.indexOf("syscall")])) {
                        List<String> key = others.stream().map(o -> String.valueOf(r[names.indexOf(o)])).toList();
                        panels.computeIfAbsent(key, k -> new ArrayList<>()).add(r);
                    }
                }
                int shown = 0;
                for (Map.Entry<List<String>, List<Object[]>> p : panels.entrySet()) {
                    if (shown++ == MAX_PANELS) {
                        s.append("<p class=\"note\">").append(panels.size() - MAX_PANELS)
                                .append(" more combinations are in table.csv.</p>\n");
                        break;
                    }
                    panel(s, names, axis, values.get(axis), strategies, m, others, p.getKey(), p.getValue());
                }
            }
        }
        s.append("<p class=\"note\">Written by ptreplay sweep from table.csv. Simulated figures depend only on the"
                + " traces and the configuration.</p>\n</body>\n</html>\n");
        return s.toString();
    }

    /** Simulated ns per call of every syscall kind, then the cells' ns per PTE where any cell has one. */
    private static List<Metric> metrics(List<String> names, List<Object[]> rows) {
        List<Metric> out = new ArrayList<>();
        LinkedHashSet<String> kinds = new LinkedHashSet<>();
        int sys = names.indexOf("syscall");
        rows.forEach(r -> kinds.add((String) r[sys]));
        kinds.stream().sorted().forEach(k -> out.add(new Metric("sim_ns_per_call", k, k + ": simulated ns per call")));
        for (String c : List.of("ns_per_pte_moved", "ns_per_pte_copied", "ns_per_pte_zapped")) {
            int i = names.indexOf(c);
            if (rows.stream().anyMatch(r -> r[i] != null)) {
                out.add(new Metric(c, null, c.replace('_', ' ') + " (simulated, per cell)"));
            }
        }
        return out;
    }

    private static void panel(StringBuilder s, List<String> names, String axis, List<String> xs, List<String> strategies,
                              Metric m, List<String> others, List<String> key, List<Object[]> rows) {
        int col = names.indexOf(m.column());
        int xCol = names.indexOf(axis);
        int sCol = names.indexOf("strategy");
        // value[strategy][x]; the first row of a point wins (per-cell metrics repeat on each kind's row).
        Double[][] v = new Double[strategies.size()][xs.size()];
        for (Object[] r : rows) {
            int si = strategies.indexOf(String.valueOf(r[sCol]));
            int xi = xs.indexOf(String.valueOf(r[xCol]));
            if (v[si][xi] == null && r[col] instanceof Double d) {
                v[si][xi] = d;
            }
        }
        Double[][] ratio = new Double[strategies.size()][xs.size()];
        for (int si = 0; si < strategies.size(); si++) {
            for (int xi = 0; xi < xs.size(); xi++) {
                Double base = v[0][xi];
                ratio[si][xi] = v[si][xi] == null || base == null || base == 0 ? null : v[si][xi] / base;
            }
        }
        StringBuilder where = new StringBuilder();
        for (int i = 0; i < others.size(); i++) {
            where.append(i == 0 ? "" : ", ").append(others.get(i)).append(" = ").append(key.get(i));
        }
        if (where.length() > 0) {
            s.append("<p class=\"note\">").append(Html.escape(where.toString())).append("</p>\n");
        }
        s.append("<div class=\"pair\">\n");
        plot(s, axis, xs, strategies, v, m.column().startsWith("sim_ns") ? "simulated ns" : "ns", false);
        plot(s, axis, xs, strategies, ratio, "ratio to " + strategies.get(0), true);
        s.append("</div>\n");
    }

    private static void plot(StringBuilder s, String axis, List<String> xs, List<String> strategies, Double[][] v,
                             String yTitle, boolean ratio) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Double[] line : v) {
            for (Double d : line) {
                if (d != null) {
                    lo = Math.min(lo, d);
                    hi = Math.max(hi, d);
                }
            }
        }
        if (lo > hi) {
            lo = 0;
            hi = 1;
        }
        // Times from 0, so a plot never exaggerates a difference; ratios around 1, where they live.
        double[] axisRange = niceRange(ratio ? Math.min(lo, 1) : 0, ratio ? Math.max(hi, 1) : hi);
        double y0 = axisRange[0];
        double y1 = axisRange[1];
        double step = axisRange[2];
        double pw = W - LEFT - RIGHT;
        double ph = H - TOP - BOTTOM;
        s.append("<svg class=\"plot\" viewBox=\"0 0 ").append(W).append(' ').append(H)
                .append("\" role=\"img\" xmlns=\"http://www.w3.org/2000/svg\">\n");
        long ticks = Math.round((y1 - y0) / step);
        for (long k = 0; k <= ticks; k++) {
            double t = y0 + k * step;
            double y = TOP + ph - (t - y0) / (y1 - y0) * ph;
            s.append("<line class=\"grid\" x1=\"").append(LEFT).append("\" x2=\"").append(W - RIGHT)
                    .append("\" y1=\"").append(Format.coord(y)).append("\" y2=\"").append(Format.coord(y)).append("\"/>")
                    .append("<text x=\"").append(LEFT - 6).append("\" y=\"").append(Format.coord(y + 4))
                    .append("\" text-anchor=\"end\">").append(Format.decimal(t)).append("</text>\n");
        }
        s.append("<line class=\"axis\" x1=\"").append(LEFT).append("\" x2=\"").append(LEFT).append("\" y1=\"").append(TOP)
                .append("\" y2=\"").append(TOP + (int) ph).append("\"/>\n");
        for (int xi = 0; xi < xs.size(); xi++) {
            s.append("<text x=\"").append(Format.coord(x(xi, xs.size(), pw))).append("\" y=\"").append(H - BOTTOM + 16)
                    .append("\" text-anchor=\"middle\">").append(Html.escape(xs.get(xi))).append("</text>\n");
        }
        s.append("<text x=\"").append(LEFT + (int) pw / 2).append("\" y=\"").append(H - 8)
                .append("\" text-anchor=\"middle\">").append(Html.escape(axis)).append("</text>\n")
                .append("<text x=\"12\" y=\"").append(TOP + (int) ph / 2).append("\" text-anchor=\"middle\" transform=\"rotate(-90 12 ")
                .append(TOP + (int) ph / 2).append(")\">").append(Html.escape(yTitle)).append("</text>\n");
        for (int si = 0; si < v.length; si++) {
            String colour = Palette.cell(si);
            StringBuilder points = new StringBuilder();
            StringBuilder dots = new StringBuilder();
            for (int xi = 0; xi < xs.size(); xi++) {
                if (v[si][xi] == null) {
                    // A missing point (a failed job) breaks the line rather than bridging it.
                    flush(s, points, colour);
                    continue;
                }
                String px = Format.coord(x(xi, xs.size(), pw));
                String py = Format.coord(TOP + ph - (v[si][xi] - y0) / (y1 - y0) * ph);
                points.append(points.length() == 0 ? "" : " ").append(px).append(',').append(py);
                dots.append("<circle cx=\"").append(px).append("\" cy=\"").append(py).append("\" r=\"3\" fill=\"")
                        .append(colour).append("\"><title>").append(Html.escape(strategies.get(si))).append(", ")
                        .append(Html.escape(axis)).append(' ').append(Html.escape(xs.get(xi))).append(": ")
                        .append(ratio ? Format.decimal(v[si][xi]) : Format.decimal(v[si][xi]) + " ns")
                        .append("</title></circle>");
            }
            flush(s, points, colour);
            s.append(dots).append('\n');
        }
        s.append("</svg>\n");
    }

    private static void flush(StringBuilder s, StringBuilder points, String colour) {
        if (points.length() > 0) {
            s.append("<polyline fill=\"none\" stroke=\"").append(colour).append("\" stroke-width=\"2\" points=\"")
                    .append(points).append("\"/>\n");
            points.setLength(0);
        }
    }

    private static double x(int i, int n, double pw) {
        return LEFT + (n == 1 ? pw / 2 : pw * (i + 0.5) / n);
    }

    /** From, to and step of an axis with ticks at 1, 2 or 5 times a power of ten (Heckbert, Graphics Gems, 1990). */
    static double[] niceRange(double lo, double hi) {
        if (hi <= lo) {
            hi = lo + (lo == 0 ? 1 : Math.abs(lo) * 0.1);
        }
        double raw = (hi - lo) / 5;
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double f = raw / magnitude;
        double step = (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * magnitude;
        return new double[] {Math.floor(lo / step) * step, Math.ceil(hi / step) * step, step};
    }

    private static long distinct(List<Object[]> rows, int col) {
        return rows.stream().map(r -> r[col]).distinct().count();
    }

    private static String swatch(int i) {
        return "<svg width=\"12\" height=\"12\" xmlns=\"http://www.w3.org/2000/svg\"><rect width=\"12\" height=\"12\" fill=\""
                + Palette.cell(i) + "\"/></svg> ";
    }

    private static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return "sha256-" + Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
