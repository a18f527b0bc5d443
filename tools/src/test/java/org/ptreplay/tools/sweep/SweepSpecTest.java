package org.ptreplay.tools.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The grid's axes from the command line and from spec files, and its expansion into jobs. */
class SweepSpecTest {
    @TempDir
    Path tmp;

    @Test
    void aSizeListIsOnePointPerSizeAndFourKIsNoLargeFolio() {
        assertEquals(List.of(new ThpPoint("4K", ""), new ThpPoint("16K", "16K=always"), new ThpPoint("2048K", "2048K=always")),
                ThpPoint.parse("4K,16K,2048K=always"));
        assertEquals(List.of(new ThpPoint("enabled=always,2M=always", "enabled=always,2M=always")),
                ThpPoint.parse("enabled=always,2M=always"));
        assertEquals(List.of(ThpPoint.DEFAULT), ThpPoint.parse(""));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ThpPoint.parse("16K,64K"));
        assertTrue(e.getMessage().contains("needs a value after its last size"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ThpPoint.parse("16K,64K=sometimes"));
    }

    @Test
    void archAlternativesExpandInOrder() {
        assertEquals(List.of("arm64:contpte=off", "arm64:contpte=basic", "arm64:contpte=batched"),
                SweepOptions.expandAlternatives("arm64:contpte=off|basic|batched"));
        assertEquals(List.of("arm64:granule=4k:contpte=off", "arm64:granule=4k:contpte=basic",
                        "arm64:granule=64k:contpte=off", "arm64:granule=64k:contpte=basic"),
                SweepOptions.expandAlternatives("arm64:granule=4k|64k:contpte=off|basic"));
        assertEquals(List.of("x86"), SweepOptions.expandAlternatives("x86"));
    }

    @Test
    void yamlAndTextprotoSayTheSameThing() throws Exception {
        Path yaml = tmp.resolve("grid.yaml");
        Files.writeString(yaml, """
                # David Hildenbrand's fork table, small
                generate: fork-bench
                params:
                  size: [1M, 2M]   # two sizes
                  pte-map: yes
                thp:
                  - "4K,16K=always"
                cpus: [1, 8]
                strategy: [linux-6.8, 'linux-6.9']
                profile: xeon-4210r
                """);
        Path textproto = tmp.resolve("grid.textproto");
        Files.writeString(textproto, """
                generate: "fork-bench"
                param { name: "size" value: "1M" value: "2M" }
                param { name: "pte-map" value: "yes" }
                thp: "4K,16K=always"
                cpus: 1
                cpus: 8
                strategy: "linux-6.8"
                strategy: "linux-6.9"
                profile: "xeon-4210r"
                """);
        SweepSpec fromYaml = options(yaml).spec();
        assertEquals(fromYaml, options(textproto).spec());
        assertEquals("fork-bench", fromYaml.generator());
        assertEquals(Map.of("pte-map", List.of("yes"), "size", List.of("1M", "2M")), fromYaml.params());
        assertEquals(List.of(1, 8), fromYaml.cpus());
        assertEquals(List.of("x86"), fromYaml.archs());
        // Command-line options replace the file's axis.
        SweepOptions o = options(yaml);
        o.strategies = List.of("linux-6.17");
        assertEquals(List.of("linux-6.17"), o.spec().strategies());

        List<SweepJob> jobs = SweepGrid.expand(fromYaml, List::of);
        // size × thp × cpus, the last axis fastest.
        assertEquals(2 * 2 * 2, jobs.size());
        assertEquals("1M/4K/1", describe(jobs.get(0)));
        assertEquals("1M/4K/8", describe(jobs.get(1)));
        assertEquals("1M/16K/1", describe(jobs.get(2)));
        assertEquals("2M/16K/8", describe(jobs.get(7)));
        for (SweepJob j : jobs) {
            assertEquals(j, SweepJob.decode(j.encode()));
        }
        assertEquals(8, jobs.stream().map(SweepJob::id).distinct().count());
    }

    @Test
    void badSpecFilesNameTheFileAndLine() throws Exception {
        Path yaml = tmp.resolve("bad.yaml");
        Files.writeString(yaml, "generate: fork-bench\nthp: &anchor 4K\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> options(yaml).spec());
        assertTrue(e.getMessage().startsWith(yaml + ": line 2: '&'"), e.getMessage());
        Files.writeString(yaml, "generate: fork-bench\nstrategies: [linux-6.8]\n");
        e = assertThrows(IllegalArgumentException.class, () -> options(yaml).spec());
        assertTrue(e.getMessage().contains("unknown key 'strategies'"), e.getMessage());
        Path txt = tmp.resolve("bad.textproto");
        Files.writeString(txt, "generate: \"fork-bench\"\nflavour: 3\n");
        e = assertThrows(IllegalArgumentException.class, () -> options(txt).spec());
        assertTrue(e.getMessage().startsWith(txt + ": 2:1"), e.getMessage());
        Files.writeString(yaml, "thp: [\"4K,16K=always\"]\n");
        e = assertThrows(IllegalArgumentException.class, () -> options(yaml).spec());
        assertTrue(e.getMessage().contains("needs a workload generator"), e.getMessage());
    }

    private static SweepOptions options(Path spec) {
        SweepOptions o = new SweepOptions();
        o.specFile = spec;
        return o;
    }

    private static String describe(SweepJob j) {
        return j.params().get("size") + "/" + j.thp().label() + "/" + j.cpus();
    }
}
