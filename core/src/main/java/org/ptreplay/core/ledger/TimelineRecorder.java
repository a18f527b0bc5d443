package org.ptreplay.core.ledger;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.ptreplay.core.value.TimelineEvent;

/**
 * Collects the first {@code limit} events of one cell as {@link TimelineEvent}s (the
 * {@code --timeline} export). The ledger closes each event when the next begins, from the
 * difference of its per-node times, so recording costs one pass over the path nodes per recorded
 * event and nothing on the charge path; past the limit it only counts.
 */
public final class TimelineRecorder {
    final int limit;
    final List<TimelineEvent> events = new ArrayList<>();
    /** Each node's time when the open event began. */
    long[] before = new long[0];
    boolean open;
    long openIndex;
    String openKind;
    int openNode;
    long openStartPs;
    long seen;

    public TimelineRecorder(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("a timeline holds 0 or more events, not " + limit);
        }
        this.limit = limit;
    }

    /** The recorded events in trace order. */
    public List<TimelineEvent> events() {
        return Collections.unmodifiableList(events);
    }

    /** Events the cell replayed beyond the limit, not recorded. */
    public long omitted() {
        return seen - events.size();
    }
}
