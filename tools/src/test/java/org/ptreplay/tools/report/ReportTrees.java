package org.ptreplay.tools.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Hand-built replay trees in the shape the replay engine writes, for the report tests.
 *
 * <p>The workload is bigheap-like on x86 with 4 KiB folios: 4 mmaps, 512 first-touch faults,
 * 100 mremaps of 1 MiB (256 PTEs each), one fork of the 512 pages, 4 munmaps and an exit. The two
 * cells differ only where linux-6.17-rc1 differs from linux-6.16: {@code mremap_folio_pte_batch}
 * looks up the folio of every PTE but the last of each extent, 255 per 1 MiB move, so 100 moves
 * read 25,500 struct pages ({@code SP_R}); at 80 ns a read that is 2,040,000 ns more mremap time.
 * Per-syscall and total figures are sums over the paths, as in the engine's output.
 */
final class ReportTrees {

    static final String VM_NORMAL_FOLIO_PATH = "mremap;move_page_tables;move_ptes;mremap_folio_pte_batch;vm_normal_folio";

    private ReportTrees() {
    }

    /** Two x86 cells, linux-6.16 (baseline) and linux-6.17-rc1, for a trace of the given file name. */
    static SortedMap<String, Object> twoCells(String traceFile) {
        SortedMap<String, Object> root = new TreeMap<>();
        root.put("trace", map("file", traceFile, "events", 622L));
        root.put("cells", List.of(cell("linux-6.16", false), cell("linux-6.17-rc1", true)));
        root.put("host", map("wall_s", 0.42, "events_per_s", 1480.95, "peak_heap_bytes", 123_456_789L));
        return root;
    }

    static SortedMap<String, Object> cell(String strategy, boolean folioBatch) {
        SortedMap<String, Object> paths = new TreeMap<>();
        path(paths, "mmap", 1_200, "SYSCALL", 4);
        path(paths, "fault;handle_mm_fault;do_anonymous_page", 460_800, "PTE_W", 512, "PAGE_ALLOC", 512, "PAGE_ZERO", 512);
        path(paths, "fault;handle_mm_fault;__pte_alloc", 1_200, "PT_ALLOC", 1);
        path(paths, "mremap", 35_000, "SYSCALL", 100);
        path(paths, "mremap;move_page_tables", 4_000, "PTL", 200);
        path(paths, "mremap;move_page_tables;move_ptes", 512_000, "PTE_R", 25_600, "PTE_XCHG", 25_600, "PTE_W", 25_600);
        if (folioBatch) {
            path(paths, VM_NORMAL_FOLIO_PATH, 2_040_000, "SP_R", 25_500);
        }
        path(paths, "fork", 2_000, "SYSCALL", 1);
        path(paths, "fork;dup_mm;dup_mmap;copy_page_range;copy_pte_range;copy_present_ptes", 20_480,
                "PTE_R", 512, "PTE_W", 512, "REF", 512, "MAP", 512);
        path(paths, "munmap", 1_400, "SYSCALL", 4);
        path(paths, "munmap;do_vmi_munmap;unmap_vmas;zap_pte_range", 15_360, "PTE_XCHG", 512, "REF", 512, "MAP", 512);
        path(paths, "munmap;do_vmi_munmap;tlb_finish_mmu", 600, "INVLPG", 4);
        path(paths, "exit;mmput;exit_mmap;unmap_vmas;zap_pte_range", 10_240, "PTE_XCHG", 512);

        Map<String, Long> calls = Map.of("mmap", 4L, "fault", 512L, "mremap", 100L, "fork", 1L, "munmap", 4L, "exit", 1L);
        SortedMap<String, Object> bySyscall = new TreeMap<>();
        calls.forEach((kind, n) -> {
            SortedMap<String, Object> u = sum(paths, kind + ";", kind);
            u.put("calls", n);
            bySyscall.put(kind, u);
        });

        SortedMap<String, Object> cell = new TreeMap<>();
        cell.put("arch", "x86");
        cell.put("arch_options", map("invlpgb", false));
        cell.put("strategy", strategy);
        cell.put("strategies", map("move_ptes", folioBatch ? "move-ptes/folio-batch" : "move-ptes/per-pte",
                "copy_ptes", "copy-ptes/folio-batch", "zap_ptes", "zap-ptes/folio-batch", "pgtable_move", "pgtable-move/pmd+pud"));
        cell.put("profile", "x86-generic");
        cell.put("thp", "never");
        cell.put("cpus", 1L);
        cell.put("concurrency", 1L);
        cell.put("totals", sum(paths, "", null));
        cell.put("by_syscall", bySyscall);
        cell.put("by_path", paths);
        cell.put("metrics", map("ns_per_pte", folioBatch ? 99.6 : 20.0, "calls_per_sim_s", map("mremap", folioBatch ? 38_461.5 : 181_818.2)));
        List<Object> divergences = new ArrayList<>();
        if (folioBatch) {
            divergences.add(map("event_index", 17L, "what", "mremap result", "recorded", 140_000_000L, "model", 140_100_000L));
        }
        cell.put("divergences", divergences);
        return cell;
    }

    /** Adds a folded path with its self time and counts given as name, count pairs. */
    static void path(SortedMap<String, Object> paths, String stack, long simNs, Object... counts) {
        SortedMap<String, Object> c = new TreeMap<>();
        for (int i = 0; i < counts.length; i += 2) {
            c.put((String) counts[i], ((Number) counts[i + 1]).longValue());
        }
        paths.put(stack, map("sim_ns", simNs, "counts", c));
    }

    /** sim_ns and counts summed over the paths under a prefix (or equal to exact); all paths for "". */
    @SuppressWarnings("unchecked")
    private static SortedMap<String, Object> sum(SortedMap<String, Object> paths, String prefix, String exact) {
        long ns = 0;
        SortedMap<String, Object> counts = new TreeMap<>();
        for (Map.Entry<String, Object> e : paths.entrySet()) {
            if (!e.getKey().startsWith(prefix) && !e.getKey().equals(exact)) {
                continue;
            }
            Map<String, Object> u = (Map<String, Object>) e.getValue();
            ns += (Long) u.get("sim_ns");
            ((Map<String, Object>) u.get("counts")).forEach((p, n) -> counts.merge(p, n, (a, b) -> (Long) a + (Long) b));
        }
        return map("sim_ns", ns, "counts", counts);
    }

    static SortedMap<String, Object> map(Object... keyValues) {
        SortedMap<String, Object> m = new TreeMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return m;
    }
}
