package org.ptreplay.tools.report;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * One cell's icicle graph (a flame graph with the root at the top): one row per stack depth,
 * each frame as wide as its inclusive simulated time, children left to right by name under their
 * parent. Every frame has a hover {@code <title>} with its inclusive and self time, its self
 * primitive counts and, for cells after the first, its change against the baseline.
 *
 * <p>Frames are nested {@code <g class="frame">} elements carrying their layout in {@code data-x}
 * and {@code data-w}, which is all the page's script needs to zoom into a frame. In cells after
 * the first, each frame's rectangle also carries {@code data-diff-fill}, the colour of a
 * differential flame graph (Gregg, "Differential Flame Graphs", 2014): red where the frame's
 * inclusive time grew against the baseline, blue where it shrank, deeper for larger changes. The
 * script switches to it on request; without script the graph keeps its name colours.
 */
final class FlameGraph {

    static final int WIDTH = 1200;
    static final int ROW = 18;
    /** Frames narrower than this (in viewBox units) are left out, as flamegraph.pl does; their time stays in their parent. */
    static final double MIN_WIDTH = 0.4;
    /** Width of a character of the 11px monospace label font; the script uses the same figure. */
    static final double CHAR_WIDTH = 6.7;
    private static final int MAX_COUNTS = 6;
    private static final int[] WHITE = {255, 255, 255};
    private static final int[] GREW = {226, 74, 51};
    private static final int[] SHRANK = {66, 126, 222};

    private final StringBuilder s;
    private final String rootLabel;
    private final long total;
    private final FrameTree baseline;
    /** The largest change of any frame below the root, which gets the deepest colour. */
    private final long maxDelta;
    /** Fill frames with their change against the baseline rather than their name colour (the standalone differential SVG). */
    private final boolean diffFill;

    private FlameGraph(StringBuilder s, String rootLabel, FrameTree tree, FrameTree baseline, boolean diffFill) {
        this.s = s;
        this.diffFill = diffFill && baseline != null;
        this.rootLabel = rootLabel;
        this.total = tree.inclusive();
        this.baseline = baseline;
        this.maxDelta = baseline == null ? 0 : maxDelta(tree);
    }

    /**
     * @param id       the SVG's element id
     * @param label    the cell's short name, for the root frame and the accessible title
     * @param tree     the cell's frames
     * @param baseline the baseline cell's frames, or null for the baseline itself
     */
    static String svg(String id, String label, FrameTree tree, FrameTree baseline) {
        return svg(id, label, tree, baseline, false);
    }

    /** As {@link #svg(String, String, FrameTree, FrameTree)}; with {@code diffFill}, frames are filled with their change against the baseline. */
    static String svg(String id, String label, FrameTree tree, FrameTree baseline, boolean diffFill) {
        StringBuilder s = new StringBuilder();
        s.append("<svg id=\"").append(Html.escape(id)).append("\" class=\"flame\" viewBox=\"0 0 ")
                .append(WIDTH).append(' ').append(tree.depth() * ROW).append("\" data-width=\"").append(WIDTH)
                .append("\" data-label=\"").append(Html.escape(label))
                .append("\" role=\"img\" aria-label=\"").append(Html.escape("Icicle graph of simulated time by kernel path: " + label))
                .append("\">\n");
        if (tree.inclusive() > 0) {
            new FlameGraph(s, label, tree, baseline, diffFill).frame(tree, 0, WIDTH, 0);
        }
        return s.append("</svg>\n").toString();
    }

    /** How many frames the graph leaves out for being narrower than {@link #MIN_WIDTH}. */
    static int hidden(FrameTree tree) {
        return tree.inclusive() == 0 ? 0 : hidden(tree, WIDTH / (double) tree.inclusive());
    }

    private static int hidden(FrameTree node, double scale) {
        int n = 0;
        for (FrameTree child : node.children().values()) {
            n += child.inclusive() * scale < MIN_WIDTH ? 1 + descendants(child) : hidden(child, scale);
        }
        return n;
    }

    private static int descendants(FrameTree node) {
        int n = 0;
        for (FrameTree child : node.children().values()) {
            n += 1 + descendants(child);
        }
        return n;
    }

