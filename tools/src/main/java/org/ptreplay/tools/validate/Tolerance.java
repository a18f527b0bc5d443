package org.ptreplay.tools.validate;

import java.util.Locale;

/**
 * How close a simulated figure must come to the published one (issue #7): exact counts exactly,
 * ratios between 0.5 and 2 within an absolute band, larger ratios, speed-ups and absolute times
 * within a relative band.
 */
public sealed interface Tolerance {

    /** Whether {@code simulated} is close enough to {@code published}. */
    boolean accepts(double published, double simulated);

    /** The error as the tolerance measures it: a difference, or a fraction of the published value. */
    double error(double published, double simulated);

    /** The error for people: {@code +0.012}, {@code -8.1%}, {@code 0}. */
    String formatError(double published, double simulated);

    /** The tolerance for people: {@code exact}, {@code ±0.05}, {@code ±25%}. */
    String describe();

    /** A short machine-readable kind for JSON. */
    String kind();

    /** The bound: 0, the absolute band or the relative fraction. */
    double bound();

    /** Counts: the simulated figure must equal the published one. */
    record Exact() implements Tolerance {
        @Override
        public boolean accepts(double published, double simulated) {
            return published == simulated;
        }

        @Override
        public double error(double published, double simulated) {
            return simulated - published;
        }

        @Override
        public String formatError(double published, double simulated) {
            double e = error(published, simulated);
            return e == 0 ? "0" : String.format(Locale.ROOT, "%+.6g", e);
        }

        @Override
        public String describe() {
            return "exact";
        }

        @Override
        public String kind() {
            return "exact";
        }

        @Override
        public double bound() {
            return 0;
        }
    }

    /** Within {@code ±band} of the published value (ratios between 0.5 and 2). */
    record Absolute(double band) implements Tolerance {
        public Absolute {
            if (!(band > 0)) {
                throw new IllegalArgumentException("an absolute band must be positive, not " + band);
            }
        }

        @Override
        public boolean accepts(double published, double simulated) {
            // Rounded to 1e-9 so that a figure exactly on the band's edge passes whatever the binary fractions say.
            return Math.round(Math.abs(simulated - published) * 1e9) <= Math.round(band * 1e9);
        }

        @Override
        public double error(double published, double simulated) {
            return simulated - published;
        }

        @Override
        public String formatError(double published, double simulated) {
            return String.format(Locale.ROOT, "%+.3f", error(published, simulated));
        }

        @Override
        public String describe() {
            return String.format(Locale.ROOT, "±%.2f", band);
        }

        @Override
        public String kind() {
            return "absolute";
        }

        @Override
        public double bound() {
            return band;
        }
    }

    /** Within {@code ±fraction} of the published value (speed-ups, large ratios, times). */
    record Relative(double fraction) implements Tolerance {
        public Relative {
            if (!(fraction > 0)) {
                throw new IllegalArgumentException("a relative band must be positive, not " + fraction);
            }
        }

        @Override
        public boolean accepts(double published, double simulated) {
            return Math.abs(error(published, simulated)) <= fraction;
        }

        @Override
        public double error(double published, double simulated) {
            return (simulated - published) / published;
        }

        @Override
        public String formatError(double published, double simulated) {
            return String.format(Locale.ROOT, "%+.1f%%", 100 * error(published, simulated));
        }

        @Override
        public String describe() {
            return String.format(Locale.ROOT, "±%.0f%%", 100 * fraction);
        }

        @Override
        public String kind() {
            return "relative";
        }

        @Override
        public double bound() {
            return fraction;
        }
    }

    /** Exact. */
    static Tolerance exact() {
        return new Exact();
    }

    /** The band for a ratio between 0.5 and 2: ±0.05. */
    static Tolerance ratio() {
        return new Absolute(0.05);
    }

    /** The band for larger ratios and speed-ups: ±25 %. */
    static Tolerance speedUp() {
        return new Relative(0.25);
    }
}
