package org.ptreplay.tools.validate;

/** An explanation with its simulated number. */
public record ExplanationResult(Explanation explanation, double simulated) {
}