    private void frame(FrameTree node, double x, double w, int depth) {
        String name = depth == 0 ? "all (" + rootLabel + ")" : node.name();
        int y = depth * ROW;
        s.append("<g class=\"frame\" data-x=\"").append(Format.coord(x)).append("\" data-w=\"").append(Format.coord(w))
                .append("\" data-name=\"").append(Html.escape(name)).append("\">")
                .append("<rect x=\"").append(Format.coord(x)).append("\" y=\"").append(y)
                .append("\" width=\"").append(Format.coord(w)).append("\" height=\"").append(ROW - 1)
                .append("\" fill=\"").append(depth == 0 ? "#d8d8d8" : diffFill ? diffColour(delta(node)) : Palette.frame(node.name())).append('"');
        if (baseline != null && depth > 0 && !diffFill) {
            s.append(" data-diff-fill=\"").append(diffColour(delta(node))).append('"');
        }
        s.append("><title>").append(Html.escape(title(node, name))).append("</title></rect>")
                .append("<text x=\"").append(Format.coord(x + 3)).append("\" y=\"").append(y + 13).append("\">")
                .append(Html.escape(fit(name, w))).append("</text>\n");
        double scale = w / node.inclusive();
        double cx = x;
        for (FrameTree child : node.children().values()) {
            double cw = child.inclusive() * scale;
            if (cw >= MIN_WIDTH) {
                frame(child, cx, cw, depth + 1);
            }
            cx += cw;
        }
        s.append("</g>\n");
    }

    private String title(FrameTree node, String name) {
        StringBuilder t = new StringBuilder(name)
                .append("\ninclusive ").append(Format.duration(node.inclusive()))
                .append(" (").append(Format.percent((double) node.inclusive() / total)).append(" of the cell)")
                .append(", self ").append(Format.duration(node.self()));
        List<Map.Entry<String, Long>> counts = node.selfCounts().entrySet().stream()
                .filter(e -> e.getValue() != 0)
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()))
                .toList();
        if (!counts.isEmpty()) {
            t.append("\nself counts: ");
            for (int i = 0; i < Math.min(MAX_COUNTS, counts.size()); i++) {
                t.append(i == 0 ? "" : ", ").append(counts.get(i).getKey()).append(' ').append(Format.integer(counts.get(i).getValue()));
            }
            if (counts.size() > MAX_COUNTS) {
                t.append(", … ").append(counts.size() - MAX_COUNTS).append(" more");
            }
        }
        if (baseline != null) {
            long before = node.inclusive() - delta(node);
            t.append("\nvs baseline: ").append(Format.signedDuration(delta(node))).append(" inclusive")
                    .append(before == 0 ? " (not in the baseline)" : " (" + Format.ratio((double) node.inclusive() / before) + ")");
        }
        return t.toString();
    }

    /** Inclusive time against the baseline's frame with the same stack (0 if it has none). */
    private long delta(FrameTree node) {
        FrameTree base = baseline.find(node.stack());
        return node.inclusive() - (base == null ? 0 : base.inclusive());
    }

    private long maxDelta(FrameTree node) {
        long max = 0;
        for (FrameTree child : node.children().values()) {
            max = Math.max(max, Math.max(Math.abs(delta(child)), maxDelta(child)));
        }
        return max;
    }

    /** White for no change, towards red for growth and blue for shrinkage, in proportion to the largest change. */
    private String diffColour(long delta) {
        double t = maxDelta == 0 ? 0 : Math.abs((double) delta) / maxDelta;
        int[] to = delta >= 0 ? GREW : SHRANK;
        int[] rgb = new int[3];
        for (int i = 0; i < 3; i++) {
            rgb[i] = (int) Math.round(WHITE[i] + (to[i] - WHITE[i]) * t);
        }
        return Palette.hex(rgb[0], rgb[1], rgb[2]);
    }

    /** The label that fits a frame of width w: the name, the name cut short with "..", or nothing. */
    static String fit(String name, double w) {
        int chars = (int) Math.floor((w - 6) / CHAR_WIDTH);
        if (chars >= name.length()) {
            return name;
        }
        return chars < 3 ? "" : name.substring(0, chars - 2) + "..";
    }
}
