package org.ptreplay.tools.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.function.Function;
import org.ptreplay.tools.replay.Figures;
import org.ptreplay.tools.text.Table;
import org.ptreplay.tools.text.Width;

/**
 * The text form of {@code compare} and {@code diff}: per pair, the totals, then the syscall
 * kinds, the paths and the primitives ranked by their contribution to the difference. Times
 * first (right-aligned, units in the headers), then the name, then the count deltas, which go on
 * lines of their own under the row when the row would not fit the width.
 */
public final class CompareText {
    /** Rows per ranking unless {@code --limit} or {@code --all} says otherwise. */
    public static final int DEFAULT_LIMIT = 10;
    private static final String INDENT = "    ";

    private CompareText() {
    }

    /**
     * @param heading the lines before the pairs (trace, notes)
     * @param title   a pair's heading line
     * @param limit   rows per ranking, {@code Integer.MAX_VALUE} for all
     * @param width   the width to fit
     */
    public static String render(List<String> heading, List<Comparison> pairs, Function<Comparison, String> title, int limit, int width) {
        StringBuilder out = new StringBuilder();
        heading.forEach(h -> out.append(Width.wrap(h, "", width)));
        if (pairs.isEmpty()) {
            out.append("\nNothing to compare: every arch and profile has one cell.\n");
        }
        for (Comparison c : pairs) {
            long base = c.baseline().totals().simPs();
            long other = c.other().totals().simPs();
            out.append('\n').append(title.apply(c)).append('\n');
            out.append("  total: ").append(Figures.us(other)).append(" us vs ").append(Figures.us(base)).append(" us, ")
                    .append(Figures.usDelta(other - base)).append(" us (ratio ").append(Figures.ratio(other, base)).append(")\n");
            c.other().archNotes().forEach(n -> out.append(Width.wrap("arch option " + n, "  ", width)));
            out.append("\n  by syscall:\n").append(ranking(c.syscalls(), "syscall", limit, width));
            out.append("\n  by path (self time):\n").append(ranking(c.paths(), "path", limit, width));
            out.append("\n  by primitive:\n").append(ranking(c.primitives(), "primitive", limit, width));
            if (c.streamDeltaPs() != 0) {
                out.append("  user data stream (no primitive): ").append(Figures.usDelta(c.streamDeltaPs())).append(" us\n");
            }
        }
        return out.toString();
    }

    /** The strategies and the arch and profile they share: {@code linux-6.17 vs linux-6.16 (baseline) on x86, profile P}. */
    public static String strategyTitle(Comparison c) {
        String label = c.baseline().id();
        int slash = label.indexOf('/');
        String arch = slash < 0 ? c.baseline().arch() : label.substring(0, slash);
        return c.other().strategy() + " vs " + c.baseline().strategy() + " (baseline) on " + arch + ", profile " + c.baseline().profile();
    }

    static String ranking(List<Comparison.Delta> rows, String what, int limit, int width) {
        if (rows.isEmpty()) {
            return INDENT + "(no difference)\n";
        }
        List<Comparison.Delta> shown = rows.subList(0, Math.min(limit, rows.size()));
        String[] header = {"delta (us)", "baseline (us)", "other (us)", what, "count deltas"};
        List<String[]> cells = new ArrayList<>();
        for (Comparison.Delta d : shown) {
            cells.add(new String[] {Figures.usDelta(d.deltaPs()), Figures.us(d.basePs()), Figures.us(d.otherPs()), d.name(), countText(d)});
        }
        int figures = 0;
        for (int col = 0; col < 3; col++) {
            int w = header[col].length();
            for (String[] r : cells) {
                w = Math.max(w, r[col].length());
            }
            figures += w + 2;
        }
        int nameRoom = Math.max(what.length(), width - INDENT.length() - figures);
        Table wide = new Table(header);
        Table narrow = new Table(header[0], header[1], header[2], header[3]);
        for (String[] r : cells) {
            String name = Width.elide(r[3], nameRoom);
            wide.row(r[0], r[1], r[2], name, r[4]);
            narrow.row(r[0], r[1], r[2], name);
        }
        StringBuilder out = new StringBuilder();
        if (INDENT.length() + wide.width() <= width) {
            wide.render().lines().forEach(l -> out.append(INDENT).append(l).append('\n'));
        } else {
            // Count deltas under their row, wrapped at the width.
            List<String> lines = narrow.render().lines().toList();
            out.append(INDENT).append(lines.get(0)).append('\n');
            for (int i = 1; i < lines.size(); i++) {
                out.append(INDENT).append(lines.get(i)).append('\n');
                String counts = cells.get(i - 1)[4];
                if (!counts.equals("-")) {
                    out.append(Width.wrap("count deltas: " + counts, INDENT + "  ", width));
                }
            }
        }
        if (rows.size() > shown.size()) {
            out.append(INDENT).append("(").append(rows.size() - shown.size()).append(" more: --all or --json)\n");
        }
        return out.toString();
    }

    /** The count deltas of a row; a primitive's row has only its own, shown as the number alone. */
    static String countText(Comparison.Delta d) {
        SortedMap<String, Long> counts = d.counts();
        if (counts.size() == 1 && counts.containsKey(d.name())) {
            return Figures.delta(counts.get(d.name()));
        }
        List<String> parts = new ArrayList<>();
        counts.forEach((p, n) -> parts.add(p + " " + Figures.delta(n)));
        return parts.isEmpty() ? "-" : String.join(", ", parts);
    }
}
