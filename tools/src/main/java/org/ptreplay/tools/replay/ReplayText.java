package org.ptreplay.tools.replay;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.ToLongFunction;
import org.ptreplay.spi.ops.Primitive;
import org.ptreplay.core.replay.CellResult;
import org.ptreplay.core.replay.ReplayOutcome;
import org.ptreplay.core.value.Divergence;
import org.ptreplay.core.value.LedgerSnapshot;
import org.ptreplay.core.value.PrimitiveCounts;
import org.ptreplay.tools.compare.Pairing;
import org.ptreplay.tools.text.Table;
import org.ptreplay.tools.text.Width;

/**
 * The human form of a replay: the cells, then one table for the totals and one per syscall kind
 * (calls, simulated time, the primitives that cost most), one column per cell. Cells are grouped
 * by arch and profile ({@link Pairing}); in each group the first cell is the baseline and every
 * other cell gets a delta and a ratio column, as in {@code perf diff}. Tables wider than the
 * width are split, a cell and its delta and ratio staying together.
 */
public final class ReplayText {
    /** Primitive rows per table: the most expensive ones in any cell. */
    static final int TOP_PRIMITIVES = 8;

    private ReplayText() {
    }

    public static String render(String traceName, Plan plan, ReplayOutcome outcome, int width) {
        StringBuilder out = new StringBuilder();
        out.append("Trace ").append(traceName).append(": ").append(outcome.events()).append(" events.\n");
        plan.notes().forEach(n -> out.append(Width.wrap(n, "", width)));
        List<CellResult> cells = outcome.cells();
        Map<String, List<Integer>> groups = new LinkedHashMap<>();
        for (int i = 0; i < cells.size(); i++) {
            groups.computeIfAbsent(group(cells.get(i)), g -> new ArrayList<>()).add(i);
        }
        out.append("\nCells:\n");
        for (int i = 0; i < cells.size(); i++) {
            CellResult c = cells.get(i);
            List<Integer> members = groups.get(group(c));
            out.append("  [").append(i).append("] ").append(c.spec().label());
            if (members.size() > 1) {
                out.append(members.get(0) == i ? "  (baseline)" : "  (vs [" + members.get(0) + "])");
            }
            out.append('\n');
            for (String note : c.archOptions().notes()) {
                out.append(Width.wrap("arch option " + note, "      ", width));
            }
            divergences(c.result().divergences(), width, out);
        }
        for (Map.Entry<String, List<Integer>> g : groups.entrySet()) {
            List<Integer> members = g.getValue();
            if (groups.size() > 1) {
                out.append("\n== ").append(g.getKey()).append(" ==\n");
            }
            out.append("\ntotal\n").append(table(cells, members, null, width));
            for (String kind : kinds(members.stream().map(cells::get).toList())) {
                out.append('\n').append(kind).append('\n').append(table(cells, members, kind, width));
            }
        }
        return out.toString();
    }

    /** How many, how many of them expected, and the first that is not (else the first). */
    private static void divergences(List<Divergence> all, int width, StringBuilder out) {
        if (all.isEmpty()) {
            return;
        }
        long expected = all.stream().filter(DivergenceText::expected).count();
        Divergence first = all.stream().filter(d -> !DivergenceText.expected(d)).findFirst().orElse(all.get(0));
        out.append(Width.wrap(all.size() + (all.size() == 1 ? " divergence" : " divergences")
                + (expected == 0 ? "" : " (" + expected + " expected)") + "; first"
                + (expected > 0 && expected < all.size() ? " unexpected" : "") + ": " + DivergenceText.describe(first), "      ", width));
    }

    private static String group(CellResult c) {
        return Pairing.group(c.spec().label(), c.spec().arch().name(), c.spec().profile().name());
    }

    /** Syscall kinds by their largest simulated time in any cell, then by name. */
    private static List<String> kinds(List<CellResult> cells) {
        Set<String> all = new TreeSet<>();
        cells.forEach(c -> all.addAll(c.result().ledger().syscalls().keySet()));
        List<String> kinds = new ArrayList<>(all);
        kinds.sort(Comparator.comparingLong((String k) -> -maxOver(cells, c -> kindPs(c, k))).thenComparing(k -> k));
        return kinds;
    }

