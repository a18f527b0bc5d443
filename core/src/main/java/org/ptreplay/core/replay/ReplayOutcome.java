package org.ptreplay.core.replay;

import java.util.List;
import org.ptreplay.trace.TraceHeader;

/**
 * A finished replay: the trace's header, one result per completed cell in plan order, the cells
 * that a plugin strategy's failure stopped (empty for a complete replay), and the host figures.
 *
 * @param events events replayed (every completed cell replayed all of them)
 */
public record ReplayOutcome(TraceHeader header, long events, List<CellResult> cells, List<CellFailure> failures, HostStats host) {
    public ReplayOutcome {
        cells = List.copyOf(cells);
        failures = List.copyOf(failures);
    }
}
