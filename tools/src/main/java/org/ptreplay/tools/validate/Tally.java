package org.ptreplay.tools.validate;

import java.util.List;

/**
 * How many checks a set of results has and passes, split into predictions and fits (issue #12:
 * a figure a profile parameter was fitted to does not count as a prediction).
 */
public record Tally(int checks, int passed, int predictions, int predictionsPassed, int fits, int fitsPassed) {

    /** The tally of {@code results}' checks. */
    public static Tally of(List<CheckResult> results) {
        int checks = 0;
        int passed = 0;
        int predictions = 0;
        int predictionsPassed = 0;
        for (CheckResult r : results) {
            checks++;
            boolean ok = r.passed();
            passed += ok ? 1 : 0;
            if (r.check().prediction()) {
                predictions++;
                predictionsPassed += ok ? 1 : 0;
            }
        }
        return new Tally(checks, passed, predictions, predictionsPassed, checks - predictions,
                passed - predictionsPassed);
    }

    /** The tally of every check of every case in {@code results}. */
    public static Tally ofCases(List<CaseResult> results) {
        return of(results.stream().flatMap(r -> r.checks().stream()).toList());
    }
}
