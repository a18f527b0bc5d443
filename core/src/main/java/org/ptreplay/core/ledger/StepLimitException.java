package org.ptreplay.core.ledger;

/** One event took more charges than {@link PathLedger#limitSteps} allows: the model (or a strategy) is looping. */
public final class StepLimitException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final long limit;

    StepLimitException(long limit) {
        // With its stack: thrown once per run, it shows whose loop it was (a plugin strategy is blamed by it).
        super("more than " + limit + " model steps", null, false, true);
        this.limit = limit;
    }

    public long limit() {
        return limit;
    }
}
