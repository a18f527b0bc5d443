package org.ptreplay.strategies;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ptreplay.spi.ops.Primitive;
import org.ptreplay.core.value.Divergence;
import org.ptreplay.core.sim.Kernel;
import org.ptreplay.core.value.SimResult;
import org.ptreplay.trace.TraceEvent;
import org.ptreplay.trace.importer.ImportOptions;
import org.ptreplay.trace.importer.Populate;
import org.ptreplay.trace.importer.StraceImporter;

/**
 * The real strace recordings of examples/traces (see its README for the commands), imported with
 * populate=writable and replayed under linux-6.17 on both architectures: no exception, and an
 * exact number of divergences, all of one kind.
 *
 * <p>Where the model places mappings: the first unhinted mmap of each process teaches it the
 * randomised mmap_base, and file mappings that cover a whole PMD of the file are PMD-aligned as
 * {@code thp_get_unmapped_area} does; with both, every mmap and every mremap move lands where the
 * recording says (python-list's 64 glibc realloc mremaps included).
 *
 * <p>The divergences that remain are the model's blind spot, not its fault: right after start-up
 * ld.so write-protects the RELRO of the program and of itself ({@code mprotect(..., PROT_READ)}),
 * memory that execve mapped and strace therefore never shows, so the model answers ENOMEM. Two per
 * program run: gcc runs five (gcc, cc1, as, collect2, ld), the others one.
 */
class RealTracesReplayTest {

    private static List<TraceEvent> load(String name) throws Exception {
        Path p = Path.of(System.getProperty("basedir", ".")).resolve("../examples/traces").resolve(name).normalize();
        List<TraceEvent> events = new ArrayList<>();
        try (Reader r = Files.newBufferedReader(p, StandardCharsets.UTF_8)) {
            new StraceImporter().importTo(r, name, ImportOptions.defaults().withPopulate(Populate.WRITABLE), events::add);
        }
        return events;
    }

    @ParameterizedTest
    @CsvSource({
        "java-version.strace, 2", "gcc-hello.strace, 10", "python-list.strace, 2", "git-log.strace, 2",
        "redis-bgsave.strace, 2"})
    void replaysOnBothArchitecturesWithOnlyExecveMappingDivergences(String name, int expected) throws Exception {
        List<TraceEvent> events = load(name);
        for (String arch : List.of("x86", "arm64")) {
            Kernel k = RealKernels.kernel("linux-6.17", arch, "enabled=madvise");
            SimResult r = k.replay(events);
            assertEquals(events.size(), r.events());
            List<Divergence> ds = r.divergences();
            assertEquals(expected, ds.size(), arch + " " + name + ": " + ds);
            for (Divergence d : ds) {
                TraceEvent.Mprotect m = (TraceEvent.Mprotect) events.get((int) d.eventIndex());
                assertEquals("mprotect result", d.what(), d.describe());
                assertEquals(0, d.recorded());
                assertEquals(-12, d.model(), "ENOMEM: " + d.describe());
                assertTrue(m.prot() == 1, "RELRO is made read-only: " + m);
            }
            // One SYSCALL per syscall event: every event was replayed as a syscall or a touch.
            assertEquals(events.stream().filter(e -> !(e instanceof TraceEvent.Touch)).count(),
                    r.ledger().totals().get(Primitive.SYSCALL));
        }
    }
}
