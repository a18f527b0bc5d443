package org.ptreplay.tools.validate;

import java.util.List;
import org.ptreplay.trace.TraceEvent;
import org.ptreplay.trace.TraceHeader;
import org.ptreplay.trace.TraceSource;

/** Generated events held in memory, read like a trace file. */
public final class MemoryTrace implements TraceSource {
    private final TraceHeader header;
    private final List<TraceEvent> events;
    private int next;

    public MemoryTrace(TraceHeader header, List<TraceEvent> events) {
        this.header = header;
        this.events = List.copyOf(events);
    }

    @Override
    public TraceHeader header() {
        return header;
    }

    @Override
    public TraceEvent next() {
        return next < events.size() ? events.get(next++) : null;
    }

    @Override
    public long eventIndex() {
        return next - 1L;
    }

    @Override
    public void close() {
        // Nothing to release: the events are on the heap.
    }
}
