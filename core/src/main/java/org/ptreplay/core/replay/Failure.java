package org.ptreplay.core.replay;

/**
 * Why a replay stopped: at {@code eventIndex}, in cell {@code cell} (-1 for the trace itself).
 * Among several, the earliest event wins and then the first cell, so the reported failure does
 * not depend on thread timing. An {@code isolated} failure (a plugin strategy's) stopped its cell only.
 */
record Failure(long eventIndex, int cell, Throwable cause, boolean isolated) {

    boolean before(Failure other) {
        return other == null || eventIndex < other.eventIndex
                || (eventIndex == other.eventIndex && cell < other.cell);
    }
}
