package org.ptreplay.tools.workload;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ptreplay.trace.TraceEvent;

/** Test helper: the events a generator emits for some parameters. */
final class Generated {
    private Generated() {
    }

    static List<TraceEvent> events(Generator g, Map<String, String> params) {
        List<TraceEvent> events = new ArrayList<>();
        g.generate(params, events::add);
        return events;
    }

    static <T extends TraceEvent> List<T> only(List<TraceEvent> events, Class<T> kind) {
        return events.stream().filter(kind::isInstance).map(kind::cast).toList();
    }
}
