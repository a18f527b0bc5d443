package org.ptreplay.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ptreplay.tools.compare.CompareCsv;
import org.ptreplay.tools.text.JsonReader;

/**
 * Pairing by arch and profile in {@code replay}, {@code compare} and the report; {@code compare}'s
 * outputs; {@code diff} of two saved documents. The trace is {@link Traces#move1m()}: linux-6.17-rc1
 * adds 255 {@code SP_R} (one folio lookup per PTE but the last of the extent) under
 * {@code mremap_folio_pte_batch}, on both arches.
 */
class CompareCommandsTest {

    private static final String VNF = "mremap;move_page_tables;move_ptes;mremap_folio_pte_batch;vm_normal_folio";

    static Cli.Run ok(String... args) {
        Cli.Run r = Cli.run(args);
        assertEquals(0, r.code(), r.err());
        return r;
    }

    @SuppressWarnings("unchecked")
    static Object at(Object tree, Object... path) {
        Object o = tree;
        for (Object key : path) {
            o = key instanceof Integer i ? ((List<Object>) o).get(i) : ((Map<String, Object>) o).get((String) key);
        }
        return o;
    }

    @Test
    void replayComparesEachArchWithItsOwnBaseline(@TempDir Path dir) throws IOException {
        Path trace = Traces.write(dir.resolve("m.ptrace"), Traces.move1m());
        String out = ok("replay", trace.toString(), "--arch", "x86,arm64", "--strategy", "linux-6.16,linux-6.17-rc1").out();
        assertTrue(out.contains("  [0] x86/linux-6.16/generic-x86  (baseline)\n"), out);
        assertTrue(out.contains("  [1] x86/linux-6.17-rc1/generic-x86  (vs [0])\n"), out);
        assertTrue(out.contains("  [2] arm64/linux-6.16/generic-arm64  (baseline)\n"), out);
        assertTrue(out.contains("  [3] arm64/linux-6.17-rc1/generic-arm64  (vs [2])\n"), out);
        // The arm64 tables have the arm64 baseline and no x86 column.
        String arm64 = out.substring(out.indexOf("== arm64/generic-arm64 =="));
        String header = arm64.lines().filter(l -> l.contains("delta[")).findFirst().orElseThrow();
        assertEquals(List.of("[2]", "[3]", "delta[3]", "ratio[3]"), List.of(header.trim().split(" +")));
        String spR = arm64.substring(arm64.indexOf("\nmremap\n")).lines().filter(l -> l.startsWith("SP_R ")).findFirst().orElseThrow();
        // 6.17-rc1 adds one folio lookup per moved PTE (+255). 6.16's own reads are contpte_try_fold's
        // folio lookups, made only where the moved entry is the last of its 16 and its pfn the last
        // of an aligned 16: their count follows the default placement's pfns (buddy: 4; aged:0.5: 2).
        assertEquals(List.of("SP_R", "4", "259", "+255", "64.750"), List.of(spR.split(" +")));
    }

    @Test
    void baselineOptionPutsItsStrategyFirst(@TempDir Path dir) throws IOException {
        Path trace = Traces.write(dir.resolve("m.ptrace"), Traces.move1m());
        String out = ok("replay", trace.toString(), "--strategy", "linux-6.17-rc1,linux-6.16", "--baseline", "linux-6.16").out();
        assertTrue(out.contains("  [0] x86/linux-6.16/generic-x86  (baseline)\n  "), out);
        // compare without --baseline: the first --strategy is the baseline.
        Object doc = JsonReader.parse(ok("compare", trace.toString(), "--strategy", "linux-6.16,linux-6.17-rc1", "--json").out());
        assertEquals("x86/linux-6.16/generic-x86", at(doc, "comparisons", 0, "baseline"));
        assertEquals(2, Cli.run("compare", trace.toString(), "--strategy", "linux-6.16").code());
    }

    @Test
    void comparePairsByArchAndWritesTheReplayFiles(@TempDir Path dir) throws IOException {
        Path trace = Traces.write(dir.resolve("m.ptrace"), Traces.move1m());
        Path folded = dir.resolve("f.folded");
        Path html = dir.resolve("r.html");
        String out = ok("compare", trace.toString(), "--arch", "x86,arm64", "--baseline", "linux-6.16",
                "--strategy", "linux-6.17-rc1", "--folded", folded.toString(), "--report", html.toString()).out();
        assertTrue(out.contains("linux-6.17-rc1 vs linux-6.16 (baseline) on x86, profile generic-x86\n"), out);
        assertTrue(out.contains("linux-6.17-rc1 vs linux-6.16 (baseline) on arm64, profile generic-arm64\n"), out);
        assertTrue(Files.readString(folded).contains("arm64/linux-6.17-rc1/generic-arm64;" + VNF + " "));
        String page = Files.readString(html);
        // In the report too, each arch against its own baseline.
        String differences = page.substring(page.indexOf("id=\"differences\""), page.indexOf("id=\"flame\""));
        // Each profile belongs to one arch, so the labels leave it out (the cells table names it).
        assertTrue(differences.contains("arm64 · linux-6.17-rc1 vs arm64 · linux-6.16</h3>"), differences);
        assertTrue(differences.contains("x86 · linux-6.17-rc1 vs x86 · linux-6.16</h3>"), differences);
    }

