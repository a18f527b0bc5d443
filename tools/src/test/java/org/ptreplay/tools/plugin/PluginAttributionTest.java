package org.ptreplay.tools.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ptreplay.tools.text.JsonReader;

/**
 * A plugin strategy's charges land on the same kernel paths as a built-in's doing the same work
 * (issue 17): the SPI helpers that are kernel functions of their own ({@code vm_normal_folio},
 * {@code folio_pte_batch}) open their frames for every caller, so a plugin author enters only the
 * frames of the functions the plugin itself models.
 */
class PluginAttributionTest {

    /**
     * 6.17's move_ptes loop with the hint-gated batch (move-ptes/hint-batch without respect-write),
     * written as a plugin author would: the only frame it enters is its own mremap_folio_pte_batch.
     */
    private static final String SAME_WORK_AS_HINT_BATCH = """
            package org.example.samework;

            import org.ptreplay.spi.ops.Frame;
            import org.ptreplay.spi.ops.MovePtesContext;
            import org.ptreplay.spi.ops.Pte;
            import org.ptreplay.spi.ops.PteOps;

            public class SameWork implements org.ptreplay.spi.MovePtesStrategy {
                private static final Frame MREMAP_FOLIO_PTE_BATCH = Frame.of("mremap_folio_pte_batch");

                public String name() { return "move-ptes/same-work"; }
                public String description() { return "move-ptes/hint-batch, as a plugin"; }
                public String spiVersion() { return org.ptreplay.spi.Spi.VERSION; }

                public boolean movePtes(MovePtesContext ctx) {
                    int shift = ctx.geometry().pageShift();
                    long oldAddr = ctx.oldAddr(), newAddr = ctx.newAddr();
                    long oldPtep = ctx.oldPtep(), newPtep = ctx.newPtep();
                    boolean flush = false;
                    while (oldAddr < ctx.oldEnd()) {
                        int nr = 1;
                        long pte = ctx.ptepGet(oldPtep);
                        if (!Pte.none(pte)) {
                            if (Pte.present(pte)) {
                                ctx.ledger().enter(MREMAP_FOLIO_PTE_BATCH);
                                nr = batch(ctx, oldAddr, oldPtep, pte, (int) ((ctx.oldEnd() - oldAddr) >>> shift));
                                ctx.ledger().exit(MREMAP_FOLIO_PTE_BATCH);
                                flush = true;
                            }
                            long moved = ctx.getAndClearFullPtes(oldAddr, oldPtep, nr, false);
                            ctx.setPtes(newAddr, newPtep, ctx.moveSoftDirtyPte(moved), nr);
                        }
                        oldAddr += (long) nr << shift;
                        newAddr += (long) nr << shift;
                        oldPtep += 8L * nr;
                        newPtep += 8L * nr;
                    }
                    return flush;
                }

                private static int batch(MovePtesContext ctx, long addr, long ptep, long pte, int maxNr) {
                    if (maxNr == 1 || ctx.pteBatchHint(ptep, pte) == 1) {
                        return 1;
                    }
                    long folio = ctx.vmNormalFolio(addr, pte);
                    if (folio == PteOps.NO_FOLIO || !ctx.folioTestLarge(folio)) {
                        return 1;
                    }
                    return ctx.folioPteBatch(folio, ptep, pte, maxNr, 0);
                }
            }
            """;

    /** 1 MiB of 64K folios (contpte blocks on arm64 4K), moved: every block is looked up and batched. */
    private static final String TRACE = """
            mmap 0x4000000000 2M prot=rw flags=private|anonymous|fixed = 0x4000000000
            touch 0x4000000000 1M write
            mremap 0x4000000000 1M 1M flags=maymove|fixed new=0x5000000000 = 0x5000000000
            """;

    @Test
    void aPluginDoingTheBuiltInsWorkIsAttributedToTheSamePaths(@TempDir Path work) throws Exception {
        Path plugins = Files.createDirectories(work.resolve("plugins"));
        new PluginJars(work).build(plugins.resolve("same-work.jar"), Map.of(
                "module-info.java", PluginJars.moduleInfo("org.example.samework", "org.example.samework.SameWork"),
                "org/example/samework/SameWork.java", SAME_WORK_AS_HINT_BATCH), Map.of());
        Path trace = Files.writeString(work.resolve("move64k.txt"), TRACE);

        Map<?, ?> doc = (Map<?, ?>) JsonReader.parse(replay(work, trace, plugins, "--arch", "arm64", "--thp",
                "64K=always", "--strategy", "linux-6.17,linux-6.17+move-ptes/same-work"));
        List<?> cells = (List<?>) doc.get("cells");
        Map<?, ?> builtIn = (Map<?, ?>) ((Map<?, ?>) cells.get(0)).get("by_path");
        Map<?, ?> plugin = (Map<?, ?>) ((Map<?, ?>) cells.get(1)).get("by_path");
        String batch = "mremap;move_page_tables;move_ptes;mremap_folio_pte_batch";
        // Not vacuous: the built-in looked up and batched the 16 folios, in the helpers' frames.
        assertEquals(Map.of("SP_R", 16L), counts(builtIn, batch + ";vm_normal_folio"));
        assertTrue(builtIn.containsKey(batch + ";folio_pte_batch"), builtIn.keySet().toString());
        assertEquals(builtIn.keySet(), plugin.keySet());
        for (Object path : builtIn.keySet()) {
            assertEquals(builtIn.get(path), plugin.get(path), path.toString());
        }
    }

    private static Map<?, ?> counts(Map<?, ?> byPath, String path) {
        Map<?, ?> node = (Map<?, ?>) byPath.get(path);
        assertTrue(node != null, path + " not in " + byPath.keySet());
        return (Map<?, ?>) node.get("counts");
    }

    /** The replay on the real module path, in a JVM of its own, as PluginReplayFailureTest runs it. */
    private static String replay(Path work, Path trace, Path plugins, String... args) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path out = work.resolve("replay.json");
        List<String> command = new java.util.ArrayList<>(List.of(java.toString(), "--module-path",
                System.getProperty("jdk.module.path"), "-m", "org.ptreplay.tools/org.ptreplay.tools.Main", "replay",
                trace.toString(), "--plugin-path", plugins.toString(), "--json", "--threads", "1"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "ptreplay replay did not end");
        assertEquals(0, p.exitValue(), err);
        return Files.readString(out);
    }
}
