package org.ptreplay.trace.importer;

import java.util.EnumMap;
import java.util.TreeMap;
import org.ptreplay.trace.Flags;
import org.ptreplay.trace.TraceEvent;

/** The mutable tally behind {@link ImportStats}, one per import. */
final class StatsCounter {
    private final EnumMap<TraceEvent.Kind, Long> events = new EnumMap<>(TraceEvent.Kind.class);
    private final TreeMap<String, Long> skipped = new TreeMap<>();
    private final TreeMap<String, Long> forkFlags = new TreeMap<>();
    private long threads;
    private long processes;
    private long unparsed;
    private long firstUnparsed;
    long unfinished;
    long orphanReturns;

    void event(TraceEvent e) {
        events.merge(e.kind(), 1L, Long::sum);
        if (e instanceof TraceEvent.Fork f) {
            if ((f.cloneFlags() & Flags.CLONE_THREAD) != 0) {
                threads++;
            } else {
                processes++;
            }
        }
    }

    /** A fork's clone flags came from {@code source}. */
    void forkFlags(String source) {
        forkFlags.merge(source, 1L, Long::sum);
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
        return new ImportStats(lines, events, skipped, unparsed, firstUnparsed, unfinished, orphanReturns,
                threads, processes, forkFlags);
    }
}
