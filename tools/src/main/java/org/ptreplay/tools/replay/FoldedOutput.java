package org.ptreplay.tools.replay;

import org.ptreplay.core.replay.CellResult;
import org.ptreplay.core.replay.ReplayOutcome;

/**
 * {@code --folded FILE}: folded stacks for flamegraph.pl and speedscope, one line per cell and
 * path: {@code cell;syscall;frame;… weight}, the weight being the path's SELF simulated time in
 * whole nanoseconds. The first frame is the cell label (no spaces, no {@code ;}); the second is
 * the syscall frame (or {@code fault} / {@code user} for touch events). Paths that round to 0 ns
 * are left out, as flame graphs cannot show them.
 */
public final class FoldedOutput {
    private FoldedOutput() {
    }

    public static String render(ReplayOutcome outcome) {
        StringBuilder out = new StringBuilder();
        for (CellResult c : outcome.cells()) {
            out.append(cell(c, c.spec().label() + ";"));
        }
        return out.toString();
    }

    /** One cell's lines, each path after {@code prefix}. */
    private static String cell(CellResult c, String prefix) {
        StringBuilder out = new StringBuilder();
        c.result().ledger().paths().forEach((path, e) -> {
            long ns = ReplayDocument.ns(e.ps());
            if (ns > 0) {
                out.append(prefix).append(path).append(' ').append(ns).append('\n');
            }
        });
        return out.toString();
    }

    /**
     * {@code --folded-dir DIR}: one file per cell, its lines without the cell frame, ready for
     * {@code difffolded.pl BASE NEW}. The file is {@code NN-LABEL.folded}: NN the cell's position
     * (from 01, so a listing keeps the cells' order and two labels that read alike after
     * sanitising stay apart) and the label with every character but letters, digits and
     * {@code . _ = + -} made {@code _} ({@code 02-arm64_contpte=off_linux-6.17_ampere-altra.folded}).
     *
     * @return the cell label → file name, in cell order
     */
    public static java.util.Map<String, String> fileNames(ReplayOutcome outcome) {
        java.util.LinkedHashMap<String, String> names = new java.util.LinkedHashMap<>();
        int width = Math.max(2, String.valueOf(outcome.cells().size()).length());
        int i = 1;
        for (CellResult c : outcome.cells()) {
            String label = c.spec().label();
            names.put(label, String.format(java.util.Locale.ROOT, "%0" + width + "d-%s.folded", i++, label.replaceAll("[^A-Za-z0-9._=+-]", "_")));
        }
        return names;
    }

    /** The text of each cell's file, by cell label, in cell order. */
    public static java.util.Map<String, String> perCell(ReplayOutcome outcome) {
        java.util.LinkedHashMap<String, String> out = new java.util.LinkedHashMap<>();
        outcome.cells().forEach(c -> out.put(c.spec().label(), cell(c, "")));
        return out;
    }
}
