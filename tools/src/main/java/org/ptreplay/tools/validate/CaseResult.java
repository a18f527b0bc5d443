package org.ptreplay.tools.validate;

import java.util.List;

/** A case with the simulated figure of every check and reading; it passes when every check does. */
public record CaseResult(Case validationCase, List<CheckResult> checks, List<ReadingResult> readings,
                         List<ExplanationResult> explanations) {

    /** A result without explanations. */
    public CaseResult(Case validationCase, List<CheckResult> checks, List<ReadingResult> readings) {
        this(validationCase, checks, readings, List.of());
    }

    public CaseResult {
        checks = List.copyOf(checks);
        readings = List.copyOf(readings);
        explanations = List.copyOf(explanations);
    }

    public boolean passed() {
        return checks.stream().allMatch(CheckResult::passed);
    }
}
