package org.ptreplay.tools.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * The SVG bar chart of simulated time per syscall kind, one bar per cell in each kind's group,
 * with a legend, both axes labelled and a {@code <title>} on every bar for hover and screen readers.
 */
final class BarChart {

    static final int WIDTH = 960;
    private static final int HEIGHT = 380;
    private static final int LEFT = 78;
    private static final int RIGHT = 16;
    private static final int BOTTOM = 56;
    private static final int LEGEND_ROW = 20;
    /** Width of one character of the 12px legend font, generously: layout only, never clipping. */
    private static final double CHAR_WIDTH = 7.2;

    private BarChart() {
    }

    /** The chart in absolute simulated time: one axis for every kind, so the costliest kind sets the scale. */
    static String svg(List<CellData> cells, List<String> labels) {
        return svg(cells, labels, false);
    }

    /**
     * The chart with each kind's bars scaled to that kind's largest bar (100 %): a kind that takes
     * a thousandth of the time of {@code touch} (the user-data stream) still shows how the cells
     * differ in it. The largest bar's time is under the kind's name, every bar's in its title.
     */
    static String perKind(List<CellData> cells, List<String> labels) {
        return svg(cells, labels, true);
    }

    private static String svg(List<CellData> cells, List<String> labels, boolean perKind) {
        List<String> kinds = kinds(cells);
        double max = 0;
        for (CellData cell : cells) {
            for (Usage u : cell.bySyscall().values()) {
                max = Math.max(max, u.simPs());
            }
        }
        Ticks ticks = perKind ? new Ticks(25, 100) : Ticks.of(max);
        List<double[]> legend = legendLayout(labels);
        int legendRows = legend.isEmpty() ? 0 : (int) legend.get(legend.size() - 1)[1] + 1;
        int top = 12 + legendRows * LEGEND_ROW + 10;
        int bottom = perKind ? BOTTOM + 16 : BOTTOM;
        int height = HEIGHT + legendRows * LEGEND_ROW;
        int plotHeight = height - top - bottom;
        int plotWidth = WIDTH - LEFT - RIGHT;
        String id = perKind ? "time-chart-per-kind" : "time-chart";
        String title = perKind ? "Simulated time per syscall kind, relative to the kind's largest" : "Simulated time per syscall kind";

        StringBuilder s = new StringBuilder();
        s.append("<svg id=\"").append(id).append("\" class=\"chart\" viewBox=\"0 0 ")
                .append(WIDTH).append(' ').append(height)
                .append("\" role=\"img\" aria-labelledby=\"").append(id).append("-title ").append(id).append("-desc\">\n")
                .append("<title id=\"").append(id).append("-title\">").append(title).append("</title>\n")
                .append("<desc id=\"").append(id).append("-desc\">Grouped bars: for each syscall kind, one bar per cell")
                .append(perKind ? " with the simulated time that kind took in that cell, as a share of the largest of them.</desc>\n"
                        : " with the simulated time that kind took in that cell.</desc>\n");
        legend(s, labels, legend);

        s.append("<g class=\"axis\">\n");
        for (long tick : ticks.values()) {
            double y = top + plotHeight - plotHeight * tick / ticks.top();
            s.append("<line class=\"grid\" x1=\"").append(LEFT).append("\" x2=\"").append(WIDTH - RIGHT)
                    .append("\" y1=\"").append(Format.coord(y)).append("\" y2=\"").append(Format.coord(y)).append("\"/>")
                    .append("<text x=\"").append(LEFT - 6).append("\" y=\"").append(Format.coord(y + 4))
                    .append("\" text-anchor=\"end\">").append(Html.escape(perKind ? tick + " %" : Format.duration(tick))).append("</text>\n");
        }
        s.append("<line class=\"baseline\" x1=\"").append(LEFT).append("\" x2=\"").append(WIDTH - RIGHT)
                .append("\" y1=\"").append(top + plotHeight).append("\" y2=\"").append(top + plotHeight).append("\"/>\n")
                .append("<text class=\"axis-title\" transform=\"translate(16 ").append(top + plotHeight / 2)
                .append(") rotate(-90)\" text-anchor=\"middle\">").append(perKind ? "share of the kind's largest" : "simulated time").append("</text>\n")
                .append("<text class=\"axis-title\" x=\"").append(LEFT + plotWidth / 2).append("\" y=\"").append(height - 8)
                .append("\" text-anchor=\"middle\">syscall kind</text>\n</g>\n");

        double group = kinds.isEmpty() ? plotWidth : (double) plotWidth / kinds.size();
        double bar = group * 0.8 / cells.size();
        s.append("<g class=\"bars\">\n");
        for (int k = 0; k < kinds.size(); k++) {
            String kind = kinds.get(k);
            long kindMax = cells.stream().mapToLong(c -> c.bySyscall().getOrDefault(kind, Usage.NONE).simPs()).max().orElse(0);
            double scale = perKind ? (kindMax == 0 ? 0 : 1.0 / kindMax) : 1.0 / ticks.top();
            double x0 = LEFT + k * group + group * 0.1;
            for (int c = 0; c < cells.size(); c++) {
                Usage u = cells.get(c).bySyscall().getOrDefault(kind, Usage.NONE);
                double h = plotHeight * u.simPs() * scale;
                s.append("<rect class=\"bar\" x=\"").append(Format.coord(x0 + c * bar))
                        .append("\" y=\"").append(Format.coord(top + plotHeight - h))
                        .append("\" width=\"").append(Format.coord(Math.max(bar - 1, 1)))
                        .append("\" height=\"").append(Format.coord(h))
                        .append("\" fill=\"").append(Palette.cell(c)).append("\"><title>")
                        .append(Html.escape(labels.get(c) + " — " + kind + ": " + Format.duration(u.simPs())
                                + " in " + Format.integer(u.calls()) + " calls"
                                + (perKind && kindMax > 0 ? " (" + Format.percent((double) u.simPs() / kindMax) + " of the largest)" : "")))
                        .append("</title></rect>\n");
            }
            String centre = Format.coord(LEFT + k * group + group / 2);
            s.append("<text class=\"kind\" x=\"").append(centre)
                    .append("\" y=\"").append(top + plotHeight + 18).append("\" text-anchor=\"middle\">")
                    .append(Html.escape(kind)).append("</text>\n");
            if (perKind) {
                s.append("<text class=\"kind-max\" x=\"").append(centre)
                        .append("\" y=\"").append(top + plotHeight + 34).append("\" text-anchor=\"middle\">")
                        .append(Html.escape("100 % = " + Format.duration(kindMax))).append("</text>\n");
            }
        }
        return s.append("</g>\n</svg>\n").toString();
    }

