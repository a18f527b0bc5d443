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
    /** Unparsed lines in a row that end an import; a real recording has a stray line here and there. */
    static final int MAX_UNPARSED_RUN = 1000;
    private long unparsed;
    private long lastUnparsed = -2;
    private long unparsedRun;
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

    /**
     * Line {@code line} of {@code fileName} has no known shape.
     *
     * @throws ImportException it ends a run of {@link #MAX_UNPARSED_RUN} such lines: the input is
     *                         not a recording of this kind (random bytes would otherwise be read
     *                         for ever from a device such as /dev/urandom)
     */
    void unparsed(String fileName, long line, String kind) throws ImportException {
        if (unparsed++ == 0) {
            firstUnparsed = line;
        }
        unparsedRun = line == lastUnparsed + 1 ? unparsedRun + 1 : 1;
        lastUnparsed = line;
        if (unparsedRun >= MAX_UNPARSED_RUN) {
            throw new ImportException(fileName, line, MAX_UNPARSED_RUN + " lines in a row are of no known shape, so this is not "
                    + kind + " output");
        }
    }

    ImportStats snapshot(long lines) {
        return new ImportStats(lines, events, skipped, unparsed, firstUnparsed, unfinished, orphanReturns,
                threads, processes, forkFlags);
    }
}
