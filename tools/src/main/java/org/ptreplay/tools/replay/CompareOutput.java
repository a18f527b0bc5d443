package org.ptreplay.tools.replay;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.ptreplay.core.replay.ReplayOutcome;
import org.ptreplay.tools.text.Table;

/**
 * {@code compare}'s two forms. The text answers "why is T slower than S" on one screen per pair:
 * the totals, the syscall kinds, then the paths and the primitives that contribute most to the
 * difference. The JSON holds every non-zero row of each pair, next to the replay's cells.
 */
public final class CompareOutput {
    /** Rows per ranking in the text form. */
    static final int TOP = 10;

    private CompareOutput() {
    }

    public static String text(String traceName, Plan plan, ReplayOutcome outcome) {
        StringBuilder out = new StringBuilder();
        out.append("Trace ").append(traceName).append(": ").append(outcome.events()).append(" events.\n");
        plan.notes().forEach(n -> out.append(n).append('\n'));
        for (Comparison c : Comparison.of(outcome)) {
            long base = c.baseline().result().ledger().totalPs();
            long other = c.other().result().ledger().totalPs();
            out.append('\n').append(c.other().spec().kernel().name()).append(" vs ")
                    .append(c.baseline().spec().kernel().name()).append(" (baseline) on ")
                    .append(c.baseline().spec().arch().name()).append(c.baseline().spec().userOptions().isEmpty() ? "" : " " + c.baseline().spec().userOptions())
                    .append(", profile ").append(c.baseline().spec().profile().name()).append('\n');
            out.append("  total: ").append(Figures.us(other)).append(" us vs ").append(Figures.us(base)).append(" us, ")
                    .append(Figures.usDelta(other - base)).append(" us (ratio ").append(Figures.ratio(other, base)).append(")\n");
            c.other().archOptions().notes().forEach(n -> out.append("  arch option ").append(n).append('\n'));
            out.append("\n  by syscall:\n").append(indent(ranking(c.syscalls(), "syscall")));
            out.append("\n  by path (self time):\n").append(indent(ranking(c.paths(), "path")));
            out.append("\n  by primitive:\n").append(indent(ranking(c.primitives(), "primitive")));
            if (c.streamDeltaPs() != 0) {
                out.append("  user data stream (no primitive): ").append(Figures.usDelta(c.streamDeltaPs())).append(" us\n");
            }
        }
        return out.toString();
    }

    private static String ranking(List<Comparison.Delta> rows, String what) {
        Table t = new Table("delta (us)", "baseline (us)", "other (us)", "count deltas", what);
        for (Comparison.Delta d : rows.subList(0, Math.min(TOP, rows.size()))) {
            t.row(Figures.usDelta(d.deltaPs()), Figures.us(d.basePs()), Figures.us(d.otherPs()), countText(d.counts()), d.name());
        }
        String more = rows.size() > TOP ? "(" + (rows.size() - TOP) + " more in --json)\n" : "";
        return (rows.isEmpty() ? "(no difference)\n" : t.render()) + more;
    }

    private static String countText(SortedMap<String, Long> counts) {
        List<String> parts = new ArrayList<>();
        counts.forEach((p, n) -> parts.add(p + " " + Figures.delta(n)));
        return parts.isEmpty() ? "-" : String.join(", ", parts);
    }

    private static String indent(String text) {
        return text.lines().map(l -> "    " + l + "\n").reduce("", String::concat);
    }

    /** The replay document plus {@code comparisons}: one object per pair, every non-zero row. */
    public static SortedMap<String, Object> json(String traceName, Plan plan, ReplayOutcome outcome) {
        SortedMap<String, Object> root = ReplayDocument.of(traceName, plan, outcome);
        List<Object> pairs = new ArrayList<>();
        for (Comparison c : Comparison.of(outcome)) {
            SortedMap<String, Object> m = new TreeMap<>();
            m.put("arch", c.baseline().spec().arch().name());
            m.put("profile", c.baseline().spec().profile().name());
            m.put("baseline", c.baseline().spec().label());
            m.put("other", c.other().spec().label());
            m.put("delta_ps", c.deltaPs());
            m.put("by_syscall", rows(c.syscalls()));
            m.put("by_path", rows(c.paths()));
            m.put("by_primitive", rows(c.primitives()));
            m.put("stream_delta_ps", c.streamDeltaPs());
            pairs.add(m);
        }
        root.put("comparisons", pairs);
        return root;
    }

    private static List<Object> rows(List<Comparison.Delta> deltas) {
        List<Object> rows = new ArrayList<>();
        for (Comparison.Delta d : deltas) {
            SortedMap<String, Object> r = new TreeMap<>();
            r.put("name", d.name());
            r.put("baseline_ps", d.basePs());
            r.put("other_ps", d.otherPs());
            r.put("delta_ps", d.deltaPs());
            r.put("count_deltas", new TreeMap<String, Object>(d.counts()));
            rows.add(r);
        }
        return rows;
    }
}
