package org.ptreplay.tools.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Hand-built replay trees in the shape the replay engine writes ({@code ReplayDocument}), for the
 * report tests.
 *
 * <p>The workload is bigheap-like on x86 with 4 KiB folios: 4 mmaps, 512 first-touch faults,
 * 100 mremaps of 1 MiB (256 PTEs each), one fork of the 512 pages, 4 munmaps and an exit. Every
 * primitive has one price ({@link #PRICE_PS}), so a path's time is the sum of count × price. The
 * two cells differ only where linux-6.17-rc1 differs from linux-6.16: {@code mremap_folio_pte_batch}
 * looks up the folio of every PTE but the last of each extent, 255 per 1 MiB move, so 100 moves
 * read 25,500 struct pages ({@code SP_R}); at 80 ns a read that is 2,040,000 ns more mremap time.
 * mremap costs 100 × 350 ns (SYSCALL) + 200 × 20 ns (PTL) + 25,600 × (2 + 15 + 3) ns (PTE_R,
 * PTE_XCHG, PTE_W) = 551,000 ns in linux-6.16 and 2,591,000 ns in linux-6.17-rc1.
 */
final class ReportTrees {

    static final String VM_NORMAL_FOLIO_PATH = "mremap;move_page_tables;move_ptes;mremap_folio_pte_batch;vm_normal_folio";

    /** Made-up but plausible prices, in picoseconds. */
    static final Map<String, Long> PRICE_PS = Map.ofEntries(
            Map.entry("SYSCALL", 350_000L), Map.entry("PTE_R", 2_000L), Map.entry("PTE_W", 3_000L),
            Map.entry("PTE_XCHG", 15_000L), Map.entry("SP_R", 80_000L), Map.entry("PTL", 20_000L),
            Map.entry("PAGE_ALLOC", 250_000L), Map.entry("PAGE_ZERO", 600_000L), Map.entry("PT_ALLOC", 1_200_000L),
            Map.entry("REF", 10_000L), Map.entry("MAP", 12_000L), Map.entry("INVLPG", 150_000L));

    private ReportTrees() {
    }

    /** Two x86 cells, linux-6.16 (baseline) and linux-6.17-rc1, for a trace of the given file name. */
    static SortedMap<String, Object> twoCells(String traceFile) {
        SortedMap<String, Object> root = new TreeMap<>();
        root.put("trace", map("file", traceFile, "events", 622L, "machine", map("arch", "x86_64", "page_size", 4096L)));
        root.put("cells", List.of(cell("linux-6.16", false), cell("linux-6.17-rc1", true)));
        root.put("notes", List.of());
        root.put("host", map("wall_s", 0.42, "events_per_s", 1481.0, "peak_heap_bytes", 123_456_789L));
        return root;
    }

    /**
     * Nine cells as {@code --arch x86,arm64:contpte=batched:granule=4k,arm64:contpte=off
     * --strategy linux-6.16,linux-6.17-rc1,linux-6.17 --profile raptor-lake,ampere-altra} gives:
     * three groups of three, long labels, every arch option in effect and a note per cell, which
     * is what made the cells and primitives tables wider than the page.
     */
    @SuppressWarnings("unchecked")
    static SortedMap<String, Object> nineCells(String traceFile) {
        SortedMap<String, Object> root = twoCells(traceFile);
        List<Object> cells = new ArrayList<>();
        String[][] archs = {
            {"x86", "x86", "raptor-lake", "32"},
            {"arm64:contpte=batched:granule=4k", "arm64", "ampere-altra", "80"},
            {"arm64:contpte=off", "arm64", "ampere-altra", "80"}};
        for (String[] arch : archs) {
            for (String strategy : List.of("linux-6.16", "linux-6.17-rc1", "linux-6.17")) {
                SortedMap<String, Object> cell = cell(strategy, !strategy.equals("linux-6.16"));
                cell.put("label", arch[0] + "/" + strategy + "/" + arch[2]);
                cell.put("arch", arch[1]);
                cell.put("profile", arch[2]);
                cell.put("cpus", Long.parseLong(arch[3]));
                cell.put("thp", "enabled=madvise");
                cell.put("arch_options", arch[1].equals("x86")
                        ? map("flush-ceiling", "33", "invlpgb", "off", "invlpgb-count-max", "8")
                        : map("bbml2", "off", "contpte", arch[0].contains("off") ? "off" : "batched", "granule", "4k", "kpti", "off",
                                "tlbirange", "off", "contpte-early-exit", strategy.equals("linux-6.16") ? "off" : "on"));
                cell.put("arch_notes", List.of(arch[1].equals("x86")
                        ? "invlpgb=off: " + strategy + " would use it, but the CPU of raptor-lake lacks it"
                        : "bbml2=off: " + strategy + " would use it, but the CPU of ampere-altra lacks it"));
                cells.add(cell);
            }
        }
        root.put("cells", cells);
        ((Map<String, Object>) root.get("trace")).put("machine", map("arch", "", "page_size", 0L, "cpu_count", 0L, "kernel_release", ""));
        return root;
    }

    static SortedMap<String, Object> cell(String strategy, boolean folioBatch) {
        SortedMap<String, Object> paths = new TreeMap<>();
        path(paths, "mmap", "SYSCALL", 4);
        path(paths, "fault;handle_mm_fault;do_anonymous_page", "PTE_W", 512, "PAGE_ALLOC", 512, "PAGE_ZERO", 512);
        path(paths, "fault;handle_mm_fault;__pte_alloc", "PT_ALLOC", 1);
        path(paths, "mremap", "SYSCALL", 100);
        path(paths, "mremap;move_page_tables", "PTL", 200);
        path(paths, "mremap;move_page_tables;move_ptes", "PTE_R", 25_600, "PTE_XCHG", 25_600, "PTE_W", 25_600);
        if (folioBatch) {
            path(paths, VM_NORMAL_FOLIO_PATH, "SP_R", 25_500);
        }
        path(paths, "fork", "SYSCALL", 1);
        path(paths, "fork;dup_mm;dup_mmap;copy_page_range;copy_pte_range;copy_present_ptes",
                "PTE_R", 512, "PTE_W", 512, "REF", 512, "MAP", 512);
        path(paths, "munmap", "SYSCALL", 4);
        path(paths, "munmap;do_vmi_munmap;unmap_vmas;zap_pte_range", "PTE_XCHG", 512, "REF", 512, "MAP", 512);
        path(paths, "munmap;do_vmi_munmap;tlb_finish_mmu", "INVLPG", 4);
        path(paths, "exit;mmput;exit_mmap;unmap_vmas;zap_pte_range", "PTE_XCHG", 512);

        Map<String, Long> calls = Map.of("mmap", 4L, "fault", 512L, "mremap", 100L, "fork", 1L, "munmap", 4L, "exit", 1L);
        SortedMap<String, Object> bySyscall = new TreeMap<>();
        calls.forEach((kind, n) -> {
            SortedMap<String, Object> u = sum(paths, kind);
            u.put("calls", n);
            bySyscall.put(kind, u);
        });

        SortedMap<String, Object> cell = new TreeMap<>();
        cell.put("label", "x86/" + strategy + "/x86-generic");
        cell.put("arch", "x86");
        cell.put("arch_options", map("invlpgb", "off"));
        cell.put("arch_notes", List.of());
        cell.put("strategy", strategy);
        cell.put("strategies", map("move_ptes", folioBatch ? "move-ptes/folio-batch" : "move-ptes/per-pte",
                "copy_ptes", "copy-ptes/folio-batch", "zap_ptes", "zap-ptes/folio-batch", "pgtable_move", "pgtable-move/pmd+pud"));
        cell.put("kernel_config", map());
        cell.put("profile", "x86-generic");
        cell.put("thp", "never");
        cell.put("cpus", 1L);
        cell.put("concurrency", 1L);
        cell.put("totals", sum(paths, null));
        cell.put("by_syscall", bySyscall);
        cell.put("by_path", paths);
        cell.put("metrics", map("ns_per_pte_moved", folioBatch ? 99.648 : 20.0,
                "calls_per_sim_s", map("mremap", folioBatch ? 38_595.137 : 181_488.203)));
        List<Object> divergences = new ArrayList<>();
        if (folioBatch) {
            divergences.add(map("event", 17L, "what", "mremap result", "recorded", 140_000_000L, "model", 140_100_000L,
                    "message", "event 17: mremap result was 0x8583b00 in the trace but 0x859c1a0 in the model."));
        }
        cell.put("divergences", divergences);
        cell.put("divergence_count", (long) divergences.size());
        cell.put("ignored", map());
        return cell;
    }

    /** Adds a folded path with its counts given as name, count pairs, timed at {@link #PRICE_PS}. */
    static void path(SortedMap<String, Object> paths, String stack, Object... counts) {
        SortedMap<String, Object> c = new TreeMap<>();
        long ps = 0;
        for (int i = 0; i < counts.length; i += 2) {
            long n = ((Number) counts[i + 1]).longValue();
            c.put((String) counts[i], n);
            ps += n * PRICE_PS.get((String) counts[i]);
        }
        paths.put(stack, map("sim_ns", (ps + 500) / 1000, "sim_ps", ps, "counts", c));
    }

    /** Time, counts and time per primitive summed over one syscall kind's paths, or all paths for null. */
    @SuppressWarnings("unchecked")
    private static SortedMap<String, Object> sum(SortedMap<String, Object> paths, String kind) {
        long ps = 0;
        SortedMap<String, Object> counts = new TreeMap<>();
        SortedMap<String, Object> primitivePs = new TreeMap<>();
        for (Map.Entry<String, Object> e : paths.entrySet()) {
            if (kind != null && !e.getKey().equals(kind) && !e.getKey().startsWith(kind + ";")) {
                continue;
            }
            Map<String, Object> u = (Map<String, Object>) e.getValue();
            ps += (Long) u.get("sim_ps");
            ((Map<String, Object>) u.get("counts")).forEach((p, n) -> {
                counts.merge(p, n, (a, b) -> (Long) a + (Long) b);
                primitivePs.merge(p, (Long) n * PRICE_PS.get(p), (a, b) -> (Long) a + (Long) b);
            });
        }
        return map("sim_ns", (ps + 500) / 1000, "sim_ps", ps, "counts", counts, "primitive_ps", primitivePs);
    }

    static SortedMap<String, Object> map(Object... keyValues) {
        SortedMap<String, Object> m = new TreeMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return m;
    }
}
