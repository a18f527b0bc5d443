package org.ptreplay.core.sim;

/** A replay that cannot go on: bad input or, in strict mode, the first divergence. The message is one sentence naming the event index. */
public final class ReplayException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final long eventIndex;

    public ReplayException(long eventIndex, String message) {
        super(message);
        this.eventIndex = eventIndex;
    }

    /** The same, with what stopped the event (the step watchdog's exception, whose stack names the looping code). */
    public ReplayException(long eventIndex, String message, Throwable cause) {
        super(message, cause);
        this.eventIndex = eventIndex;
    }

    public long eventIndex() {
        return eventIndex;
    }
}
