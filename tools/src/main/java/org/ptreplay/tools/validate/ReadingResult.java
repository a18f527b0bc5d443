package org.ptreplay.tools.validate;

/** A published absolute number with its simulated counterpart. */
public record ReadingResult(Reading reading, double simulated) {
}
