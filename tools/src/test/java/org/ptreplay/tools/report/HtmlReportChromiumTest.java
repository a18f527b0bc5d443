package org.ptreplay.tools.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens the report in headless Chromium (Debian's {@code chromium}) and checks the page as a
 * browser sees it. Skipped when chromium is not on the PATH; CI installs it.
 *
 * <p>Console errors are caught two independent ways:
 * <ol>
 * <li>In the page: the test loads a copy of the report with one script added at the top of
 * {@code <head>}, before the Content-Security-Policy (a policy in a meta element only governs
 * what comes after it, so the hook runs while the report's own scripts stay hash-checked). The
 * hook records uncaught errors, unhandled rejections, CSP violations and {@code console.error}
 * and {@code console.warn} calls in an attribute of {@code <html>}; after {@code load} it drives
 * the page (every cell tab, a zoom, a reset, the colour switch, a search) so the script's event handlers run too. Chromium's
 * {@code --dump-dom} prints the DOM after load, attribute and all.</li>
 * <li>In Chromium's log: with {@code --enable-logging=stderr}, every message that reaches the
 * DevTools console, the browser's own included (blocked loads, CSP violations, uncaught
 * exceptions), is a {@code CONSOLE} line on stderr. The report logs nothing, so any such line is a
 * failure. The rest of stderr is machine noise (D-Bus, GPU) and is ignored.</li>
 * </ol>
 */
class HtmlReportChromiumTest {

    private static final long TIMEOUT_SECONDS = 120;

    /** Added to the test's copy of the page only. */
    private static final String HOOK = """
            <script>
            (function () {
              var root = document.documentElement;
              function record(what) {
                root.setAttribute('data-page-errors', (root.getAttribute('data-page-errors') || '') + '[' + what + ']');
              }
              window.addEventListener('error', function (e) { record('uncaught: ' + e.message); });
              window.addEventListener('unhandledrejection', function (e) { record('rejection: ' + e.reason); });
              document.addEventListener('securitypolicyviolation', function (e) { record('csp: ' + e.violatedDirective + ' ' + e.blockedURI); });
              ['error', 'warn'].forEach(function (level) {
                console[level] = function () { record('console.' + level + ': ' + Array.prototype.join.call(arguments, ' ')); };
              });
              function click(element) { element.dispatchEvent(new MouseEvent('click', { bubbles: true })); }
              function frame(svg, name) { return svg.querySelector('g.frame[data-name="' + name + '"] > rect'); }
              window.addEventListener('load', function () {
                document.querySelectorAll('.tabs button').forEach(click);
                var first = document.getElementById('flame-0'), second = document.getElementById('flame-1');
                click(frame(first, 'move_ptes'));
                var zoomed = frame(first, 'move_ptes').getAttribute('width');
                click(document.querySelector('button.reset[data-target="flame-0"]'));
                click(frame(second, 'move_ptes'));
                click(document.getElementById('diff-colours'));
                var crumbs = Array.prototype.map.call(document.querySelectorAll('#crumbs-flame-1 button'), function (b) { return b.textContent; });
                var search = document.getElementById('flame-search');
                search.value = 'vm_normal';
                search.dispatchEvent(new Event('input'));
                root.setAttribute('data-exercised', 'zoomed ' + zoomed + ', reset ' + frame(first, 'move_ptes').getAttribute('width'));
                root.setAttribute('data-crumbs', crumbs.join(' > '));
                root.setAttribute('data-search', document.getElementById('flame-match').textContent + ' | '
                    + frame(second, 'vm_normal_folio').getAttribute('fill') + ' ' + frame(second, 'move_ptes').getAttribute('fill'));
              });
            })();
            </script>
            """;

    @Test
    void thePageLoadsWithItsChartsAndNoConsoleErrors(@TempDir Path dir) throws Exception {
        String page = HtmlReport.render(ReportTrees.twoCells("<script>alert(1)</script>.ptr"));
        String head = "<head>\n";
        assertTrue(page.contains(head));
        String dom = load(dir, page.replace(head, head + HOOK), 1400);
        Matcher html = Pattern.compile("<html[^>]*>").matcher(dom);
        assertTrue(html.find(), dom);
        String root = html.group();
        assertTrue(!root.contains("data-page-errors"), "errors in the page: " + root);
        // The hook ran to its end: zooming into move_ptes widened it to the whole graph, and reset narrowed it again.
        Matcher exercised = Pattern.compile("data-exercised=\"zoomed 1200.00, reset ([0-9.]+)\"").matcher(root);
        assertTrue(exercised.find(), root);
        assertTrue(Double.parseDouble(exercised.group(1)) < 1200, root);
        // Zoomed into the second cell's move_ptes: the breadcrumbs lead from the root down to it.
        assertTrue(root.contains("data-crumbs=\"all (linux-6.17-rc1) &gt; mremap &gt; move_page_tables &gt; move_ptes\""), root);
        // vm_normal_folio holds 2,040,000 ns, two thirds of the cell's time; it is painted in the search colour, its parent is not.
        Matcher search = Pattern.compile("data-search=\"matched linux-6.17-rc1: ([0-9.]+) % \\| #e600e6 (#[0-9a-f]{6})\"").matcher(root);
        assertTrue(search.find(), root);
        assertEquals(100.0 * 2_040_000_000L / inclusive(ReportTrees.twoCells("t"), 1), Double.parseDouble(search.group(1)), 0.05, root);
        assertTrue(!search.group(2).equals("#e600e6"), root);

        assertTrue(dom.contains("<svg id=\"time-chart\""), "the bar chart");
        assertTrue(dom.contains("<svg id=\"time-chart-per-kind\""), "the bar chart on per-kind scales");
        assertEquals(24, HtmlReportTest.occurrences(dom, "<rect class=\"bar\""), "6 syscall kinds × 2 cells × 2 charts");
        assertTrue(HtmlReportTest.occurrences(dom, "<g class=\"frame") > 20, "both icicle graphs' frames");
        // The last tab clicked was the second cell's: the first graph is hidden, the second shown and zoomed.
        assertTrue(dom.contains("<div class=\"flame-cell\" id=\"flame-cell-0\" hidden=\"\">"), "cell switching");
        assertTrue(dom.contains("<div class=\"flame-cell\" id=\"flame-cell-1\">"), "cell switching");
        assertTrue(dom.contains("<div class=\"tabs\">"), "the script reveals the tabs");
        assertTrue(dom.contains("<div class=\"flame-tools\">"), "the script reveals the search");
        // The checkbox switched the second graph to differential colours: move_ptes and its callers
        // carry the largest change, so they are deepest red (vm_normal_folio has the search colour).
        assertTrue(dom.contains("fill=\"#e24a33\" data-diff-fill=\"#e24a33\" data-name-fill="), "differential colours");
        // The escaped trace name stayed text.
        assertTrue(dom.contains("&lt;script&gt;alert(1)&lt;/script&gt;.ptr"));
    }

    /**
     * Nine cells with long labels, arch options and notes, at two window widths: the page must
     * not scroll sideways, and no table may need its own scroll bar either (the wrapper that
     * would give it one is a last resort, not the fix).
     */
    @Test
    void nineCellsFitAThousandAndAFourteenHundredPixelWindow(@TempDir Path dir) throws Exception {
        String page = HtmlReport.render(ReportTrees.nineCells("bigheap.ptr"));
        String probe = """
                <script>
                window.addEventListener('load', function () {
                  var wide = [];
                  document.querySelectorAll('.wide').forEach(function (e) {
                    if (e.scrollWidth > e.clientWidth) { wide.push(e.firstElementChild.id + e.firstElementChild.className); }
                  });
                  document.documentElement.setAttribute('data-widths', document.scrollingElement.scrollWidth + ' ' + innerWidth + ' [' + wide.join(' ') + ']');
                });
                </script>
                """;
        for (int width : new int[] {1000, 1400}) {
            String dom = load(dir.resolve(String.valueOf(width)), page.replace("<head>\n", "<head>\n" + probe), width);
            Matcher m = Pattern.compile("data-widths=\"([0-9]+) ([0-9]+) \\[([^\\]]*)\\]\"").matcher(dom);
            assertTrue(m.find(), dom.substring(0, Math.min(dom.length(), 400)));
            assertEquals(width, Integer.parseInt(m.group(2)), "the window width");
            assertTrue(Integer.parseInt(m.group(1)) <= width, width + " px: the page is " + m.group(1) + " px wide");
            assertEquals("", m.group(3), width + " px: tables that need a scroll bar");
        }
    }

    /** Loads a page in headless Chromium at a window width and returns the DOM after load; the page must log nothing. */
    private static String load(Path dir, String page, int width) throws IOException, InterruptedException {
        Optional<Path> chromium = onPath("chromium");
        assumeTrue(chromium.isPresent(), "chromium is not installed (apt-get install -y chromium): the browser check is skipped");
        Files.createDirectories(dir);
        Path file = dir.resolve("report.html");
        Files.writeString(file, page);
        Path stdout = dir.resolve("dom.html");
        Path stderr = dir.resolve("chromium.log");
        Process process = new ProcessBuilder(chromium.get().toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--hide-scrollbars", "--window-size=" + width + ",900",
                "--user-data-dir=" + dir.resolve("profile"), "--enable-logging=stderr", "--v=0",
                "--dump-dom", file.toUri().toString())
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile())
                .start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            fail("chromium did not finish within " + TIMEOUT_SECONDS + " s; its log: " + Files.readString(stderr));
        }
        String log = Files.readString(stderr);
        assertEquals(0, process.exitValue(), log);
        List<String> console = log.lines().filter(l -> l.contains(":CONSOLE")).toList();
        assertEquals(List.of(), console, "the page must not log anything");
        return Files.readString(stdout);
    }

    /** A cell's total simulated time in ps, from the tree. */
    @SuppressWarnings("unchecked")
    private static long inclusive(java.util.Map<String, Object> tree, int cell) {
        java.util.Map<String, Object> c = (java.util.Map<String, Object>) ((List<Object>) tree.get("cells")).get(cell);
        return (Long) ((java.util.Map<String, Object>) c.get("totals")).get("sim_ps");
    }

    private static Optional<Path> onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, program);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
