package org.ptreplay.tools.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ptreplay.tools.report.FrameTreeTest.usage;

import java.util.Map;
import org.junit.jupiter.api.Test;

class FlameGraphTest {

    /** a 10 + a;b 30 + d 60 = 100 ns over the 1200-unit width: 12 units per ns. */
    private static final FrameTree TREE = FrameTree.of(Map.of("a", usage(10), "a;b", usage(30), "d", usage(60)));

    @Test
    void framesAreAsWideAsTheirInclusiveTimeAndChildrenStartAtTheirParent() {
        String svg = FlameGraph.svg("g", "cell", TREE, null);
        // root: 0..1200; a (40 ns): 0..480; b (30 ns) under a from 0: 360; d (60 ns) after a: 480..1200.
        assertTrue(svg.contains("<g class=\"frame\" data-x=\"0.00\" data-w=\"1200.00\" data-name=\"all (cell)\">"), svg);
        assertTrue(svg.contains("<g class=\"frame\" data-x=\"0.00\" data-w=\"480.00\" data-name=\"a\">"), svg);
        assertTrue(svg.contains("<g class=\"frame\" data-x=\"0.00\" data-w=\"360.00\" data-name=\"b\">"), svg);
        assertTrue(svg.contains("<g class=\"frame\" data-x=\"480.00\" data-w=\"720.00\" data-name=\"d\">"), svg);
        // Rows: root y 0, depth 1 y 18, depth 2 y 36; three rows tall.
        assertTrue(svg.contains("viewBox=\"0 0 1200 54\""), svg);
        assertTrue(svg.contains("<rect x=\"0.00\" y=\"36\" width=\"360.00\""), svg);
        assertTrue(svg.contains("<title>a\ninclusive 40 ns (40.0% of the cell), self 10 ns</title>"), svg);
    }

    @Test
    void childrenNestInsideTheirParentsGroup() {
        String svg = FlameGraph.svg("g", "cell", TREE, null);
        int a = svg.indexOf("data-name=\"a\"");
        int b = svg.indexOf("data-name=\"b\"");
        int d = svg.indexOf("data-name=\"d\"");
        String betweenBAndD = svg.substring(b, d);
        // b's group closes, then a's, before d opens.
        assertTrue(a < b && b < d);
        assertEquals(2, HtmlReportTest.occurrences(betweenBAndD, "</g>"), betweenBAndD);
    }

    @Test
    void laterCellsShowTheirChangeAgainstTheBaseline() {
        FrameTree base = FrameTree.of(Map.of("a", usage(10), "d", usage(60)));
        String svg = FlameGraph.svg("g", "cell", TREE, base);
        assertTrue(svg.contains("vs baseline: +30 ns inclusive (×4)"), svg);           // a: 40 against 10
        assertTrue(svg.contains("vs baseline: +30 ns inclusive (not in the baseline)"), svg); // b
        assertTrue(svg.contains("vs baseline: 0 ns inclusive (×1)"), svg);             // d
        // a and b changed by the largest amount (+30 ns): full red; d did not change: white.
        assertEquals(2, HtmlReportTest.occurrences(svg, "data-diff-fill=\"#e24a33\""), svg);
        assertEquals(1, HtmlReportTest.occurrences(svg, "data-diff-fill=\"#ffffff\""), svg);
        assertEquals(3, HtmlReportTest.occurrences(svg, "data-diff-fill"), "every frame but the root");
    }

    @Test
    void shrinkingFramesTurnBlueInProportion() {
        // Against a baseline of a 10 + a;b 30 + d 120: d shrank by 60 (the largest change, full blue), a unchanged.
        FrameTree base = FrameTree.of(Map.of("a", usage(10), "a;b", usage(30), "d", usage(120)));
        String svg = FlameGraph.svg("g", "cell", TREE, base);
        assertTrue(svg.contains("data-name=\"d\"><rect x=\"480.00\" y=\"18\" width=\"720.00\" height=\"17\" fill=\""
                + Palette.frame("d") + "\" data-diff-fill=\"#427ede\">"), svg);
        assertTrue(FlameGraph.svg("g", "cell", TREE, null).indexOf("data-diff-fill") < 0, "the baseline has no differential colours");
    }

    @Test
    void framesNarrowerThanTheMinimumAreLeftOutAndCounted() {
        // x;y is 1 ns of 10,000: 0.12 units, under the 0.4 minimum, and so is its child x;y;z.
        FrameTree tree = FrameTree.of(Map.of("x", usage(9_998), "x;y", usage(1), "x;y;z", usage(1)));
        String svg = FlameGraph.svg("g", "cell", tree, null);
        assertTrue(svg.contains("data-name=\"x\""));
        assertFalse(svg.contains("data-name=\"y\""));
        assertEquals(2, FlameGraph.hidden(tree));
        assertEquals(0, FlameGraph.hidden(TREE));
    }

    @Test
    void labelsAreCutToTheFrameWidth() {
        assertEquals("move_ptes", FlameGraph.fit("move_ptes", 200));
        // (50 - 6) / 6.7 = 6 characters: 4 of the name and "..".
        assertEquals("move..", FlameGraph.fit("move_ptes", 50));
        assertEquals("", FlameGraph.fit("move_ptes", 20));
    }

    @Test
    void anEmptyTreeDrawsNoFrames() {
        String svg = FlameGraph.svg("g", "cell", FrameTree.of(Map.of()), null);
        assertFalse(svg.contains("<g class=\"frame\""));
        assertEquals(0, FlameGraph.hidden(FrameTree.of(Map.of())));
    }
}
