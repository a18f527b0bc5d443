package org.ptreplay.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The text outputs fit 100 columns (the default) or $COLUMNS. */
class WidthTest {

    private static final String SIX = "linux-6.16,linux-6.17,linux-6.17-rc1,linux-6.8,linux-6.9,linux-5.11";

    static void fits(int width, Cli.Run run) {
        assertEquals(0, run.code(), run.err());
        run.out().lines().forEach(l -> assertTrue(l.codePointCount(0, l.length()) <= width, l.length() + " columns: " + l));
        assertTrue(!run.out().isEmpty());
    }

    @Test
    void replayWithSixCellsAndBothArchesFits(@TempDir Path dir) throws IOException {
        Path trace = Traces.write(dir.resolve("m.ptrace"), Traces.mixed(2));
        fits(100, Cli.run("replay", trace.toString(), "--strategy", SIX));
        fits(100, Cli.run("replay", trace.toString(), "--strategy", SIX, "--arch", "x86,arm64:granule=64k"));
        fits(60, Cli.run(Map.of("COLUMNS", "60"), "replay", trace.toString(), "--strategy", SIX));
        // A wider terminal gets one table per kind.
        String wide = Cli.run(Map.of("COLUMNS", "400"), "replay", trace.toString(), "--strategy", SIX).out();
        assertTrue(wide.lines().anyMatch(l -> l.contains("ratio[5]") && l.contains("delta[1]")), wide);
    }

    @Test
    void compareAndDiffFit(@TempDir Path dir) throws IOException {
        Path trace = Traces.write(dir.resolve("m.ptrace"), Traces.mixed(2));
        fits(100, Cli.run("compare", trace.toString(), "--strategy", SIX, "--arch", "x86,arm64", "--all"));
        fits(70, Cli.run(Map.of("COLUMNS", "70"), "compare", trace.toString(), "--strategy", SIX, "--all"));
        Path a = dir.resolve("a.json");
        Path b = dir.resolve("b.json");
        Files.writeString(a, Cli.run("replay", trace.toString(), "--strategy", "linux-6.8", "--json").out());
        Files.writeString(b, Cli.run("replay", trace.toString(), "--strategy", "linux-6.17", "--json").out());
        fits(100, Cli.run("diff", a.toString(), b.toString(), "--all"));
    }

    @Test
    void listingsFit() {
        fits(100, Cli.run("plugins"));
        fits(80, Cli.run(Map.of("COLUMNS", "80"), "plugins"));
        fits(100, Cli.run("generate", "--list"));
        fits(100, Cli.run("primitives"));
        fits(100, Cli.run("replay", "--help"));
        fits(100, Cli.run("compare", "--help"));
    }
}
