package org.ptreplay.core.value;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a replay charged: SELF counts and picoseconds per path (folded-stack form, e.g.
 * {@code mremap;move_page_tables;move_ptes}), per syscall kind, and in total. The
 * {@code primitivePs} vectors hold picoseconds (not counts) per primitive: what each primitive
 * cost, cache misses included. Their sum is the time minus the user-data stream of touch events,
 * which belongs to no primitive.
 */
public record LedgerSnapshot(SortedMap<String, PathEntry> paths, SortedMap<String, KindEntry> syscalls,
                             PrimitiveCounts totals, long totalPs, PrimitiveCounts primitivePs) {

    public LedgerSnapshot {
        paths = Collections.unmodifiableSortedMap(new TreeMap<>(paths));
        syscalls = Collections.unmodifiableSortedMap(new TreeMap<>(syscalls));
    }

    /** SELF charges of one path node. */
    public record PathEntry(PrimitiveCounts counts, long ps, PrimitiveCounts primitivePs) {
    }

    /** Everything charged while replaying events of one kind. */
    public record KindEntry(long calls, PrimitiveCounts counts, long ps, PrimitiveCounts primitivePs) {
    }

    /** SELF counts of exactly {@code path}, zero if it was never charged. */
    public PrimitiveCounts self(String path) {
        PathEntry e = paths.get(path);
        return e == null ? PrimitiveCounts.zero() : e.counts();
    }

    /** Counts of {@code path} and every path below it. */
    public PrimitiveCounts inclusive(String path) {
        PrimitiveCounts sum = PrimitiveCounts.zero();
        for (Map.Entry<String, PathEntry> e : paths.entrySet()) {
            String k = e.getKey();
            if (k.equals(path) || k.startsWith(path + ";")) {
                sum = sum.plus(e.getValue().counts());
            }
        }
        return sum;
    }
}
