package org.ptreplay.trace.importer;

/**
 * Turns absolute timestamps into the time deltas that events carry. Timestamps of interleaved
 * tasks are not monotonic in strace output (a resumed line can carry an earlier time than a
 * line printed before it), and a delta cannot be negative: such events get 0 and the clock
 * keeps the latest time.
 */
final class EventClock {
    /** No timestamp on the line. */
    static final long NONE = Long.MIN_VALUE;

    private long last = NONE;

    /** The delta from the previous event to an event at {@code timeNs}, 0 when unknown. */
    long delta(long timeNs) {
        if (timeNs == NONE) {
            return 0;
        }
        if (last == NONE || timeNs <= last) {
            last = last == NONE ? timeNs : last;
            return 0;
        }
        long d = timeNs - last;
        last = timeNs;
        return d;
    }
}
