package org.ptreplay.trace.importer;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.ptreplay.trace.TraceEvent;

/**
 * What an import read and what it left out.
 *
 * @param lines             lines read
 * @param eventsByKind      events written, by kind (synthesized touches included), in kind order
 * @param skippedSyscalls   syscalls (strace) or events (perf) that ptreplay does not model, by name, sorted;
 *                          failed execve and clone-family calls (no exec, no new task) as {@code "NAME (failed)"}
 * @param unparsedLines     lines that were neither a call, a fault, a signal, an exit nor a comment
 * @param firstUnparsedLine the first such line (1-based), 0 if none
 * @param unfinishedCalls   calls that started but never returned in the recording; dropped, since
 *                          whether the kernel completed them is unknown
 * @param orphanReturns     returns without a start (the recording began mid-call); dropped
 * @param threadsCreated    Fork events with CLONE_THREAD
 * @param processesCreated  Fork events without CLONE_THREAD
 * @param forkFlagSources   perf only: where each fork's clone flags came from ({@code task:task_newtask},
 *                          {@code syscalls:sys_enter_clone}, the thread-group id, or unknown), by source
 */
public record ImportStats(long lines, Map<TraceEvent.Kind, Long> eventsByKind,
                          SortedMap<String, Long> skippedSyscalls, long unparsedLines,
                          long firstUnparsedLine, long unfinishedCalls, long orphanReturns,
                          long threadsCreated, long processesCreated, SortedMap<String, Long> forkFlagSources) {

    /** A fork source: the child's first line showed whether it joined its parent's thread group. */
    public static final String FLAGS_FROM_TGID = "thread-group id";
    /** A fork source: neither flags nor a thread-group id; written as a fork (flags 0). */
    public static final String FLAGS_UNKNOWN = "unknown";

    public ImportStats {
        EnumMap<TraceEvent.Kind, Long> kinds = new EnumMap<>(TraceEvent.Kind.class);
        kinds.putAll(eventsByKind);
        eventsByKind = Collections.unmodifiableMap(kinds);
        skippedSyscalls = Collections.unmodifiableSortedMap(new TreeMap<>(skippedSyscalls));
        forkFlagSources = Collections.unmodifiableSortedMap(new TreeMap<>(forkFlagSources));
    }

    /** Events of one kind; 0 when none. */
    public long count(TraceEvent.Kind kind) {
        return eventsByKind.getOrDefault(kind, 0L);
    }

    /** All events written. */
    public long events() {
        return eventsByKind.values().stream().mapToLong(Long::longValue).sum();
    }

    /** All skipped calls. */
    public long skipped() {
        return skippedSyscalls.values().stream().mapToLong(Long::longValue).sum();
    }
}
