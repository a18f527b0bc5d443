package org.ptreplay.tools.local;

import java.util.Collections;
import java.util.List;
import org.ptreplay.tools.calibrate.Samples;

/** The outcome of {@code validate --local}: one row per figure, and what the run used. */
public record LocalResult(List<Row> rows, String profile, String preset, int runs, List<String> notes) {
    public LocalResult {
        rows = List.copyOf(rows);
        notes = List.copyOf(notes);
    }

    /**
     * One figure: its value in each native run (run i of every workload it is formed from), the
     * real value (their median) and the simulated one.
     */
    public record Row(LocalFigure figure, List<Double> realRuns, double simulated) {
        public Row {
            realRuns = List.copyOf(realRuns);
            if (realRuns.isEmpty()) {
                throw new IllegalArgumentException(figure.id() + " has no native run");
            }
        }

        public double real() {
            return Samples.median(realRuns);
        }

        /** (max - min) / median of the native runs' values, as calibrate's spreads. */
        public double spread() {
            double m = real();
            return m == 0 || !Double.isFinite(m) ? 0 : (Collections.max(realRuns) - Collections.min(realRuns)) / Math.abs(m);
        }

        /**
         * The real side cannot decide the row: some native run's value lies outside the row's
         * tolerance around their median, so that run alone would have judged a simulation at the
         * median differently. A noisy row still passes only within tolerance of the median.
         */
        public boolean noisy() {
            double m = real();
            return Double.isFinite(m) && realRuns.stream().anyMatch(v -> !Double.isFinite(v) || !figure.tolerance(m).accepts(m, v));
        }

        public boolean passed() {
            double r = real();
            return Double.isFinite(r) && Double.isFinite(simulated) && figure.tolerance(r).accepts(r, simulated);
        }
    }

    public long passedCount() {
        return rows.stream().filter(Row::passed).count();
    }

    public long noisyCount() {
        return rows.stream().filter(Row::noisy).count();
    }
}
