package org.ptreplay.core.replay;

import java.util.Optional;

/**
 * A replay stopped by its input: an unreadable event in the trace, an event the model cannot
 * replay, or the first divergence in strict mode. The message is one sentence naming the trace
 * and the event index (and the cell, for a cell's failure). When only plugin strategies failed,
 * the other cells completed and {@link #partial} holds their results.
 */
public final class ReplayFailedException extends Exception {
    private static final long serialVersionUID = 1L;
    private final long eventIndex;
    private final transient ReplayOutcome partial;

    ReplayFailedException(String sentence, long eventIndex, Throwable cause) {
        this(sentence, eventIndex, cause, null);
    }

    ReplayFailedException(String sentence, long eventIndex, Throwable cause, ReplayOutcome partial) {
        super(sentence, cause);
        this.eventIndex = eventIndex;
        this.partial = partial;
    }

    /** The 0-based index of the event the replay stopped at. */
    public long eventIndex() {
        return eventIndex;
    }

    /** The completed cells' results, with the failed cells in {@link ReplayOutcome#failures}, when only plugins failed. */
    public Optional<ReplayOutcome> partial() {
        return Optional.ofNullable(partial);
    }
}
