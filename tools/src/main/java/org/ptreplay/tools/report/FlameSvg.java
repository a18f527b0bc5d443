package org.ptreplay.tools.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ptreplay.tools.compare.Pairing;

/**
 * {@code --svg FILE.svg}: the report's icicle graphs as one standalone SVG file, one graph per
 * cell under its label, for a bug report or a slide. Frames keep their hover {@code <title>}
 * (times, counts, change). Differential ({@code --baseline}, and always in {@code compare}):
 * every cell but the baselines is filled as a differential flame graph (Gregg, 2014), red where a
 * frame's inclusive time grew against its arch and profile's baseline, blue where it shrank; the
 * baselines keep the name colours. No script, so the file is static; the same tree gives the same
 * bytes.
 */
public final class FlameSvg {

    private static final int HEADING = 26;
    private static final int GAP = 14;

    private FlameSvg() {
    }

    /**
     * @param jsonTree     the replay's JSON tree, as for {@link HtmlReport#write}
     * @param out          the file to write (replaced if it exists)
     * @param differential fill later cells by their change against their baseline
     */
    public static void write(Object jsonTree, Path out, boolean differential) throws IOException {
        Files.writeString(out, render(jsonTree, differential), StandardCharsets.UTF_8);
    }

    static String render(Object jsonTree, boolean differential) {
        ReportData data = TreeReader.read(jsonTree);
        List<CellData> cells = data.cells();
        List<String> labels = CellLabels.of(cells);
        int[] baselines = Pairing.baselinesOf(cells);
        List<FrameTree> trees = new ArrayList<>();
        cells.forEach(cell -> trees.add(FrameTree.of(cell.byPath())));
        StringBuilder body = new StringBuilder();
        int y = 0;
        for (int c = 0; c < cells.size(); c++) {
            FrameTree tree = trees.get(c);
            boolean diff = differential && baselines[c] != c;
            String heading = labels.get(c) + (diff ? " vs " + labels.get(baselines[c]) + ": red grew, blue shrank" : "");
            body.append("<text class=\"heading\" x=\"0\" y=\"").append(y + 18).append("\">").append(Html.escape(heading)).append("</text>\n");
            y += HEADING;
            int height = tree.depth() * FlameGraph.ROW;
            String graph = FlameGraph.svg("flame-" + c, labels.get(c), tree, diff ? trees.get(baselines[c]) : null, diff);
            body.append(graph.replaceFirst("<svg ", "<svg x=\"0\" y=\"" + y + "\" width=\"" + FlameGraph.WIDTH
                    + "\" height=\"" + height + "\" "));
            y += height + GAP;
        }
        String title = "ptreplay icicle graphs" + (data.trace().containsKey("file") ? " — " + data.trace().get("file") : "");
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"" + FlameGraph.WIDTH + "\" height=\"" + y
                + "\" viewBox=\"0 0 " + FlameGraph.WIDTH + " " + y + "\">\n"
                + "<title>" + Html.escape(title) + "</title>\n"
                + "<style>text { font: 11px ui-monospace, Menlo, Consolas, monospace; fill: #000; }"
                + " text.heading { font: 600 14px system-ui, sans-serif; }"
                + " rect { stroke: #fff; stroke-width: .5; } rect:hover { stroke: #000; stroke-width: 1; }</style>\n"
                + "<rect x=\"0\" y=\"0\" width=\"" + FlameGraph.WIDTH + "\" height=\"" + y + "\" fill=\"#fff\" stroke=\"none\"/>\n"
                + body + "</svg>\n";
    }
}
