package org.ptreplay.tools.validate;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.ptreplay.core.value.SimResult;

/** How a simulated figure is formed from measures of cells. */
public sealed interface Figure {

    /** The figure, given the result of each cell it names. */
    double compute(Function<CellRef, SimResult> cells);

    /** The cells the figure reads. */
    List<CellRef> cells();

    /** One line: what the figure is. */
    String describe();

    /** {@code measure(numerator) / measure(denominator)}. */
    record Ratio(Measure measure, CellRef numerator, CellRef denominator) implements Figure {
        @Override
        public double compute(Function<CellRef, SimResult> cells) {
            double d = measure.of(cells.apply(denominator));
            if (d == 0) {
                throw new IllegalStateException(measure.describe() + " is 0 in " + denominator);
            }
            return measure.of(cells.apply(numerator)) / d;
        }

        @Override
        public List<CellRef> cells() {
            return List.of(numerator, denominator);
        }

        @Override
        public String describe() {
            return measure.describe() + ": " + label(numerator) + " / " + label(denominator);
        }
    }

    /** {@code measure(cell) × scale}, e.g. nanoseconds × 1e-6 for milliseconds. */
    record Value(Measure measure, CellRef cell, double scale, String unit) implements Figure {
        @Override
        public double compute(Function<CellRef, SimResult> cells) {
            return measure.of(cells.apply(cell)) * scale;
        }

        @Override
        public List<CellRef> cells() {
            return List.of(cell);
        }

        @Override
        public String describe() {
            return String.format(Locale.ROOT, "%s of %s, in %s", measure.describe(), label(cell), unit);
        }
    }

    private static String label(CellRef c) {
        return c.arch() + "/" + c.strategy();
    }
}
