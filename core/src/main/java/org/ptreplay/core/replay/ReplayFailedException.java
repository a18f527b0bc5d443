package org.ptreplay.core.replay;

/**
 * A replay stopped by its input: an unreadable event in the trace, an event the model cannot
 * replay, or the first divergence in strict mode. The message is one sentence naming the trace
 * and the event index (and the cell, for a cell's failure).
 */
public final class ReplayFailedException extends Exception {
    private static final long serialVersionUID = 1L;
    private final long eventIndex;

    ReplayFailedException(String sentence, long eventIndex, Throwable cause) {
        super(sentence, cause);
        this.eventIndex = eventIndex;
    }

    /** The 0-based index of the event the replay stopped at. */
    public long eventIndex() {
        return eventIndex;
    }
}
