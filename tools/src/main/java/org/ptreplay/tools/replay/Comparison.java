package org.ptreplay.tools.replay;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.ptreplay.spi.ops.Primitive;
import org.ptreplay.core.replay.CellResult;
import org.ptreplay.core.replay.ReplayOutcome;
import org.ptreplay.core.value.LedgerSnapshot;
import org.ptreplay.core.value.PrimitiveCounts;

/**
 * One strategy against the baseline on the same arch and profile: where the simulated time
 * difference comes from. Both decompositions are exact: the path deltas (SELF time, as in
 * folded stacks) sum to the total delta, and so do the primitive deltas plus the delta of the
 * user-data stream of touch events (time that belongs to no primitive).
 *
 * @param baseline   the baseline cell
 * @param other      the compared cell
 * @param syscalls   per syscall kind, largest |delta| first
 * @param paths      per path with a non-zero delta, largest |delta| first
 * @param primitives per primitive with a non-zero time or count delta, largest |time delta| first
 * @param streamDeltaPs the difference in user-data stream time
 */
public record Comparison(CellResult baseline, CellResult other, List<Delta> syscalls, List<Delta> paths,
                         List<Delta> primitives, long streamDeltaPs) {

    /**
     * One row: {@code name} costs {@code basePs} in the baseline and {@code otherPs} in the other
     * cell; {@code counts} holds the non-zero count deltas per primitive (for a primitive row, its own).
     */
    public record Delta(String name, long basePs, long otherPs, SortedMap<String, Long> counts) {
        public long deltaPs() {
            return otherPs - basePs;
        }
    }

    public long deltaPs() {
        return other.result().ledger().totalPs() - baseline.result().ledger().totalPs();
    }

    /**
     * Pairs every cell with the first cell of the same arch (with its options) and profile: the
     * plan puts the baseline strategy first, so that is the baseline's cell.
     */
    public static List<Comparison> of(ReplayOutcome outcome) {
        Map<String, CellResult> baselines = new LinkedHashMap<>();
        List<Comparison> out = new ArrayList<>();
        for (CellResult c : outcome.cells()) {
            String group = c.spec().arch().name() + c.spec().userOptions() + "/" + c.spec().profile().name();
            CellResult base = baselines.putIfAbsent(group, c);
            if (base != null) {
                out.add(between(base, c));
            }
        }
        return out;
    }

    static Comparison between(CellResult base, CellResult other) {
        LedgerSnapshot a = base.result().ledger();
        LedgerSnapshot b = other.result().ledger();
        List<Delta> syscalls = new ArrayList<>();
        for (String kind : union(a.syscalls().keySet(), b.syscalls().keySet())) {
            LedgerSnapshot.KindEntry x = a.syscalls().get(kind);
            LedgerSnapshot.KindEntry y = b.syscalls().get(kind);
            syscalls.add(new Delta(kind, x == null ? 0 : x.ps(), y == null ? 0 : y.ps(),
                    countDelta(x == null ? PrimitiveCounts.zero() : x.counts(), y == null ? PrimitiveCounts.zero() : y.counts())));
        }
        List<Delta> paths = new ArrayList<>();
        for (String path : union(a.paths().keySet(), b.paths().keySet())) {
            LedgerSnapshot.PathEntry x = a.paths().get(path);
            LedgerSnapshot.PathEntry y = b.paths().get(path);
            Delta d = new Delta(path, x == null ? 0 : x.ps(), y == null ? 0 : y.ps(),
                    countDelta(x == null ? PrimitiveCounts.zero() : x.counts(), y == null ? PrimitiveCounts.zero() : y.counts()));
            if (d.deltaPs() != 0 || !d.counts().isEmpty()) {
                paths.add(d);
            }
        }
        List<Delta> primitives = new ArrayList<>();
        for (int i = 0; i < Primitive.count(); i++) {
            Primitive p = Primitive.byOrdinal(i);
            long countDelta = b.totals().get(p) - a.totals().get(p);
            Delta d = new Delta(p.key(), a.primitivePs().get(p), b.primitivePs().get(p),
                    countDelta == 0 ? new TreeMap<>() : new TreeMap<>(Map.of(p.key(), countDelta)));
            if (d.deltaPs() != 0 || countDelta != 0) {
                primitives.add(d);
            }
        }
        Comparator<Delta> largest = Comparator.comparingLong((Delta d) -> -Math.abs(d.deltaPs())).thenComparing(Delta::name);
        syscalls.sort(largest);
        paths.sort(largest);
        primitives.sort(largest);
        long stream = stream(b) - stream(a);
        return new Comparison(base, other, syscalls, paths, primitives, stream);
    }

    /** Time charged without a primitive: the user-data stream of touch events. */
    private static long stream(LedgerSnapshot l) {
        long primitives = 0;
        for (int i = 0; i < Primitive.count(); i++) {
            primitives += l.primitivePs().get(Primitive.byOrdinal(i));
        }
        return l.totalPs() - primitives;
    }

    private static SortedMap<String, Long> countDelta(PrimitiveCounts a, PrimitiveCounts b) {
        SortedMap<String, Long> m = new TreeMap<>();
        for (int i = 0; i < Primitive.count(); i++) {
            Primitive p = Primitive.byOrdinal(i);
            long d = b.get(p) - a.get(p);
            if (d != 0) {
                m.put(p.key(), d);
            }
        }
        return m;
    }

    private static TreeSet<String> union(java.util.Set<String> a, java.util.Set<String> b) {
        TreeSet<String> all = new TreeSet<>(a);
        all.addAll(b);
        return all;
    }
}
