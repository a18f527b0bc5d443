package org.ptreplay.tools;

import org.ptreplay.tools.plugin.PluginLoader;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ptreplay.spi.Spi;
import org.ptreplay.spi.WorkloadGenerator;
import org.ptreplay.spi.loader.Providers;
import org.ptreplay.spi.loader.ProviderKind;
import org.ptreplay.trace.Codec;
import org.ptreplay.trace.TraceEvent;
import org.ptreplay.trace.TraceHeader;
import org.ptreplay.trace.TextTrace;
import org.ptreplay.trace.TraceReader;

/** {@code ptreplay generate} as a user runs it: files, header, exit codes and messages. */
class GenerateCommandTest {
    private static final String NL = System.lineSeparator();

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err), Map.of());
        return new Run(code, out.toString(), err.toString());
    }

    private record Trace(TraceHeader header, Codec codec, List<TraceEvent> events) {
    }

    private static Trace read(Path file) throws IOException {
        try (TraceReader r = TraceReader.open(file)) {
            List<TraceEvent> events = new ArrayList<>();
            for (TraceEvent e; (e = r.next()) != null; ) {
                events.add(e);
            }
            return new Trace(r.header(), r.codec(), events);
        }
    }

    @Test
    void writesTheEventsWithTheirParametersInTheHeader(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("jain.trace");
        Run run = run("generate", "jain-mremap", "--param", "iterations=2", "-o", out.toString());
        assertEquals(0, run.code(), run.err());
        assertEquals("", run.err());
        assertEquals("wrote 8 events to " + out + " (jain-mremap; recommended THP: 64K=always)" + NL, run.out());
        Trace t = read(out);
        assertEquals(Codec.ZSTD, t.codec());
        assertTrue(t.header().producer().startsWith("ptreplay "), t.header().producer());
        assertEquals(TraceHeader.SourceKind.GENERATOR, t.header().source().kind());
        assertEquals("jain-mremap", t.header().source().detail());
        assertEquals(Map.of("iterations", "2", "size", "1M", "recommended-thp", "64K=always"), t.header().source().params());
        assertEquals(TraceHeader.Machine.UNKNOWN, t.header().machine());
        assertEquals(8, t.header().eventCountHint(), "a counting pass gives the total (issue 16, item 5)");
        WorkloadGenerator jain = PluginLoader.load(List.of()).require(ProviderKind.WORKLOAD, "jain-mremap");
        List<TraceEvent> expected = new ArrayList<>();
        jain.generate(Map.of("iterations", "2"), expected::add);
        assertEquals(expected, t.events());
    }

    /** Every built-in generator recommends THP settings, per folio size where that is the point (issue 16, item 6). */
    @Test
    void everyGeneratorRecommendsThp(@TempDir Path dir) throws IOException {
        String list = run("generate", "--list").out();
        for (String name : PluginLoader.load(List.of()).names(ProviderKind.WORKLOAD)) {
            Path out = dir.resolve(name + ".ptrace");
            Run run = run("generate", name, "-p", "size=64K", "-o", out.toString());
            if (run.code() != 0) {
                run = run("generate", name, "-o", out.toString());
            }
            assertEquals(0, run.code(), name + ": " + run.err());
            String thp = read(out).header().source().params().get("recommended-thp");
            assertTrue(thp != null && !thp.isEmpty(), name + " recommends no THP settings");
            for (String item : thp.split("; ")) {
                org.ptreplay.core.value.ThpSpec.parse(item.contains(": ") ? item.substring(item.indexOf(": ") + 2) : item);
            }
            // The listing wraps a long recommendation to the width: compare with the line breaks folded.
            assertTrue(list.replaceAll("\n +", " ").contains("recommended THP: " + thp), list);
        }
        assertTrue(list.contains("2M: enabled=always"), list);
    }

    @Test
    void theSameParametersGiveByteIdenticalFiles(@TempDir Path dir) throws IOException {
        Path a = dir.resolve("a.trace");
        Path b = dir.resolve("b.trace");
        assertEquals(0, run("generate", "bigheap", "-p", "limit=4M", "-p", "cycles=2", "-o", a.toString()).code());
        assertEquals(0, run("generate", "bigheap", "-p", "cycles=2", "-p", "limit=4M", "-o", b.toString()).code());
        assertEquals(-1, Files.mismatch(a, b));
    }

    @Test
    void theCodecIsSelectable(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("fork.trace");
        assertEquals(0, run("generate", "fork-bench", "-p", "size=64K", "--codec", "none", "-o", out.toString()).code());
        Trace t = read(out);
        assertEquals(Codec.NONE, t.codec());
        assertEquals(4, t.events().size());
        assertEquals(Map.of("pte-map", "no", "size", "64K", "recommended-thp", 
                "4K: enabled=never; 16K: enabled=never,16K=always; 32K: enabled=never,32K=always; 64K: enabled=never,64K=always;"
                + " 128K: enabled=never,128K=always; 256K: enabled=never,256K=always; 512K: enabled=never,512K=always;"
                + " 1M: enabled=never,1M=always; 2M: enabled=always"),
                t.header().source().params());
    }

    @Test
    void aBadParameterIsAUsageErrorAndLeavesOutUntouched(@TempDir Path dir) throws IOException {
        Path out = Files.writeString(dir.resolve("keep.trace"), "previous contents");
        Run run = run("generate", "jain-mremap", "-p", "itertions=3", "-o", out.toString());
        assertEquals(2, run.code());
        assertEquals("", run.out());
        assertEquals("ptreplay: unknown parameter 'itertions' for jain-mremap (did you mean 'iterations'?);"
                + " parameters: iterations, size." + NL, run.err());
        assertEquals("previous contents", Files.readString(out));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(out), files.toList(), "no temporary file is left behind");
        }
    }

    @Test
    void badValuesSayWhatIsWrong(@TempDir Path dir) {
        String out = dir.resolve("x.trace").toString();
        assertEquals("ptreplay: size=1Q is not a size; write a whole number with an optional unit K, M, G or T"
                + " (1024-based), e.g. 1G." + NL, run("generate", "munmap-bench", "-p", "size=1Q", "-o", out).err());
        assertEquals("ptreplay: growth=128M is out of range for bigheap; allowed: 4K to 64M." + NL,
                run("generate", "bigheap", "-p", "growth=128M", "-o", out).err());
        assertEquals("ptreplay: --param 'size' is not of the form NAME=VALUE" + NL,
                run("generate", "munmap-bench", "-p", "size", "-o", out).err());
        assertEquals("ptreplay: parameter 'size' is given twice" + NL,
                run("generate", "munmap-bench", "-p", "size=1M", "-p", "size=2M", "-o", out).err());
        assertEquals(2, run("generate", "mremap-large", "-p", "align=pdu", "-o", out).code());
        assertFalse(Files.exists(Path.of(out)));
    }

    @Test
    void usageErrorsNameWhatIsMissing(@TempDir Path dir) {
        String out = dir.resolve("x.trace").toString();
        Run unknown = run("generate", "bigheep", "-o", out);
        assertEquals(2, unknown.code());
        assertEquals("ptreplay: unknown workload 'bigheep' (did you mean 'bigheap'?); usable workloads: bigheap,"
                + " fork-bench, jain-mprotect, jain-mremap, mremap-large, munmap-bench" + NL, unknown.err());
        Run noName = run("generate", "-o", out);
        assertEquals(2, noName.code());
        assertEquals("ptreplay: generate needs a workload NAME; workloads: bigheap, fork-bench, jain-mprotect,"
                + " jain-mremap, mremap-large, munmap-bench" + NL, noName.err());
        assertEquals("ptreplay: generate needs -o OUT, the trace file to write" + NL, run("generate", "bigheap").err());
        assertEquals("ptreplay: unknown codec 'zst' (did you mean 'zstd'?); codecs: zstd, xz, gzip, none" + NL,
                run("generate", "bigheap", "--codec", "zst", "-o", out).err());
    }

    @Test
    void aTxtOutputGetsTheTextFormWithTheSameEvents(@TempDir Path dir) throws IOException {
        Path bin = dir.resolve("j.ptrace");
        Path txt = dir.resolve("j.txt");
        assertEquals(0, run("generate", "jain-mremap", "-p", "iterations=1", "-o", bin.toString()).code());
        assertEquals(0, run("generate", "jain-mremap", "-p", "iterations=1", "-o", txt.toString()).code());
        List<TraceEvent> fromBinary = new ArrayList<>();
        try (TraceReader r = TraceReader.open(bin)) {
            for (TraceEvent e; (e = r.next()) != null; ) {
                fromBinary.add(e);
            }
        }
        // One iteration: mmap, touch, mremap, munmap.
        assertEquals(4, fromBinary.size());
        assertEquals(fromBinary, TextTrace.parse(txt).events());
    }

    @Test
    void anUnwritableOutputIsAFailure(@TempDir Path dir) {
        Path out = dir.resolve("missing").resolve("x.trace");
        Run run = run("generate", "munmap-bench", "-o", out.toString());
        assertEquals(1, run.code());
        assertEquals("ptreplay: " + out + ": cannot write: directory " + out.getParent() + " does not exist." + NL, run.err());
    }

    @Test
    void listShowsEveryGeneratorWithItsParameters() {
        Run run = run("generate", "--list");
        assertEquals(0, run.code(), run.err());
        for (String name : List.of("bigheap", "fork-bench", "jain-mprotect", "jain-mremap", "mremap-large", "munmap-bench")) {
            assertTrue(run.out().contains("\n" + name + ": ") || run.out().startsWith(name + ": "), name);
        }
        assertTrue(run.out().contains("  recommended THP: 64K=always\n"), run.out());
        assertTrue(run.out().matches("(?s).*\\n  align +pmd +pud: both 1 GiB aligned.*\\[pud\\|pmd\\|unaligned\\]\\n.*"), run.out());
    }

    @Test
    void listOfOneGenerator() {
        Run run = run("generate", "--list", "bigheap");
        assertEquals(0, run.code(), run.err());
        assertEquals("""
                bigheap: stress-ng bigheap on glibc: grow one allocation by realloc, touch, reset at limit
                  recommended THP: enabled=madvise
                  PARAMETER  DEFAULT  DESCRIPTION
                  growth     64K      bytes added per call (stress-ng --bigheap-growth) (4K to 64M, a multiple of
                                      4K)
                  limit      1G       reset (free, malloc_trim) once the size exceeds this (stress-ng
                                      --bigheap-bytes) (64K to 64G)
                  cycles     1        runs from the first malloc to the reset (1 to 1000)
                  arch       x86      address-space layout: x86 (47-bit user VA) or arm64 (48-bit) [x86|arm64]
                """, run.out());
    }

    @Test
    void pluginsListsTheGeneratorsAsBuiltInWorkloads() {
        Run run = run("plugins", "--long");
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().lines().anyMatch(l -> l.matches("workload +bigheap +ok +1\\.0 +" + Pattern.quote(Spi.VERSION)
                + " +org\\.ptreplay\\.tools +built-in .*")),
                run.out());
    }
}
