package org.ptreplay.core.replay;

import java.util.List;
import org.ptreplay.trace.TraceHeader;

/**
 * A finished replay: the trace's header, one result per cell in plan order, and the host figures.
 *
 * @param events events replayed (every cell replayed all of them)
 */
public record ReplayOutcome(TraceHeader header, long events, List<CellResult> cells, HostStats host) {
    public ReplayOutcome {
        cells = List.copyOf(cells);
    }
}
