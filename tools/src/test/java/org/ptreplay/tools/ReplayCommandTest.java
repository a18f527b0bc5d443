package org.ptreplay.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ptreplay.tools.replay.CsvOutput;
import org.ptreplay.tools.text.Json;
import org.ptreplay.tools.text.JsonReader;

/** {@code replay} and {@code compare} as a user runs them, on traces written by {@link Traces}. */
class ReplayCommandTest {

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err), Map.of());
        return new Run(code, out.toString(), err.toString());
    }

    static Run ok(String... args) {
        Run r = run(args);
        assertEquals(0, r.code(), r.err());
        return r;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> json(String text) {
        return (Map<String, Object>) JsonReader.parse(text);
    }

    @SuppressWarnings("unchecked")
    static Object at(Object tree, Object... path) {
        Object o = tree;
        for (Object key : path) {
            o = key instanceof Integer i ? ((List<Object>) o).get(i) : ((Map<String, Object>) o).get((String) key);
        }
        return o;
    }

    /** The document without {@code host} (not deterministic) and with the trace's path replaced, re-serialised. */
    static String canonical(String jsonText) {
        Map<String, Object> root = json(jsonText);
        root.remove("host");
        @SuppressWarnings("unchecked")
        Map<String, Object> trace = (Map<String, Object>) root.get("trace");
        trace.put("file", "TRACE");
        return Json.write(root);
    }

    /**
     * x86, generic-x86, the 1 MiB move of {@link Traces#move1m()} under linux-6.16 and
     * linux-6.17-rc1, compared byte for byte with the checked-in document. Key counts, by hand:
     * <ul>
     *   <li>move_ptes runs once over 256 present PTEs (one extent: 1 MiB, both ends in one PMD).
     *       6.16 moves them per PTE: no folio lookup, 0 {@code SP_R} under move_ptes. 6.17-rc1
     *       (f822a9a81a31) calls mremap_folio_pte_batch for each present PTE; with 4K folios x86
     *       batches nothing, and the lookup is skipped only when one PTE is left in the extent:
     *       255 {@code SP_R} under {@code mremap;move_page_tables;move_ptes;mremap_folio_pte_batch;vm_normal_folio}.</li>
     *   <li>both move 256 entries, fault 256 (the write touch) and zap 256 (munmap).</li>
     *   <li>linux-6.16 and -rc1 enable INVLPGB, but generic-x86 lists no INVLPGB (an Intel-like
     *       core): the effective option is off, with a note.</li>
     * </ul>
     */
    @Test
    void aTextTraceReplaysAsItIs(@TempDir Path dir) throws IOException {
        // A bug report in the text form: map 64 KiB, write it, unmap it. 16 order-0 write faults
        // (THP off by default for 64K), so 16 entries faulted and 16 zapped.
        Path trace = dir.resolve("report.txt");
        Files.writeString(trace, String.join("\n",
                "@format 1",
                "100 mmap 0x40000000 64K prot=rw flags=MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED = 0x40000000",
                "100 touch 0x40000000 64K write",
                "100 munmap 0x40000000 64K = 0",
                ""));
        Map<String, Object> doc = json(ok("replay", trace.toString(), "--json").out());
        assertEquals(16L, at(doc, "cells", 0, "metrics", "ptes_faulted"));
        assertEquals(16L, at(doc, "cells", 0, "metrics", "ptes_zapped"));
    }

    @Test
    void reportWritesTheSameResultAsAPage(@TempDir Path dir) throws IOException {
        Path trace = dir.resolve("move.txt");
        Files.writeString(trace, String.join("\n",
                "@format 1",
                "100 mmap 0x40000000 1M prot=rw flags=MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED = 0x40000000",
                "100 touch 0x40000000 1M write",
                "100 mremap 0x40000000 1M 1M flags=maymove|fixed new=0x40100000 = 0x40100000",
                ""));
        Path html = dir.resolve("r.html");
        ok("replay", trace.toString(), "--strategy", "linux-6.16,linux-6.17-rc1", "--report", html.toString());
        String page = Files.readString(html);
        assertTrue(page.startsWith("<!DOCTYPE html>"), page.substring(0, Math.min(80, page.length())));
        assertTrue(page.contains("linux-6.17-rc1") && page.contains("<svg"));
        // rc1's only new cost on x86 is the folio lookup: the top changed path names it.
        assertTrue(page.contains("vm_normal_folio"));
    }

    @Test
    void goldenJsonForA1MiBMove(@TempDir Path dir) throws IOException {
        Path trace = Traces.write(dir.resolve("move1m.ptrace"), Traces.move1m());
        Run r = ok("replay", trace.toString(), "--arch", "x86", "--strategy", "linux-6.16,linux-6.17-rc1",
                "--profile", "generic-x86", "--threads", "1", "--json");
        Map<String, Object> doc = json(r.out());
        String vnf = "mremap;move_page_tables;move_ptes;mremap_folio_pte_batch;vm_normal_folio";
        assertEquals(null, at(doc, "cells", 0, "by_path", vnf));
        assertEquals(255L, at(doc, "cells", 1, "by_path", vnf, "counts", "SP_R"));
        for (int cell = 0; cell < 2; cell++) {
            assertEquals(256L, at(doc, "cells", cell, "metrics", "ptes_moved"));
            assertEquals(256L, at(doc, "cells", cell, "metrics", "ptes_faulted"));
            assertEquals(256L, at(doc, "cells", cell, "metrics", "ptes_zapped"));
            assertEquals("off", at(doc, "cells", cell, "arch_options", "invlpgb"));
        }
        if (Boolean.getBoolean("ptreplay.golden.update")) {
            // After an intended model change: mvn ... -Dptreplay.golden.update=true, then review the diff.
            Files.writeString(Path.of("src/test/resources/org/ptreplay/tools/golden/move1m-x86.json"), canonical(r.out()));
        }
        String golden;
        try (InputStream in = getClass().getResourceAsStream("golden/move1m-x86.json")) {
            golden = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertEquals(golden, canonical(r.out()));
    }

    @Test
    void jsonIsIdenticalAcrossThreadCountsAndRuns(@TempDir Path dir) throws IOException {
        Path trace = Traces.write(dir.resolve("mixed.ptrace"), Traces.mixed(6));
        String[] args = {"replay", trace.toString(), "--arch", "x86,arm64", "--strategy", "linux-6.16,linux-6.17",
                "--profile", "raptor-lake,generic-x86,ampere-altra", "--json", "--threads"};
        String one = ok(concat(args, "1")).out();
        String four = ok(concat(args, "4")).out();
        String again = ok(concat(args, "4")).out();
        assertEquals(canonical(one), canonical(four));
        assertEquals(canonical(four), canonical(again));
        // arch, then strategy, then profile.
        List<String> labels = new ArrayList<>();
        for (Object cell : (List<?>) json(one).get("cells")) {
            labels.add((String) at(cell, "label"));
        }
        assertEquals(List.of("x86/linux-6.16/raptor-lake", "x86/linux-6.16/generic-x86", "x86/linux-6.17/raptor-lake",
                "x86/linux-6.17/generic-x86", "arm64/linux-6.16/ampere-altra", "arm64/linux-6.17/ampere-altra"), labels);
        assertEquals(6L, at(json(four), "host", "cells"));
        assertEquals(4L, at(json(four), "host", "threads"));
    }

    private static String[] concat(String[] a, String last) {
        String[] all = Arrays.copyOf(a, a.length + 1);
        all[a.length] = last;
        return all;
    }

    @Test
    void cpuFeaturesGateThePresetsArchOptions(@TempDir Path dir) throws IOException {
        Path trace = Traces.write(dir.resolve("move1m.ptrace"), Traces.move1m());
        Map<String, Object> x86 = json(ok("replay", trace.toString(), "--profile", "raptor-lake", "--json").out());
        assertEquals("linux-6.17", at(x86, "cells", 0, "strategy"));
        assertEquals("off", at(x86, "cells", 0, "arch_options", "invlpgb"));
        assertEquals(List.of("invlpgb=off: linux-6.17 would use it, but the CPU of raptor-lake lacks it"),
                at(x86, "cells", 0, "arch_notes"));

        Map<String, Object> arm = json(ok("replay", trace.toString(), "--arch", "arm64", "--profile", "ampere-altra",
                "--json").out());
        assertEquals("off", at(arm, "cells", 0, "arch_options", "bbml2"));
        assertEquals("off", at(arm, "cells", 0, "arch_options", "tlbirange"));
        assertEquals("on", at(arm, "cells", 0, "arch_options", "contpte-early-exit"), "a kernel-only option stays");

        Map<String, Object> user = json(ok("replay", trace.toString(), "--arch", "arm64:bbml2=on:granule=64k",
                "--profile", "ampere-altra", "--json").out());
        assertEquals("on", at(user, "cells", 0, "arch_options", "bbml2"));
        assertEquals("64k", at(user, "cells", 0, "arch_options", "granule"));
        assertEquals("arm64:bbml2=on:granule=64k/linux-6.17/ampere-altra", at(user, "cells", 0, "label"));
    }

    /**
     * {@code --cpus} and the arm64 contpte-basic fork (issue #12, item 5): 8 MiB of PTE-mapped
     * order-9 folios, 128 blocks of 64 KiB of which the 4 touched by the PMD split's mprotect are
     * not CONT, so the parent's write-protect unfolds 124 blocks, 16 {@code TLBI_VA} each (1,984),
     * and {@code dup_mmap} ends with one {@code TLBI_ASID}. ampere-altra prices every broadcast TLBI
     * 8.5823 ns (8,582 ps) more per CPU of the machine beyond the first: 80 CPUs against 1 add
     * 1,985 x 79 x 8,582 ps. apple-m2-vm's TLBI does not grow with the machine: the same fork costs
     * the same at 1 and 80 CPUs.
     */
    @Test
    void cpusChangeTheContpteForkOnlyWhereTheTlbiGrowsWithTheMachine(@TempDir Path dir) {
        Path trace = dir.resolve("fork.ptrace");
        ok("generate", "fork-bench", "-p", "size=8M", "-p", "pte-map=yes", "-o", trace.toString());
        Map<String, Object> altra1 = forkOn(trace, "ampere-altra", 1);
        Map<String, Object> altra80 = forkOn(trace, "ampere-altra", 80);
        assertEquals(1984L, at(altra1, "counts", "TLBI_VA"));
        assertEquals(1L, at(altra1, "counts", "TLBI_ASID"));
        assertEquals(at(altra1, "counts"), at(altra80, "counts"), "the machine's size changes prices, not counts");
        assertEquals(1985L * 79 * 8582, (long) at(altra80, "sim_ps") - (long) at(altra1, "sim_ps"));
        assertEquals(at(forkOn(trace, "apple-m2-vm", 1), "sim_ps"), at(forkOn(trace, "apple-m2-vm", 80), "sim_ps"));
    }

    private static Map<String, Object> forkOn(Path trace, String profile, int cpus) {
        Map<String, Object> doc = json(ok("replay", trace.toString(), "--arch", "arm64:contpte=basic", "--strategy",
                "linux-6.9", "--profile", profile, "--thp", "2048K=always", "--cpus", Integer.toString(cpus),
                "--json").out());
        @SuppressWarnings("unchecked")
        Map<String, Object> fork = (Map<String, Object>) at(doc, "cells", 0, "by_syscall", "fork");
        return fork;
    }

    @Test
    void theDefaultProfileIsNamed(@TempDir Path dir) throws IOException {
        Path trace = Traces.write(dir.resolve("move1m.ptrace"), Traces.move1m());
        Run r = ok("replay", trace.toString());
        assertTrue(r.out().contains("No x86 machine profile given: using generic-x86."), r.out());
        assertEquals(List.of("No x86 machine profile given: using generic-x86."),
                json(ok("replay", trace.toString(), "--json").out()).get("notes"));
    }

    @Test
    void theExamplePluginRunsAsACellNextToTheBuiltIns(@TempDir Path dir) throws IOException {
        Path plugins = Files.createDirectory(dir.resolve("plugins"));
        Files.copy(Path.of(System.getProperty("ptreplay.example.plugin.jar")), plugins.resolve("folio-cache.jar"));
        Path trace = Traces.write(dir.resolve("move1m.ptrace"), Traces.move1m());
        Map<String, Object> doc = json(ok("replay", trace.toString(), "--plugin-path", plugins.toString(),
                "--strategy", "linux-6.17,linux-6.17+move-ptes/folio-cache", "--json").out());
        assertEquals("move-ptes/hint-batch", at(doc, "cells", 0, "strategies", "move-ptes"));
        assertEquals("linux-6.17+move-ptes/folio-cache", at(doc, "cells", 1, "strategy"));
        assertEquals("move-ptes/folio-cache", at(doc, "cells", 1, "strategies", "move-ptes"));
        assertEquals(256L, at(doc, "cells", 1, "metrics", "ptes_moved"));
    }

    @Test
    void textWithTwoCellsHasDeltaAndRatioColumns(@TempDir Path dir) throws IOException {
        Path trace = Traces.write(dir.resolve("move1m.ptrace"), Traces.move1m());
        String out = ok("replay", trace.toString(), "--strategy", "linux-6.16,linux-6.17-rc1").out();
        assertTrue(out.contains("[0] x86/linux-6.16/generic-x86  (baseline)"), out);
        String mremap = out.substring(out.indexOf("\nmremap\n"));
        String header = mremap.lines().skip(2).findFirst().orElseThrow();
        assertEquals(List.of("[0]", "[1]", "delta[1]", "ratio[1]"), List.of(header.trim().split(" +")));
        String spR = mremap.lines().filter(l -> l.startsWith("SP_R ")).findFirst().orElseThrow();
        assertEquals(List.of("SP_R", "0", "255", "+255", "-"), List.of(spR.split(" +")));
        String one = ok("replay", trace.toString()).out();
        assertTrue(one.lines().noneMatch(l -> l.contains("delta[")), "one cell: no delta columns");
    }

    @Test
    void foldedLinesParseAndSumToTheCellTime(@TempDir Path dir) throws IOException {
        Path trace = Traces.write(dir.resolve("move1m.ptrace"), Traces.move1m());
        Path folded = dir.resolve("out.folded");
        String json = ok("replay", trace.toString(), "--strategy", "linux-6.16,linux-6.17-rc1", "--folded",
                folded.toString(), "--json").out();
        Pattern line = Pattern.compile("([^ ;]+)((?:;[^ ;]+)+) (\\d+)");
        long[] sum = new long[2];
        List<String> lines = Files.readAllLines(folded);
        for (String l : lines) {
            var m = line.matcher(l);
            assertTrue(m.matches(), l);
            sum[m.group(1).contains("6.17-rc1") ? 1 : 0] += Long.parseLong(m.group(3));
        }
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("x86/linux-6.17-rc1/generic-x86;mremap;move_page_tables;"
                + "move_ptes;mremap_folio_pte_batch;vm_normal_folio ")));
        for (int cell = 0; cell < 2; cell++) {
            long total = (Long) at(json(json), "cells", cell, "totals", "sim_ns");
            // Each line is rounded to whole ns: the sum is within half a ns per path of the total.
            assertTrue(Math.abs(sum[cell] - total) <= lines.size() / 2 + 1, sum[cell] + " vs " + total);
        }
    }

    @Test
    void csvHasItsHeaderAndOneRowPerPrimitive(@TempDir Path dir) throws IOException {
        Path trace = Traces.write(dir.resolve("move1m.ptrace"), Traces.move1m());
        List<String> rows = ok("replay", trace.toString(), "--strategy", "linux-6.16,linux-6.17-rc1", "--csv").out()
                .lines().toList();
        assertEquals(CsvOutput.HEADER, rows.get(0));
        assertEquals("cell,arch,strategy,profile,syscall,calls,syscall_sim_ps,primitive,count,primitive_ps", rows.get(0));
        String spR = rows.stream().filter(r -> r.startsWith("x86/linux-6.17-rc1/generic-x86,") && r.contains(",mremap,")
                && r.contains(",SP_R,")).findFirst().orElseThrow();
        assertEquals("255", spR.split(",")[8]);
        assertTrue(rows.stream().noneMatch(r -> r.startsWith("x86/linux-6.16/generic-x86,") && r.contains(",mremap,")
                && r.contains(",SP_R,")));
        assertEquals(2, run("replay", trace.toString(), "--csv", "--json").code());
    }

    @Test
    void compareNamesTheFolioLookupAsTheTopContributor(@TempDir Path dir) throws IOException {
        Path trace = Traces.write(dir.resolve("move1m.ptrace"), Traces.move1m());
        String out = ok("compare", trace.toString(), "--baseline", "linux-6.16", "--strategy", "linux-6.17-rc1",
                "--profile", "raptor-lake").out();
        String paths = out.substring(out.indexOf("by path (self time):"));
        // At 100 columns the path loses middle frames and its count deltas go on the line below.
        List<String> top = paths.lines().skip(2).limit(2).toList();
        assertTrue(top.get(0).endsWith("mremap;...;mremap_folio_pte_batch;vm_normal_folio"), paths);
        assertEquals("      count deltas: SP_R +255", top.get(1), paths);
        String prims = out.substring(out.indexOf("by primitive:"));
        assertTrue(prims.lines().skip(2).findFirst().orElseThrow().matches(" +\\+[0-9.]+ +[0-9.]+ +[0-9.]+  SP_R +\\+255"), prims);
        String wide = Cli.run(Map.of("COLUMNS", "200"), "compare", trace.toString(), "--baseline", "linux-6.16", "--strategy",
                "linux-6.17-rc1", "--profile", "raptor-lake").out();
        assertTrue(wide.matches("(?s).*  mremap;move_page_tables;move_ptes;mremap_folio_pte_batch;vm_normal_folio +SP_R \\+255\n.*"), wide);

        Map<String, Object> doc = json(ok("compare", trace.toString(), "--baseline", "linux-6.16", "--strategy",
                "linux-6.17-rc1", "--profile", "raptor-lake", "--json").out());
        assertEquals("x86/linux-6.16/raptor-lake", at(doc, "comparisons", 0, "baseline"));
        assertEquals("mremap;move_page_tables;move_ptes;mremap_folio_pte_batch;vm_normal_folio",
                at(doc, "comparisons", 0, "by_path", 0, "name"));
        // The path deltas add up to the total delta exactly.
        long sum = 0;
        for (Object row : (List<?>) at(doc, "comparisons", 0, "by_path")) {
            sum += (Long) at(row, "delta_ps");
        }
        assertEquals(at(doc, "comparisons", 0, "delta_ps"), sum);
        assertNotEquals(0L, sum);
    }

    @Test
    void aBadTraceMidReplayIsOneSentenceAndExit1(@TempDir Path dir) throws IOException {
        Path trace = Traces.write(dir.resolve("move1m.ptrace"), Traces.move1m());
        byte[] bytes = Files.readAllBytes(trace);
        // Past the 6-byte End packet (5 events) into the last event.
        Path cut = Files.write(dir.resolve("cut.ptrace"), Arrays.copyOf(bytes, bytes.length - 6 - 3));
        Run r = run("replay", cut.toString(), "--strategy", "linux-6.16,linux-6.17");
        assertEquals(1, r.code(), r.err());
        assertEquals("", r.out());
        assertTrue(r.err().startsWith("ptreplay: " + cut + ": event 4: truncated packet"), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
    }

    @Test
    void aStrictDivergenceIsOneSentenceAndExit1(@TempDir Path dir) throws IOException {
        List<org.ptreplay.trace.TraceEvent> events = new ArrayList<>(Traces.move1m());
        events.set(3, new org.ptreplay.trace.TraceEvent.Munmap(1, 0, 0x8000_0000L, Traces.MIB, -22));
        Path trace = Traces.write(dir.resolve("diverge.ptrace"), events);
        assertEquals(1L, at(json(ok("replay", trace.toString(), "--json").out()), "cells", 0, "divergence_count"));
        Run r = run("replay", trace.toString(), "--strict");
        assertEquals(1, r.code());
        assertEquals("ptreplay: " + trace + ", cell x86/linux-6.17/generic-x86: Stopped at the first divergence (strict):"
                + " event 3: munmap result was -EINVAL in the trace but 0x0 in the model.\n", r.err());
    }

    /**
     * --lazy-tlb-cpus (docs/kernel-model.md §1.5): a single-threaded mm runs on one CPU, so without
     * lazy CPUs no flush sends an IPI. The PTE flush at tlb_end_vma skips lazy CPUs; the flush of
     * tlb_finish_mmu, after free_pgtables freed the tables, reaches them: one IPI charge of 3.
     * arm64 broadcasts: its cell is unchanged and a note says so.
     */
    @Test
    void lazyTlbCpusReachX86ShootdownsOfFreedTablesOnly(@TempDir Path dir) throws IOException {
        Path trace = dir.resolve("munmap4m.txt");
        Files.writeString(trace, "mmap 0x40000000 4M prot=rw flags=private|anonymous|fixed\n"
                + "touch 0x40000000 4M write\nmunmap 0x40000000 4M\n");
        Map<String, Object> none = json(ok("replay", trace.toString(), "--arch", "x86,arm64", "--cpus", "8", "--json").out());
        Map<String, Object> lazy = json(ok("replay", trace.toString(), "--arch", "x86,arm64", "--cpus", "8",
                "--lazy-tlb-cpus", "3", "--json").out());
        assertEquals(null, at(none, "cells", 0, "totals", "counts", "IPI"));
        assertEquals(3L, at(lazy, "cells", 0, "totals", "counts", "IPI"));
        assertEquals(3L, at(lazy, "cells", 0, "lazy_tlb_cpus"));
        assertTrue((Long) at(lazy, "cells", 0, "totals", "sim_ps") > (Long) at(none, "cells", 0, "totals", "sim_ps"));
        assertEquals(at(none, "cells", 1, "totals"), at(lazy, "cells", 1, "totals"), "arm64 ignores it");
        assertTrue(((List<?>) lazy.get("notes")).contains("--lazy-tlb-cpus changes nothing on arm64: its TLBIs are"
                + " broadcast to every CPU and do not consult mm_cpumask (docs/kernel-model.md §1.5)."), lazy.get("notes").toString());
        Run negative = run("replay", trace.toString(), "--lazy-tlb-cpus", "-1");
        assertEquals(2, negative.code());
        assertEquals("ptreplay: --lazy-tlb-cpus must be 0 or more, not -1\n", negative.err());
    }

    @Test
    void unknownNamesGetDidYouMeanAndExit2(@TempDir Path dir) throws IOException {
        Path trace = Traces.write(dir.resolve("move1m.ptrace"), Traces.move1m());
        Run strategy = run("replay", trace.toString(), "--strategy", "linux-6.71");
        assertEquals(2, strategy.code());
        assertTrue(strategy.err().startsWith("ptreplay: unknown strategy or kernel preset 'linux-6.71' in strategy"
                + " argument 'linux-6.71' (did you mean 'linux-6.17'?); known names: linux-4.19, "), strategy.err());
        assertEquals(1, strategy.err().lines().count(), strategy.err());
        Run arch = run("replay", trace.toString(), "--arch", "x68");
        assertEquals(2, arch.code());
        assertTrue(arch.err().startsWith("ptreplay: unknown architecture 'x68' (did you mean 'x86'?)"), arch.err());
        Run profile = run("replay", trace.toString(), "--profile", "raptor-lak");
        assertEquals(2, profile.code());
        assertTrue(profile.err().contains("did you mean 'raptor-lake'?"), profile.err());
        Run option = run("replay", trace.toString(), "--arch", "x86:invlpg=on");
        assertEquals(2, option.code());
        assertTrue(option.err().contains("has no such option"), option.err());
        Run granule = run("replay", trace.toString(), "--arch", "arm64:grnule=64k");
        assertEquals(2, granule.code());
        assertEquals("ptreplay: cell arm64:grnule=64k/linux-6.17/generic-arm64: arch argument arm64 sets 'grnule', but"
                + " arch arm64 has no such option (did you mean 'granule'?); its options are bbml2, contpte,"
                + " contpte-early-exit, granule, kpti, tlbirange.\n", granule.err());
        Run otherArch = run("replay", trace.toString(), "--profile", "ampere-altra");
        assertEquals(2, otherArch.code());
        assertEquals("ptreplay: machine profile ampere-altra is for arch arm64, which is not replayed; add it with --arch arm64\n",
                otherArch.err());
        assertEquals(1, run("replay", dir.resolve("missing.ptrace").toString()).code());
    }
}
