package org.ptreplay.tools.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportTest {

    private static final String PAGE = HtmlReport.render(ReportTrees.twoCells("bigheap.ptr"));

    @Test
    void everyElementIsClosedInOrder() {
        assertTrue(Markup.checkBalanced(PAGE) > 500, "a page of two cells has hundreds of elements");
        assertTrue(PAGE.startsWith("<!DOCTYPE html>\n<html lang=\"en\">"));
        assertTrue(PAGE.endsWith("</body>\n</html>\n"));
    }

    @Test
    void theBalanceCheckCatchesCrossedAndUnclosedTags() {
        assertThrows(AssertionError.class, () -> Markup.checkBalanced("<p><b>x</p></b>"));
        assertThrows(AssertionError.class, () -> Markup.checkBalanced("<div><svg><rect></svg></div>"));
        assertThrows(AssertionError.class, () -> Markup.checkBalanced("<p>1 < 2</p>"));
        assertEquals(4, Markup.checkBalanced("<p><br><svg><rect/></svg></p>"));
    }

    @Test
    void theChartHasOneBarPerSyscallKindAndCellWithALegendAndAxisTitles() {
        String chart = between(PAGE, "<svg id=\"time-chart\"", "</svg>");
        // 6 kinds (mmap, fault, mremap, fork, munmap, exit) × 2 cells.
        assertEquals(12, occurrences(chart, "<rect class=\"bar\""));
        assertTrue(chart.contains("<title id=\"time-chart-title\">Simulated time per syscall kind</title>"));
        assertTrue(chart.contains(">simulated time</text>"));
        assertTrue(chart.contains(">syscall kind</text>"));
        assertTrue(chart.contains("<g class=\"legend\">"));
        // The 6.17-rc1 mremap bar: 35,000 + 4,000 + 512,000 + 2,040,000 ns.
        assertTrue(chart.contains("<title>linux-6.17-rc1 — mremap: 2.59 ms in 100 calls</title>"), chart);
        // mremap is the costliest kind, so its group comes first.
        assertTrue(chart.indexOf(">mremap</text>") < chart.indexOf(">fault</text>"));
    }

    @Test
    void bothCellsAreShownAndLabelledByTheSettingThatDiffers() {
        String cells = between(PAGE, "<table id=\"cells\">", "</table>");
        assertEquals(2, occurrences(cells, "<tr><td>"));
        assertTrue(cells.contains("linux-6.16 <span class=\"note\">(baseline)</span>"));
        assertTrue(cells.contains("<code>linux-6.17-rc1</code>"));
        // The totals differ by the vm_normal_folio path alone.
        assertTrue(cells.contains("<span class=\"delta up\">+2.04 ms</span>"), cells);
    }

    @Test
    void archOptionsShowOncePerArchAndCellsOnlyWhatSetsThemApart() {
        String page = HtmlReport.render(ReportTrees.nineCells("t"));
        String arch = between(page, "<table id=\"arch-options\">", "</table>");
        assertEquals(3, occurrences(arch, "<tr><td><code>"), arch);
        assertTrue(arch.contains("<code>arm64:contpte=off</code></td><td><code>bbml2=off</code> <code>contpte=off</code>"), arch);
        String cells = between(page, "<table id=\"cells\">", "</table>");
        // The presets differ in contpte-early-exit only; that is all a cell's row says of its options.
        assertEquals(6, occurrences(cells, "<code>contpte-early-exit="), cells);
        assertFalse(cells.contains("bbml2=off</code>"), cells);
        assertEquals(9, occurrences(cells, "<summary>1 note</summary>"), cells);
        // THP is the same everywhere: said once above the table, not in a column.
        assertTrue(page.contains("<p class=\"note\">Every cell: THP enabled=madvise · concurrency 1.</p>"), page);
        assertFalse(cells.contains("<th>THP</th>"));
        // The profile follows the arch and the CPU count the profile: the labels say neither.
        assertTrue(cells.contains("arm64 · contpte=off · linux-6.17-rc1</td>") || cells.contains("arm64 · contpte=off · linux-6.17-rc1<br>"), cells);
        // One primitives table per arch and profile, its columns named by strategy.
        assertEquals(3, occurrences(page, "<table class=\"primitive-totals\">"));
        assertTrue(page.contains("<h3><code>arm64:contpte=off/ampere-altra</code></h3>"), page);
    }

    @Test
    void theTraceBoxLeavesOutWhatTheTraceDoesNotKnow() {
        String trace = between(HtmlReport.render(ReportTrees.nineCells("t")), "<section class=\"box\" id=\"trace\">", "</section>");
        assertFalse(trace.contains("machine."), trace);
        assertTrue(trace.contains("<td>events</td>"), trace);
    }

    @Test
    void thePerKindChartScalesEachKindToItsLargestBar() {
        String chart = between(PAGE, "<svg id=\"time-chart-per-kind\"", "</svg>");
        assertEquals(12, occurrences(chart, "<rect class=\"bar\""));
        // mremap: 551 µs of 2.59 ms in linux-6.16, 100 % in linux-6.17-rc1.
        assertTrue(chart.contains("<title>linux-6.16 — mremap: 551 µs in 100 calls (21.3% of the largest)</title>"), chart);
        assertTrue(chart.contains(">100 % = 2.59 ms</text>"), chart);
        assertTrue(chart.contains(">100 %</text>"), chart);
    }

    @Test
    void theTopDifferenceIsTheVmNormalFolioPathAndItsStructPageReads() {
        String diffs = between(PAGE, "<section id=\"differences\">", "</section>");
        Matcher first = Pattern.compile("<tr class=\"delta-row\">(.*?)</tr>").matcher(diffs);
        assertTrue(first.find());
        String row = first.group(1);
        assertTrue(row.contains("mremap_folio_pte_batch;<wbr>vm_normal_folio</td>"), row);
        assertTrue(row.contains(">+2.04 ms</td>"), row);
        assertTrue(row.contains(">new</td>"), row);
        // 25,500 struct page reads at the cell's mean SP_R price, 80 ns: 2.04 ms.
        assertTrue(row.contains("<code>SP_R</code> <span class=\"up\">+25,500</span> <span class=\"note\">≈ +2.04 ms</span>"), row);
        // Nothing else changed, so it is the only row.
        assertFalse(first.find());
    }

    @Test
    void eachCellHasAnIcicleGraphWithInclusiveWidths() {
        for (int c = 0; c < 2; c++) {
            String graph = between(PAGE, "<svg id=\"flame-" + c + "\"", "</svg>");
            assertTrue(occurrences(graph, "<g class=\"frame\"") > 10, graph);
            assertTrue(graph.contains("data-name=\"move_ptes\""));
        }
        // In 6.17-rc1 move_ptes is 512,000 ns self + 2,040,000 ns below it: 2.55 ms inclusive.
        String rc1 = between(PAGE, "<svg id=\"flame-1\"", "</svg>");
        assertTrue(rc1.contains("move_ptes\ninclusive 2.55 ms"), rc1);
        assertTrue(rc1.contains("vs baseline: +2.04 ms inclusive (×4.98)"), rc1);
    }

    @Test
    void perCellTablesGiveCallsTimeAndRate() {
        String perCell = between(PAGE, "<section id=\"per-cell\">", "</section>");
        assertEquals(2, occurrences(perCell, "<table class=\"by-syscall\">"));
        // Baseline mremap: 100 calls, 551,000 ns: 5.51 µs per call, 1e9 × 100 / 551,000 = 181,488 calls per simulated second.
        assertTrue(perCell.contains("<td>mremap</td><td class=\"num\">100</td><td class=\"num\">551 µs</td>"), perCell);
        assertTrue(perCell.contains("<td class=\"num\">5.51 µs</td><td class=\"num\">181,488</td>"), perCell);
        assertTrue(perCell.contains("1 divergence from the recording"));
        assertTrue(perCell.contains("<li>event 17: mremap result was 0x8583b00 in the trace but 0x859c1a0 in the model.</li>"));
    }

    @Test
    void hostFiguresAreMarkedNotDeterministic() {
        String host = between(PAGE, "<section class=\"box\" id=\"host\">", "</section>");
        assertTrue(host.contains("not deterministic"));
        assertTrue(host.contains("<td>peak_heap_bytes</td><td class=\"mono\">123,456,789</td>"), host);
    }

    @Test
    void stringsFromTheTreeAreEscaped() {
        SortedMap<String, Object> tree = ReportTrees.twoCells("<script>alert(1)</script>.ptr");
        @SuppressWarnings("unchecked")
        Map<String, Object> cell = (Map<String, Object>) ((List<Object>) tree.get("cells")).get(1);
        cell.put("strategy", "linux-6.16+\"evil\"&<b>");
        String page = HtmlReport.render(tree);
        assertFalse(page.contains("<script>alert"), "the trace name must not become a script");
        assertTrue(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;.ptr"));
        assertEquals(1, occurrences(page, "<script>"), "only the page's own script");
        assertFalse(page.contains("<b>"));
        assertTrue(page.contains("linux-6.16+&quot;evil&quot;&amp;&lt;b&gt;"));
        Markup.checkBalanced(page);
    }

    @Test
    void theSameTreeGivesTheSameBytesWhateverItsMapOrder(@TempDir Path dir) throws IOException {
        Path a = dir.resolve("a.html");
        Path b = dir.resolve("b.html");
        HtmlReport.write(ReportTrees.twoCells("bigheap.ptr"), a);
        HtmlReport.write(reordered(ReportTrees.twoCells("bigheap.ptr")), b);
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
        assertEquals(PAGE, Files.readString(a));
    }

    @Test
    void thePageReferencesNothingOutsideItself() {
        assertFalse(PAGE.contains("http://"));
        assertFalse(PAGE.contains("https://"));
        assertFalse(PAGE.contains("src="), "no script, image or frame sources");
        Matcher href = Pattern.compile("href=\"([^\"]*)\"").matcher(PAGE);
        while (href.find()) {
            assertTrue(href.group(1).startsWith("#") || href.group(1).startsWith("data:"), href.group(1));
        }
        assertTrue(PAGE.contains("content=\"default-src 'none';"), "the CSP forbids loads");
    }

    @Test
    void aTreeWithoutCellsIsRefusedWithWhereItWasLooked() {
        SortedMap<String, Object> tree = ReportTrees.twoCells("t");
        tree.put("cells", List.of());
        assertEquals("the report tree has no cells",
                assertThrows(IllegalArgumentException.class, () -> HtmlReport.render(tree)).getMessage());
        tree.remove("cells");
        assertEquals("the report tree has no \"cells\"",
                assertThrows(IllegalArgumentException.class, () -> HtmlReport.render(tree)).getMessage());
    }

    @Test
    void aValueOfTheWrongShapeIsNamedByItsPlace() {
        SortedMap<String, Object> tree = ReportTrees.twoCells("t");
        @SuppressWarnings("unchecked")
        Map<String, Object> cell = (Map<String, Object>) ((List<Object>) tree.get("cells")).get(1);
        @SuppressWarnings("unchecked")
        Map<String, Object> fork = (Map<String, Object>) ((Map<String, Object>) cell.get("by_syscall")).get("fork");
        fork.put("sim_ps", "fast");
        assertEquals("cells[1].by_syscall.fork.sim_ps is a string, expected a finite number",
                assertThrows(IllegalArgumentException.class, () -> HtmlReport.render(tree)).getMessage());
        fork.put("sim_ps", Double.NaN);
        assertEquals("cells[1].by_syscall.fork.sim_ps is not finite, expected a finite number",
                assertThrows(IllegalArgumentException.class, () -> HtmlReport.render(tree)).getMessage());
        fork.remove("sim_ps");
        fork.remove("sim_ns");
        assertEquals("cells[1].by_syscall.fork has no \"sim_ns\"",
                assertThrows(IllegalArgumentException.class, () -> HtmlReport.render(tree)).getMessage());
        fork.put("sim_ns", 2_000L);
        cell.put("by_path", List.of());
        assertEquals("cells[1].by_path is an array, expected an object",
                assertThrows(IllegalArgumentException.class, () -> HtmlReport.render(tree)).getMessage());
    }

    @Test
    void aCellWithoutPathsStillGetsAPage() {
        SortedMap<String, Object> tree = ReportTrees.twoCells("t");
        @SuppressWarnings("unchecked")
        Map<String, Object> cell = (Map<String, Object>) ((List<Object>) tree.get("cells")).get(0);
        cell.put("by_path", Map.of());
        String page = HtmlReport.render(tree);
        Markup.checkBalanced(page);
        assertTrue(page.contains("No simulated time was charged to any path in this cell."));
        assertEquals(0, occurrences(between(page, "<svg id=\"flame-0\"", "</svg>"), "<g class=\"frame\""));
    }

    /** The same tree in HashMaps and reversed lists-of-keys insertion order, to show the page does not follow map order. */
    private static Object reordered(Object value) {
        if (value instanceof Map<?, ?> m) {
            List<Map.Entry<?, ?>> entries = new ArrayList<>(m.entrySet());
            java.util.Collections.reverse(entries);
            Map<Object, Object> out = entries.size() % 2 == 0 ? new LinkedHashMap<>() : new HashMap<>();
            entries.forEach(e -> out.put(e.getKey(), reordered(e.getValue())));
            return out;
        }
        if (value instanceof List<?> l) {
            return l.stream().map(HtmlReportTest::reordered).toList();
        }
        return value;
    }

    static String between(String text, String start, String end) {
        int from = text.indexOf(start);
        assertTrue(from >= 0, "missing " + start);
        int to = text.indexOf(end, from);
        assertTrue(to >= 0, "missing " + end + " after " + start);
        return text.substring(from, to + end.length());
    }

    static int occurrences(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + what.length())) {
            n++;
        }
        return n;
    }
}
