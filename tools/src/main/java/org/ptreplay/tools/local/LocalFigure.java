package org.ptreplay.tools.local;

import java.util.Map;
import org.ptreplay.tools.validate.Tolerance;

/**
 * One row of {@code validate --local}: a figure formed the same way from the real and the
 * simulated times of the workloads. Ratios between folio sizes or alignments are judged as the
 * published cases judge ratios (±0.05 between 0.5 and 2, ±25 % beyond), times per PTE as their
 * one absolute time (±25 %).
 */
public record LocalFigure(String id, String describe, boolean ratio, Formula formula) {

    /** The figure from per-workload times: {@code ns(workload, kind)} and whole-workload totals. */
    @FunctionalInterface
    public interface Formula {
        double of(Times t);
    }

    /** Access to one side's times (real or simulated). */
    public interface Times {
        double ns(String workload, String kind);

        double total(String workload);
    }

    /** The tolerance for a real value of this figure. */
    public Tolerance tolerance(double real) {
        return ratio && real >= 0.5 && real <= 2 ? new Tolerance.Absolute(0.05) : new Tolerance.Relative(0.25);
    }

    /** The real side of one native run: run {@code run} of every workload. */
    static Times run(Map<String, Timing> timings, int run) {
        return new Times() {
            @Override
            public double ns(String workload, String kind) {
                return timings.get(workload).realNs(kind, run);
            }

            @Override
            public double total(String workload) {
                return timings.get(workload).realTotalNs(run);
            }
        };
    }

    /** The simulated side: every workload's simulated times. */
    static Times simulated(Map<String, Timing> timings) {
        return new Times() {
            @Override
            public double ns(String workload, String kind) {
                return timings.get(workload).simNs(kind);
            }

            @Override
            public double total(String workload) {
                return timings.get(workload).simTotalNs();
            }
        };
    }
}
