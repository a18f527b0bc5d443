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
            String label = c.spec().label();
            c.result().ledger().paths().forEach((path, e) -> {
                long ns = ReplayDocument.ns(e.ps());
                if (ns > 0) {
                    out.append(label).append(';').append(path).append(' ').append(ns).append('\n');
                }
            });
        }
        return out.toString();
    }
}
