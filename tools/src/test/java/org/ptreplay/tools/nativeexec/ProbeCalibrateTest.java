package org.ptreplay.tools.nativeexec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The probe's calibrate, run for real once at the smallest scale (one round, 16 MiB of memory):
 * every sample the profile writer reads comes out, in its unit and range. The values are this
 * machine's and are not checked; CalibratedProfileTest checks the arithmetic on fixed samples.
 * Linux with a C compiler only: skipped, and says so, elsewhere.
 */
class ProbeCalibrateTest {

    @Test
    void oneRoundGivesEverySampleTheProfileWriterReads(@TempDir Path cache) throws Exception {
        assumeTrue(System.getProperty("os.name").equals("Linux"), "skipped: the native probe needs Linux");
        assumeTrue(Probe.compiler(System.getenv()).isPresent(), "skipped: no C compiler (cc, gcc, clang) on the PATH");
        Probe probe = Probe.obtain(Map.of("PATH", System.getenv("PATH"), "XDG_CACHE_HOME", cache.toString()));
        Map<String, List<String[]>> samples = new HashMap<>();
        List<String> errors = new ArrayList<>();
        int status = probe.run(List.of("calibrate", "1", "1"), Map.of("PTREPLAY_MEM", Long.toString(16L << 20)), line -> {
            String[] w = line.split(" ");
            if (w[0].equals("sample")) {
                samples.computeIfAbsent(w[1], k -> new ArrayList<>()).add(w);
            } else if (w[0].equals("error")) {
                errors.add(line);
            }
        });
        assertEquals(0, status, errors.toString());
        for (String name : List.of("mprotect.1.empty", "mprotect.1.mapped", "mprotect.64.empty", "mprotect.64.mapped",
                "mprotect.128.empty", "mprotect.128.mapped", "mprotect.512.empty", "mprotect.512.mapped", "mremap.1.empty", "mremap.1.mapped", "mremap.64.empty", "mremap.64.one", "dontneed.1.empty",
                "dontneed.1.mapped", "fault", "syscall", "latency.memory", "latency.memory.4k", "mremap.tables.8.empty",
                "mremap.tables.8.one", "mremap.tables.64.empty", "mremap.tables.64.one", "fault.wp_reuse",
                "mremap.small.8.empty", "mremap.small.8.one", "mremap.small.64.empty", "mremap.small.64.one")) {
            assertTrue(samples.containsKey(name), name + " missing: " + samples.keySet());
            String[] w = samples.get(name).get(0);
            assertEquals("ns", w[2], name);
            double v = Double.parseDouble(w[3]);
            assertTrue(v > 0 && Double.isFinite(v), name + " = " + v);
        }
        // Guard markers exist from Linux 6.13; before it the guard twins of the one-page-extent moves do not come out.
        for (String name : List.of("mremap.small.8.guard", "mremap.small.64.guard")) {
            for (String[] w : samples.getOrDefault(name, List.of())) {
                assertEquals("ns", w[2], name);
                assertTrue(Double.parseDouble(w[3]) > 0, name + " = " + w[3]);
            }
        }
        // The huge-page chase's buffer: what share of it THP mapped huge (0 where THP is off).
        for (String[] w : samples.getOrDefault("latency.memory.huge_share", List.of())) {
            assertEquals("share", w[2]);
            double share = Double.parseDouble(w[3]);
            assertTrue(share >= 0 && share <= 1, "huge share " + share);
        }
        // The PMD leaves' samples: the mprotect toggles always, clear_refs' where the file can be written;
        // each with the share of its mapping that was PMD-mapped (0 where THP is off).
        for (String name : List.of("leaf_mprotect.34", "leaf_mprotect.68", "leaf_refs.34", "leaf_refs.68")) {
            if (name.startsWith("leaf_mprotect")) {
                assertTrue(samples.containsKey(name), name + " missing: " + samples.keySet());
            }
            for (String[] w : samples.getOrDefault(name, List.of())) {
                assertEquals("ns", w[2], name);
                assertTrue(Double.parseDouble(w[3]) > 0, name + " = " + w[3]);
            }
            for (String[] w : samples.getOrDefault(name + ".huge_share", List.of())) {
                assertEquals("share", w[2], name);
                double share = Double.parseDouble(w[3]);
                assertTrue(share >= 0 && share <= 1, name + " huge share " + share);
            }
        }
        // MADV_POPULATE_WRITE exists from Linux 5.14; before it neither fill sample comes out.
        if (samples.containsKey("shadow_fill.whole_tables")) {
            for (String[] w : samples.get("shadow_fill.whole_tables")) {
                assertEquals("share", w[2]);
                double share = Double.parseDouble(w[3]);
                assertTrue(share >= 0 && share <= 1, "share " + share);
            }
        }
        if (samples.containsKey("shadow_fill")) {
            String[] w = samples.get("shadow_fill").get(0);
            assertEquals("ns", w[2]);
            double fill = Double.parseDouble(w[3]);
            // 0 when no write trapped (bare metal), else a trapped write's excess: more than the 1 us threshold.
            assertTrue(fill == 0 || fill > 1000, "shadow_fill " + fill);
        }
    }
}
