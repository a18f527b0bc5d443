package org.ptreplay.tools.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Predictions and fits, counted per case and in total, in the text and the JSON of validate. */
class ValidationOutputTest {
    private static final Experiment E = new Experiment("e", "fork-bench", Map.of(), "", List.of("x86"),
            List.of("linux-6.8", "linux-6.9"), "generic-x86", 1);
    private static final Figure RATIO = new Figure.Ratio(new Measure.TotalNs(), E.cell("x86", "linux-6.9"),
            E.cell("x86", "linux-6.8"));

    /** Three checks: a passing prediction, a failing prediction, a passing fit. */
    private static CaseResult result() {
        Check a = Check.of("a", 0.8, "", RATIO, Tolerance.ratio());
        Check b = Check.of("b", 0.8, "", RATIO, Tolerance.ratio());
        Check c = Check.of("c", 0.8, "", RATIO, Tolerance.ratio()).fittedBy("generic-x86 ops.xchg_ns");
        Case k = new Case("k", "title", "source", List.of(E), List.of(a, b, c), List.of());
        return new CaseResult(k, List.of(new CheckResult(a, 0.81), new CheckResult(b, 0.5), new CheckResult(c, 0.8)),
                List.of());
    }

    @Test
    void tallyCountsPredictionsAndFitsApart() {
        assertEquals(new Tally(3, 2, 2, 1, 1, 1), Tally.of(result().checks()));
    }

    @Test
    void textMarksEachCheckAndTotalsBothKinds() {
        String text = ValidationOutput.text(List.of(result()));
        assertTrue(text.contains("2 of 3 checks pass: 1 of 2 predictions, 1 of 1 fits."), text);
        assertTrue(text.lines().anyMatch(l -> l.startsWith("k ") && l.contains(" c ") && l.contains("fit")
                && l.endsWith("pass")), text);
        assertTrue(text.lines().anyMatch(l -> l.startsWith("k ") && l.contains(" b ") && l.contains("prediction")
                && l.endsWith("FAIL")), text);
        assertTrue(text.lines().anyMatch(l -> l.matches("\\s+total\\s+3\\s+2\\s+2\\s+1\\s+1\\s+1")), text);
    }

    @Test
    void jsonCarriesTheKindTheParameterAndTheTallies() {
        var root = ValidationOutput.json(List.of(result()));
        @SuppressWarnings("unchecked")
        var total = (Map<String, Object>) root.get("tally");
        assertEquals(Map.of("checks", 3, "passed", 2, "predictions", 2, "predictions_passed", 1, "fits", 1,
                "fits_passed", 1), total);
        @SuppressWarnings("unchecked")
        var c = (Map<String, Object>) ((List<Object>) ((Map<String, Object>) ((List<Object>) root.get("cases")).get(0))
                .get("checks")).get(2);
        assertEquals("fit", c.get("kind"));
        assertEquals("generic-x86 ops.xchg_ns", c.get("fitted_parameter"));
    }
}
