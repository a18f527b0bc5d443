package org.ptreplay.tools.local;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What {@code validate --local} runs: fork-bench and munmap-bench (whose touches are the populate
 * figures) at 4K, 16K, 64K, 1M and 2M folios, mremap-large unaligned, PMD- and PUD-aligned, and
 * Dev Jain's mremap loop at 4K and 64K; and the figures formed from them. The folio sizes are the
 * published cases' (David Hildenbrand's fork and zap series, Ryan Roberts' contpte, Dev Jain's
 * loop); 2M is PMD-mapped here, the kernel's default for a 2 MiB THP.
 */
public final class LocalCases {
    /** The folio sizes and the THP settings that give them; 4K is the kernel default (no THP without madvise). */
    static final Map<String, String> FOLIOS = Map.of("4K", "", "16K", "16K=always", "64K", "64K=always",
            "1M", "1024K=always", "2M", "2048K=always");
    static final List<String> LARGE = List.of("16K", "64K", "1M", "2M");
    static final List<String> ALIGNS = List.of("unaligned", "pmd", "pud");
    static final int MOVES = 2;
    static final int JAIN_ITERATIONS = 500;

    private LocalCases() {
    }

    public static List<Workload> workloads(long sizeBytes) {
        String size = (sizeBytes >> 20) + "M";
        List<Workload> out = new ArrayList<>();
        for (String op : List.of("fork", "munmap")) {
            for (String folio : folioOrder()) {
                out.add(new Workload(op + "-" + folio, op + "-bench", Map.of("size", size), FOLIOS.get(folio)));
            }
        }
        for (String align : ALIGNS) {
            out.add(new Workload("mremap-" + align, "mremap-large",
                    Map.of("size", size, "align", align, "moves", Integer.toString(MOVES)), ""));
        }
        out.add(new Workload("jain-4K", "jain-mremap", Map.of("iterations", Integer.toString(JAIN_ITERATIONS)), ""));
        out.add(new Workload("jain-64K", "jain-mremap", Map.of("iterations", Integer.toString(JAIN_ITERATIONS)), "64K=always"));
        return out;
    }

    public static List<LocalFigure> figures(long sizeBytes) {
        double ptes = sizeBytes / 4096.0;
        List<LocalFigure> out = new ArrayList<>();
        addOp(out, "fork", "fork", "fork", ptes);
        addOp(out, "munmap", "munmap", "munmap", ptes);
        addOp(out, "populate", "munmap", "touch", ptes);
        out.add(new LocalFigure("mremap unaligned ns/PTE", "mremap-large unaligned: mremap time per move / PTEs moved", false,
                t -> t.ns("mremap-unaligned", "mremap") / MOVES / ptes));
        out.add(new LocalFigure("mremap pmd/unaligned", "mremap time, PMD-aligned over unaligned (page-table moves against per-PTE moves)",
                true, t -> t.ns("mremap-pmd", "mremap") / t.ns("mremap-unaligned", "mremap")));
        out.add(new LocalFigure("mremap pud/pmd", "mremap time, PUD-aligned over PMD-aligned", true,
                t -> t.ns("mremap-pud", "mremap") / t.ns("mremap-pmd", "mremap")));
        out.add(new LocalFigure("jain 4K us/iteration", "jain-mremap at 4K: timed calls and faults per iteration, in us", false,
                t -> t.total("jain-4K") / JAIN_ITERATIONS / 1000));
        out.add(new LocalFigure("jain 64K/4K", "jain-mremap loop time (calls and faults), 64K folios over 4K", true,
                t -> t.total("jain-64K") / t.total("jain-4K")));
        return out;
    }

    private static void addOp(List<LocalFigure> out, String name, String workload, String kind, double ptes) {
        out.add(new LocalFigure(name + " 4K ns/PTE", String.format(Locale.ROOT, "%s-bench at 4K: %s time / PTEs", workload, kind),
                false, t -> t.ns(workload + "-4K", kind) / ptes));
        for (String folio : LARGE) {
            out.add(new LocalFigure(name + " " + folio + "/4K", String.format(Locale.ROOT,
                    "%s time of %s-bench, %s folios over 4K", kind, workload, folio), true,
                    t -> t.ns(workload + "-" + folio, kind) / t.ns(workload + "-4K", kind)));
        }
    }

    private static List<String> folioOrder() {
        List<String> order = new ArrayList<>(List.of("4K"));
        order.addAll(LARGE);
        return order;
    }
}