    /** The kinds that appear in any cell, costliest (in its costliest cell) first, then by name. */
    static List<String> kinds(List<CellData> cells) {
        TreeSet<String> names = new TreeSet<>();
        cells.forEach(c -> names.addAll(c.bySyscall().keySet()));
        Comparator<String> byCost = Comparator.comparingLong(
                (String kind) -> cells.stream().mapToLong(c -> c.bySyscall().getOrDefault(kind, Usage.NONE).simPs()).max().orElse(0));
        List<String> kinds = new ArrayList<>(names);
        kinds.sort(byCost.reversed().thenComparing(Comparator.naturalOrder()));
        return kinds;
    }

    /** {x, row} per legend entry: a swatch and the label, wrapping to a new row at the chart's width. */
    private static List<double[]> legendLayout(List<String> labels) {
        List<double[]> out = new ArrayList<>();
        double x = LEFT;
        int row = 0;
        for (String label : labels) {
            double w = 18 + label.length() * CHAR_WIDTH + 18;
            if (x + w > WIDTH - RIGHT && x > LEFT) {
                x = LEFT;
                row++;
            }
            out.add(new double[] {x, row});
            x += w;
        }
        return out;
    }

    private static void legend(StringBuilder s, List<String> labels, List<double[]> layout) {
        s.append("<g class=\"legend\">\n");
        for (int c = 0; c < labels.size(); c++) {
            double x = layout.get(c)[0];
            double y = 12 + layout.get(c)[1] * LEGEND_ROW;
            s.append("<rect x=\"").append(Format.coord(x)).append("\" y=\"").append(Format.coord(y))
                    .append("\" width=\"12\" height=\"12\" fill=\"").append(Palette.cell(c)).append("\"/>")
                    .append("<text x=\"").append(Format.coord(x + 18)).append("\" y=\"").append(Format.coord(y + 10.5))
                    .append("\">").append(Html.escape(labels.get(c))).append("</text>\n");
        }
        s.append("</g>\n");
    }
}
