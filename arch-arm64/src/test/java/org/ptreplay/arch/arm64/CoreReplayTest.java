package org.ptreplay.arch.arm64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.ptreplay.core.kernel.Primitive;
import org.ptreplay.core.sim.Kernel;
import org.ptreplay.core.value.LedgerSnapshot;
import org.ptreplay.core.value.PrimitiveCounts;
import org.ptreplay.core.sim.SimConfig;
import org.ptreplay.core.value.ThpSpec;
import org.ptreplay.trace.TextTrace;

/**
 * arm64 with contpte through the real simulated kernel (core's fault, mremap and zap paths with
 * the reference per-PTE strategies), 4K granule, Linux 6.9–6.16 contpte (batched helpers, no early
 * exit, no BBML2). Each trace is a text file in {@code fixtures/} whose comment derives the counts
 * asserted here.
 */
class CoreReplayTest {
    private static final String MOVE_PTES = "mremap;move_page_tables;move_ptes";

    private static Kernel kernel(String thp) {
        return new Kernel(SimConfig.builder(new Arm64Architecture()).cpus(1).thp(ThpSpec.parse(thp)).build());
    }

    /** Replays the events of {@code fixtures/NAME.txt}, beside this class in the test resources. */
    private static void run(Kernel k, String fixture) {
        String file = "fixtures/" + fixture + ".txt";
        try (InputStream in = CoreReplayTest.class.getResourceAsStream(file)) {
            if (in == null) {
                throw new IllegalArgumentException("No test fixture " + file + " beside CoreReplayTest.");
            }
            k.replay(TextTrace.parse(new InputStreamReader(in, StandardCharsets.UTF_8), file).events());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Dev Jain's iteration with 64K folios: the per-PTE move unfolds and refolds every block. */
    @Test
    void devJainIterationWith64kFoliosUnfoldsAndRefoldsEveryBlock() {
        Kernel k = kernel("64K=always");
        run(k, "dev-jain");
        LedgerSnapshot s = k.result().ledger();
        PrimitiveCounts mp = s.inclusive(MOVE_PTES);
        assertEquals(16, mp.get(Primitive.UNFOLD));
        assertEquals(16, mp.get(Primitive.FOLD));
        assertEquals(256, s.self(MOVE_PTES).get(Primitive.PTEP_GET));
        assertEquals(256, mp.get(Primitive.PTEP_GET));
        assertEquals(16 * 80, mp.get(Primitive.PTE_R));
        assertEquals(16 * 48, mp.get(Primitive.PTE_XCHG));
        assertEquals(16 * 48, mp.get(Primitive.PTE_W));
        assertEquals(16, s.inclusive("munmap").get(Primitive.UNFOLD));
        assertEquals(0, s.inclusive("fault").get(Primitive.FOLD) + s.inclusive("fault").get(Primitive.UNFOLD));
        assertTrue(k.result().divergences().isEmpty(), k.result().divergences().toString());
    }

    /** With 4K folios nothing is ever CONT: no fold or unfold anywhere, still 256 ptep_get. */
    @Test
    void devJainIterationWith4kFoliosNeverFolds() {
        Kernel k = kernel("enabled=never");
        run(k, "dev-jain");
        LedgerSnapshot s = k.result().ledger();
        assertEquals(256, s.self(MOVE_PTES).get(Primitive.PTEP_GET));
        assertEquals(0, s.totals().get(Primitive.FOLD));
        assertEquals(0, s.totals().get(Primitive.UNFOLD));
    }

    /** munmap of one page inside a CONT block unfolds exactly that block. */
    @Test
    void partialMunmapOfAContBlockUnfoldsExactlyOneBlock() {
        Kernel k = kernel("64K=always");
        run(k, "partial-munmap-cont");
        LedgerSnapshot s = k.result().ledger();
        assertEquals(1, s.inclusive("munmap").get(Primitive.UNFOLD));
        assertEquals(0, s.inclusive("munmap").get(Primitive.FOLD));
        assertEquals(2, k.vmas(1).size());
    }

    /** mprotect on arm64 flushes every changed present entry, zero-page ones included. */
    @Test
    void mprotectFlushesEveryChangedEntry() {
        Kernel k = kernel("enabled=never");
        run(k, "mprotect-zero-pages");
        LedgerSnapshot s = k.result().ledger();
        PrimitiveCounts flush = s.inclusive("mprotect;mprotect_fixup;tlb_end_vma");
        assertEquals(16, flush.get(Primitive.TLBI_VA));
        assertEquals(1, flush.get(Primitive.DSB));
        assertEquals(16, s.self("mprotect;mprotect_fixup;change_pte_range").get(Primitive.PTE_XCHG));
    }
}
