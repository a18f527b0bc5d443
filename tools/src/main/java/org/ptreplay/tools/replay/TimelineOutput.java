package org.ptreplay.tools.replay;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.ptreplay.core.value.TimelineEvent;

/**
 * {@code --timeline FILE.json}: the simulated timeline in the Trace Event Format of Chrome's
 * tracing ("Trace Event Format", Google, the JSON Object Format), which ui.perfetto.dev,
 * chrome://tracing and speedscope open. One process ({@code pid} 1, the replay); one thread per
 * cell ({@code tid} = its position from 1, named by its label in {@code thread_name} metadata);
 * one complete event ({@code "ph": "X"}) per trace event, named by its kind, with the event
 * index in {@code args}; inside it, one complete event per kernel path frame, as long as the
 * frame's inclusive simulated time in that event. Times are the cell's simulated clock (every
 * event back to back from 0) in microseconds with six decimals, i.e. exact picoseconds.
 */
public final class TimelineOutput {

    private TimelineOutput() {
    }

    /**
     * @param traceName the trace, for the process name
     * @param labels    the cells' labels, in cell order
     * @param timelines each cell's recorded events
     * @param omitted   each cell's events beyond the limit
     * @return the JSON tree ({@code Json.write} makes it text)
     */
    public static SortedMap<String, Object> tree(String traceName, List<String> labels, List<List<TimelineEvent>> timelines,
            List<Long> omitted) {
        List<Object> events = new ArrayList<>();
        events.add(metadata("process_name", 0, map("name", "ptreplay " + traceName)));
        for (int c = 0; c < labels.size(); c++) {
            int tid = c + 1;
            events.add(metadata("thread_name", tid, map("name", labels.get(c))));
            events.add(metadata("thread_sort_index", tid, map("sort_index", (long) tid)));
            for (TimelineEvent e : timelines.get(c)) {
                events.add(complete(e.kind(), "event", tid, e.startPs(), e.durPs(), map("event", e.index())));
                for (TimelineEvent.Slice s : e.slices()) {
                    events.add(complete(s.name(), "path", tid, s.startPs(), s.durPs(), null));
                }
            }
        }
        SortedMap<String, Object> omittedByCell = new TreeMap<>();
        for (int c = 0; c < labels.size(); c++) {
            omittedByCell.put(labels.get(c), omitted.get(c));
        }
        return map("traceEvents", events, "displayTimeUnit", "ns",
                "otherData", map("producer", "ptreplay", "clock", "simulated", "events_omitted", omittedByCell));
    }

    private static SortedMap<String, Object> metadata(String name, int tid, SortedMap<String, Object> args) {
        return map("ph", "M", "name", name, "pid", 1L, "tid", (long) tid, "args", args);
    }

    private static SortedMap<String, Object> complete(String name, String category, int tid, long startPs, long durPs,
            SortedMap<String, Object> args) {
        SortedMap<String, Object> e = map("ph", "X", "name", name, "cat", category, "pid", 1L, "tid", (long) tid,
                "ts", micros(startPs), "dur", micros(durPs));
        if (args != null) {
            e.put("args", args);
        }
        return e;
    }

    /** Picoseconds as microseconds with six decimals: exact, and never in exponent notation. */
    static BigDecimal micros(long ps) {
        return BigDecimal.valueOf(ps, 6);
    }

    private static SortedMap<String, Object> map(Object... keyValues) {
        SortedMap<String, Object> m = new TreeMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return m;
    }
}
