package org.ptreplay.tools;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ptreplay.tools.ReplayCommandTest.at;
import static org.ptreplay.tools.ReplayCommandTest.json;
import static org.ptreplay.tools.ReplayCommandTest.ok;
import static org.ptreplay.tools.ReplayCommandTest.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --timeline}: read back with Jackson (a parser that is not ptreplay's) and checked against
 * the Trace Event Format's rules as Perfetto's and Chrome's importers apply them: every event has
 * {@code ph}, {@code name}, {@code pid}, {@code tid}; complete events ({@code X}) have {@code ts}
 * and {@code dur}; on one thread, events start in order and a later event that starts inside an
 * earlier one ends inside it too (slices nest, never cross).
 */
class TimelineExportTest {

    @Test
    void theTimelineIsTraceEventJsonWithOneNestedTrackPerCell(@TempDir Path dir) throws Exception {
        Path trace = Traces.write(dir.resolve("move1m.ptrace"), Traces.move1m());
        Path timeline = dir.resolve("t.json");
        String replay = ok("replay", trace.toString(), "--strategy", "linux-6.16,linux-6.17-rc1", "--timeline", timeline.toString(),
                "--json").out();
        JsonNode root = new ObjectMapper().readTree(timeline.toFile());
        JsonNode events = root.get("traceEvents");
        assertTrue(events.isArray() && events.size() > 10, root.toString());
        assertEquals("ns", root.get("displayTimeUnit").asText());

        Map<Long, String> threads = new HashMap<>();
        Map<Long, Deque<BigDecimal[]>> open = new HashMap<>();
        Map<Long, BigDecimal> lastStart = new HashMap<>();
        Map<Long, BigDecimal> eventTime = new HashMap<>();
        Map<Long, Integer> vmNormalFolio = new HashMap<>();
        for (JsonNode e : events) {
            for (String field : List.of("ph", "name", "pid", "tid")) {
                assertTrue(e.has(field), "every event has " + field + ": " + e);
            }
            assertEquals(1, e.get("pid").asInt());
            long tid = e.get("tid").asLong();
            String ph = e.get("ph").asText();
            if (ph.equals("M")) {
                if (e.get("name").asText().equals("thread_name")) {
                    threads.put(tid, e.get("args").get("name").asText());
                }
                continue;
            }
            assertEquals("X", ph, e.toString());
            assertTrue(e.get("ts").isNumber() && e.get("dur").isNumber(), e.toString());
            BigDecimal ts = e.get("ts").decimalValue();
            BigDecimal end = ts.add(e.get("dur").decimalValue());
            assertTrue(e.get("dur").decimalValue().signum() >= 0, e.toString());
            BigDecimal previous = lastStart.put(tid, ts);
            assertTrue(previous == null || previous.compareTo(ts) <= 0, "ts goes forward on a thread: " + e);
            Deque<BigDecimal[]> stack = open.computeIfAbsent(tid, t -> new ArrayDeque<>());
            while (!stack.isEmpty() && stack.peek()[1].compareTo(ts) <= 0 && !(stack.peek()[1].compareTo(ts) == 0 && stack.peek()[0].compareTo(ts) == 0)) {
                stack.pop();
            }
            if (!stack.isEmpty()) {
                assertTrue(end.compareTo(stack.peek()[1]) <= 0, "a slice that starts inside another ends inside it: " + e);
            }
            stack.push(new BigDecimal[] {ts, end});
            if (e.get("cat").asText().equals("event")) {
                assertTrue(e.get("args").get("event").isIntegralNumber(), e.toString());
                eventTime.merge(tid, e.get("dur").decimalValue(), BigDecimal::add);
            }
            if (e.get("name").asText().equals("vm_normal_folio") && stack.size() >= 2) {
                vmNormalFolio.merge(tid, 1, Integer::sum);
            }
        }
        assertEquals(Map.of(1L, "x86/linux-6.16/generic-x86", 2L, "x86/linux-6.17-rc1/generic-x86"), threads);
        // Every event recorded (move1m is short): the events' durations add up to the cell's simulated time.
        for (int cell = 0; cell < 2; cell++) {
            long ps = (Long) at(json(replay), "cells", cell, "totals", "sim_ps");
            assertEquals(BigDecimal.valueOf(ps, 6), eventTime.get(cell + 1L), "cell " + cell);
        }
        // The folio lookup under move_ptes exists in 6.17-rc1's mremap only.
        assertTrue(vmNormalFolio.getOrDefault(2L, 0) > vmNormalFolio.getOrDefault(1L, 0), vmNormalFolio.toString());
        assertEquals(0L, root.get("otherData").get("events_omitted").get("x86/linux-6.16/generic-x86").asLong());
    }

    @Test
    void theTimelineIsByteIdenticalAcrossRunsAndThreadCountsAndHonoursItsLimit(@TempDir Path dir) throws Exception {
        Path trace = Traces.write(dir.resolve("mixed.ptrace"), Traces.mixed(20));
        Path a = dir.resolve("a.json");
        Path b = dir.resolve("b.json");
        ok("replay", trace.toString(), "--strategy", "linux-6.16,linux-6.17", "--threads", "1", "--timeline", a.toString(),
                "--timeline-events", "5");
        ok("compare", trace.toString(), "--strategy", "linux-6.16,linux-6.17", "--threads", "2", "--timeline", b.toString(),
                "--timeline-events", "5");
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
        JsonNode root = new ObjectMapper().readTree(a.toFile());
        long recorded = 0;
        for (JsonNode e : root.get("traceEvents")) {
            if (e.has("cat") && e.get("cat").asText().equals("event")) {
                recorded++;
                assertTrue(e.get("args").get("event").asLong() < 5, e.toString());
            }
        }
        assertEquals(10, recorded, "5 events in each of 2 cells");
        assertTrue(root.get("otherData").get("events_omitted").get("x86/linux-6.17/generic-x86").asLong() > 0);
        assertEquals(2, run("replay", trace.toString(), "--timeline", a.toString(), "--timeline-events", "0").code());
    }
}
