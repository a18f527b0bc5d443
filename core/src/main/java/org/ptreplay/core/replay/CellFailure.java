package org.ptreplay.core.replay;

import java.util.Objects;

/**
 * A cell that a plugin strategy's failure stopped while the other cells ran to the end.
 *
 * @param spec       the cell
 * @param eventIndex the 0-based index of the event it stopped at
 * @param sentence   one sentence naming the trace, the cell, the event, the plugin and its jar
 */
public record CellFailure(CellSpec spec, long eventIndex, String sentence) {
    public CellFailure {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(sentence, "sentence");
    }
}
