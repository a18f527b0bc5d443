package org.ptreplay.tools.calibrate;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The repeated samples of one measurement, in the order taken. The figure is their median; the
 * spread is (max − min) / median, so 0.10 means the samples span 10 % of the median.
 *
 * @param name what was measured, e.g. {@code latency.L2}
 * @param unit {@code ns}, {@code GHz}, {@code B/ns} or {@code share} (a fraction of cases, 0 to 1)
 */
public record Samples(String name, String unit, List<Double> values) {
    /** Above this spread a measurement gets a warning: the machine was too busy to measure it well. */
    public static final double NOISY = 0.10;

    public Samples {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(unit, "unit");
        values = List.copyOf(values);
        if (values.isEmpty()) {
            throw new IllegalArgumentException("measurement " + name + " has no samples");
        }
    }

    public double median() {
        return median(values);
    }

    public double spread() {
        double m = median();
        return m == 0 ? 0 : (Collections.max(values) - Collections.min(values)) / m;
    }

    /** A share is how often a mode was seen, not a price: its samples may differ without noise. */
    public boolean noisy() {
        return !unit.equals("share") && spread() > NOISY;
    }

    public static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
