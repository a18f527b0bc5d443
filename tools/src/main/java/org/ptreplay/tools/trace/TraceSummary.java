package org.ptreplay.tools.trace;

import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.ptreplay.tools.text.Table;
import org.ptreplay.trace.TraceEvent;
import org.ptreplay.trace.TraceHeader;

/**
 * {@code ptreplay summary}: what a trace holds, in one pass: its header, the events by kind, the
 * tasks, the largest address space, the bytes mapped, moved and unmapped, the duration and the
 * failed calls. Memory grows with the number of tasks and live mappings, not with the events.
 */
public final class TraceSummary {
    private final String fileName;
    private final TraceHeader header;
    private final long page;
    private final TraceWalk walk;
    private final EnumMap<TraceEvent.Kind, Long> byKind = new EnumMap<>(TraceEvent.Kind.class);
    /** Task ids that make calls or are created by a fork (a thread may do neither's calls but still exist). */
    private final Set<Integer> pids = new HashSet<>();
    /** call → errno name → count. */
    private final Map<String, Map<String, Long>> errors = new TreeMap<>();
    private long events;
    private long durationNs;
    private long peak;
    private long mapped;
    private long moved;
    private long unmapped;

    public TraceSummary(String fileName, TraceHeader header, VmaReplay replay) {
        this.fileName = fileName;
        this.header = header;
        this.page = PageSize.of(header);
        this.walk = new TraceWalk((int) page, replay);
        for (TraceEvent.Kind k : TraceEvent.Kind.values()) {
            byKind.put(k, 0L);
        }
    }

    public void accept(long index, TraceEvent e) {
        events++;
        byKind.merge(e.kind(), 1L, Long::sum);
        pids.add(e.pid());
        if (e instanceof TraceEvent.Fork f) {
            pids.add(f.childPid());
        }
        durationNs += e.timeDeltaNs();
        TaskTable.Task before = walk.tasks().live(e.pid());
        long heapBefore = before == null ? 0 : before.mm.mappedBytes();
        long result = walk.step(index, e);
        if (Results.failed(result) && !(e instanceof TraceEvent.Brk)) {
            errors.computeIfAbsent(e.kind().key(), k -> new TreeMap<>()).merge(Results.errnoName(result), 1L, Long::sum);
        }
        TaskTable.Task task = walk.tasks().live(e.pid());
        if (task != null) {
            peak = Math.max(peak, task.mm.mappedBytes());
        }
        if (!Results.succeeded(result)) {
            return;
        }
        if (e instanceof TraceEvent.Mmap m) {
            mapped += pageUp(m.length());
        } else if (e instanceof TraceEvent.Munmap m) {
            unmapped += pageUp(m.length());
        } else if (e instanceof TraceEvent.Mremap m) {
            long oldLen = pageUp(m.oldLength());
            long newLen = pageUp(m.newLength());
            mapped += Math.max(0, newLen - oldLen);
            unmapped += Math.max(0, oldLen - newLen);
            if (result != m.oldAddr()) {
                moved += Math.min(oldLen, newLen);
            }
        } else if (e instanceof TraceEvent.Brk && task != null && before != null && task.mm == before.mm) {
            long delta = task.mm.mappedBytes() - heapBefore;
            mapped += Math.max(0, delta);
            unmapped += Math.max(0, -delta);
        }
    }

    private long pageUp(long v) {
        return (v + page - 1) & -page;
    }

    private long failedCalls() {
        return errors.values().stream().flatMap(m -> m.values().stream()).mapToLong(Long::longValue).sum();
    }

    /** The {@code --json} document; keys are documented in the README. */
    public Map<String, Object> json() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("file", fileName);
        root.put("format_version", header.formatVersion());
        root.put("header", HeaderJson.of(header));
        root.put("events", events);
        Map<String, Object> kinds = new TreeMap<>();
        byKind.forEach((k, v) -> kinds.put(k.key(), v));
        root.put("by_kind", kinds);
        root.put("pids", (long) pids.size());
        root.put("processes", walk.tasks().processes());
        root.put("threads", walk.tasks().threads());
        root.put("address_space_peak_bytes", peak);
        root.put("mapped_bytes", mapped);
        root.put("moved_bytes", moved);
        root.put("unmapped_bytes", unmapped);
        root.put("duration_ns", durationNs);
        Map<String, Object> err = new LinkedHashMap<>();
        err.put("failed_calls", failedCalls());
        err.put("by_call", errors);
        root.put("errors", err);
        root.put("vma_replay_stopped", walk.replay().stopped().isEmpty() ? null : walk.replay().stopped());
        return root;
    }

    /** The human-readable report. */
    public String text() {
        StringBuilder out = new StringBuilder();
        out.append(fileName).append('\n');
        HeaderJson.describe(header, out);
        out.append("events:      ").append(events).append(" over ").append(Units.seconds(durationNs)).append('\n');
        Table kinds = new Table("  kind", "events");
        byKind.forEach((k, v) -> {
            if (v > 0) {
                kinds.row("  " + k.key(), Long.toString(v));
            }
        });
        out.append(kinds.render());
        out.append("tasks:       ").append(walk.tasks().processes()).append(" processes, ")
                .append(walk.tasks().threads()).append(" threads (tasks sharing an mm through CLONE_VM), ")
                .append(pids.size()).append(" pids\n");
        out.append("peak:        ").append(Units.bytes(peak))
                .append(" mapped in the largest address space (mappings the trace shows)\n");
        out.append("bytes:       ").append(Units.bytes(mapped)).append(" mapped, ").append(Units.bytes(moved))
                .append(" moved, ").append(Units.bytes(unmapped)).append(" unmapped\n");
        out.append("errors:      ").append(failedCalls()).append(" failed calls");
        String sep = ": ";
        for (Map.Entry<String, Map<String, Long>> call : errors.entrySet()) {
            for (Map.Entry<String, Long> errno : call.getValue().entrySet()) {
                out.append(sep).append(call.getKey()).append(' ').append(errno.getKey()).append(' ').append(errno.getValue());
                sep = ", ";
            }
        }
        out.append('\n');
        if (!walk.replay().stopped().isEmpty()) {
            out.append("note:        the VMA replay stopped early (").append(walk.replay().stopped())
                    .append("); later unrecorded results are unknown\n");
        }
        return out.toString();
    }
}
