package org.ptreplay.core.replay;

import org.ptreplay.trace.TraceEvent;

/**
 * Consecutive events of the trace, shared read-only by every cell: the array is filled by the
 * decoder before the batch is published and never written after.
 *
 * @param firstIndex the trace index of {@code events[0]}
 * @param events     the events; only the first {@code size} are valid
 */
record Batch(long firstIndex, TraceEvent[] events, int size) {
}