    @Test
    void compareLimitAllAndCsv(@TempDir Path dir) throws IOException {
        Path trace = Traces.write(dir.resolve("m.ptrace"), Traces.move1m());
        String[] base = {"compare", trace.toString(), "--baseline", "linux-6.16", "--strategy", "linux-6.17-rc1"};
        String one = ok(concat(base, "--limit", "1")).out();
        String syscalls = one.substring(one.indexOf("by syscall:"), one.indexOf("by path"));
        // header, one row (with its count deltas), then how many more
        assertTrue(syscalls.contains("(4 more: --all or --json)"), syscalls);
        String all = ok(concat(base, "--all")).out();
        String every = all.substring(all.indexOf("by syscall:"), all.indexOf("by path"));
        for (String kind : List.of("mremap", "munmap", "exit", "mmap", "touch")) {
            assertTrue(every.contains("  " + kind), every);
        }
        assertTrue(!every.contains("more:"), every);
        assertEquals(2, Cli.run(concat(base, "--limit", "0")).code());

        List<String> rows = ok(concat(base, "--csv")).out().lines().toList();
        assertEquals(CompareCsv.HEADER, rows.get(0));
        String vnf = rows.stream().filter(r -> r.contains(",path," + VNF + ",")).findFirst().orElseThrow();
        String[] f = vnf.split(",");
        assertEquals(List.of("x86/linux-6.16/generic-x86", "x86/linux-6.17-rc1/generic-x86", "path", VNF, "0"), List.of(f).subList(0, 5));
        assertEquals(f[5], f[6]);
        assertEquals("SP_R:+255", f[7]);
    }

    @Test
    void diffComparesTwoSavedDocumentsWithoutTheTrace(@TempDir Path dir) throws IOException {
        Path trace = Traces.write(dir.resolve("m.ptrace"), Traces.move1m());
        Path a = dir.resolve("a.json");
        Path b = dir.resolve("b.json");
        Files.writeString(a, ok("replay", trace.toString(), "--arch", "x86,arm64", "--strategy", "linux-6.16", "--json").out());
        Files.writeString(b, ok("replay", trace.toString(), "--arch", "x86,arm64", "--strategy", "linux-6.17-rc1", "--json").out());
        Object compared = JsonReader.parse(ok("compare", trace.toString(), "--arch", "x86,arm64", "--baseline", "linux-6.16",
                "--strategy", "linux-6.17-rc1", "--json").out());
        Files.delete(trace);
        String out = ok("diff", a.toString(), b.toString()).out();
        assertTrue(out.contains("x86/linux-6.17-rc1/generic-x86 (new) vs x86/linux-6.16/generic-x86 (baseline)\n"), out);
        assertTrue(out.contains("arm64/linux-6.17-rc1/generic-arm64 (new) vs arm64/linux-6.16/generic-arm64 (baseline)\n"), out);
        assertTrue(out.contains("count deltas: SP_R +255"), out);

        Object doc = JsonReader.parse(ok("diff", a.toString(), b.toString(), "--json").out());
        assertEquals(List.of(), at(doc, "unmatched_cells"));
        assertEquals("arm64/linux-6.16/generic-arm64", at(doc, "comparisons", 1, "baseline"));
        // The same pairs and rows as compare ranks from one replay of both strategies.
        assertEquals(at(compared, "comparisons"), at(doc, "comparisons"));
    }

    @Test
    void diffSaysWhichDocumentIsBad(@TempDir Path dir) throws IOException {
        Path good = dir.resolve("good.json");
        Files.writeString(good, ok("replay", Traces.write(dir.resolve("m.ptrace"), Traces.move1m()).toString(), "--json").out());
        Path truncated = dir.resolve("cut.json");
        Files.writeString(truncated, Files.readString(good).substring(0, 200));
        Cli.Run r = Cli.run("diff", good.toString(), truncated.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().startsWith("ptreplay: " + truncated + ": not a replay document (bad JSON at offset "), r.err());
        Path noCells = dir.resolve("summary.json");
        Files.writeString(noCells, "{\"events\": 3}");
        r = Cli.run("diff", noCells.toString(), good.toString());
        assertEquals(1, r.code());
        assertEquals("ptreplay: " + noCells + ": not a replay document (the report tree has no \"cells\")\n", r.err());
        assertEquals(1, Cli.run("diff", good.toString(), dir.resolve("missing.json").toString()).code());
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