    private static String table(List<CellResult> all, List<Integer> members, String kind, int width) {
        List<CellResult> cells = members.stream().map(all::get).toList();
        List<String> header = new ArrayList<>();
        List<Integer> bands = new ArrayList<>();
        header.add("");
        for (int i = 0; i < members.size(); i++) {
            if (i > 0) {
                bands.add(header.size());
            }
            int n = members.get(i);
            header.add("[" + n + "]");
            if (i > 0) {
                header.add("delta[" + n + "]");
                header.add("ratio[" + n + "]");
            }
        }
        // The row names and the baseline start every slice of a table too wide for one.
        Table t = new Table(header.toArray(String[]::new)).repeat(2).bands(bands.stream().mapToInt(Integer::intValue).toArray());
        if (kind != null) {
            t.row(row("calls", cells, c -> entry(c, kind) == null ? 0 : entry(c, kind).calls(), false));
        }
        t.row(row("sim time (us)", cells, c -> kind == null ? c.result().ledger().totalPs() : kindPs(c, kind), true));
        for (Primitive p : topPrimitives(cells, kind)) {
            t.row(row(p.key(), cells, c -> counts(c, kind).get(p), false));
        }
        return t.render(width);
    }

    private static String[] row(String name, List<CellResult> cells, ToLongFunction<CellResult> value, boolean time) {
        List<String> row = new ArrayList<>();
        row.add(name);
        long base = value.applyAsLong(cells.get(0));
        for (int i = 0; i < cells.size(); i++) {
            long v = value.applyAsLong(cells.get(i));
            row.add(time ? Figures.us(v) : Long.toString(v));
            if (i > 0) {
                row.add(time ? Figures.usDelta(v - base) : Figures.delta(v - base));
                row.add(Figures.ratio(v, base));
            }
        }
        return row.toArray(String[]::new);
    }

    /** The primitives with the largest time in any cell (counts break ties for unpriced ones), at most {@link #TOP_PRIMITIVES}. */
    private static List<Primitive> topPrimitives(List<CellResult> cells, String kind) {
        List<Primitive> used = new ArrayList<>();
        for (int i = 0; i < Primitive.count(); i++) {
            Primitive p = Primitive.byOrdinal(i);
            if (maxOver(cells, c -> counts(c, kind).get(p)) > 0) {
                used.add(p);
            }
        }
        used.sort(Comparator.comparingLong((Primitive p) -> -maxOver(cells, c -> primitivePs(c, kind).get(p)))
                .thenComparingLong(p -> -maxOver(cells, c -> counts(c, kind).get(p)))
                .thenComparing(Primitive::key));
        return used.subList(0, Math.min(TOP_PRIMITIVES, used.size()));
    }

    private static long maxOver(List<CellResult> cells, ToLongFunction<CellResult> f) {
        long max = 0;
        for (CellResult c : cells) {
            max = Math.max(max, f.applyAsLong(c));
        }
        return max;
    }

    private static LedgerSnapshot.KindEntry entry(CellResult c, String kind) {
        return c.result().ledger().syscalls().get(kind);
    }

    private static long kindPs(CellResult c, String kind) {
        LedgerSnapshot.KindEntry e = entry(c, kind);
        return e == null ? 0 : e.ps();
    }

    private static PrimitiveCounts counts(CellResult c, String kind) {
        if (kind == null) {
            return c.result().ledger().totals();
        }
        LedgerSnapshot.KindEntry e = entry(c, kind);
        return e == null ? PrimitiveCounts.zero() : e.counts();
    }

    private static PrimitiveCounts primitivePs(CellResult c, String kind) {
        if (kind == null) {
            return c.result().ledger().primitivePs();
        }
        LedgerSnapshot.KindEntry e = entry(c, kind);
        return e == null ? PrimitiveCounts.zero() : e.primitivePs();
    }
}
