package org.ptreplay.trace.importer;

import java.util.EnumMap;
import java.util.TreeMap;
import org.ptreplay.trace.TraceEvent;

/** The mutable tally behind {@link ImportStats}, one per import. */
final class StatsCounter {
    private final EnumMap<TraceEvent.Kind, Long> events = new EnumMap<>(TraceEvent.Kind.class);
    private final TreeMap<String, Long> skipped = new TreeMap<>();
    private long unparsed;
    private long firstUnparsed;
    long unfinished;
    long orphanReturns;

    void event(TraceEvent.Kind kind) {
        events.merge(kind, 1L, Long::sum);
    }

    void skipped(String name) {
        skipped.merge(name, 1L, Long::sum);
    }

    void unparsed(long line) {
        if (unparsed++ == 0) {
            firstUnparsed = line;
        }
    }

    ImportStats snapshot(long lines) {
        return new ImportStats(lines, events, skipped, unparsed, firstUnparsed, unfinished, orphanReturns);
    }
}
