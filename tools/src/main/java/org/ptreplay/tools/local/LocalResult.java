package org.ptreplay.tools.local;

import java.util.List;

/** The outcome of {@code validate --local}: one row per figure, and what the run used. */
public record LocalResult(List<Row> rows, String profile, String preset, int runs, List<String> notes) {
    public LocalResult {
        rows = List.copyOf(rows);
        notes = List.copyOf(notes);
    }

    /** One figure, real and simulated. */
    public record Row(LocalFigure figure, double real, double simulated) {
        public boolean passed() {
            return Double.isFinite(real) && Double.isFinite(simulated) && figure.tolerance(real).accepts(real, simulated);
        }
    }

    public long passedCount() {
        return rows.stream().filter(Row::passed).count();
    }
}
