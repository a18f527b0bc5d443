package org.ptreplay.tools.compare;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.ptreplay.tools.report.CellData;
import org.ptreplay.tools.report.Usage;

/**
 * One cell against its baseline: where the simulated time difference comes from. Both
 * decompositions are exact: the path deltas (SELF time, as in folded stacks) sum to the total
 * delta, and so do the primitive deltas plus the delta of the user-data stream of touch events
 * (time that belongs to no primitive). Built from replay documents, so {@code compare} (one
 * replay) and {@code diff} (two saved documents) rank the same way.
 *
 * @param baseline      the baseline cell
 * @param other         the compared cell
 * @param syscalls      per syscall kind, largest |delta| first
 * @param paths         per path with a non-zero delta, largest |delta| first
 * @param primitives    per primitive with a non-zero time or count delta, largest |time delta| first
 * @param streamDeltaPs the difference in user-data stream time
 */
public record Comparison(CellData baseline, CellData other, List<Delta> syscalls, List<Delta> paths,
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
        return other.totals().simPs() - baseline.totals().simPs();
    }

    /** Every cell against the first cell of its arch and profile ({@link Pairing}), in cell order. */
    public static List<Comparison> of(List<CellData> cells) {
        int[] base = Pairing.baselinesOf(cells);
        List<Comparison> out = new ArrayList<>();
        for (int i = 0; i < cells.size(); i++) {
            if (base[i] != i) {
                out.add(between(cells.get(base[i]), cells.get(i)));
            }
        }
        return out;
    }

    public static Comparison between(CellData base, CellData other) {
        List<Delta> syscalls = new ArrayList<>();
        for (String kind : union(base.bySyscall().keySet(), other.bySyscall().keySet())) {
            syscalls.add(delta(kind, base.bySyscall().getOrDefault(kind, Usage.NONE), other.bySyscall().getOrDefault(kind, Usage.NONE)));
        }
        List<Delta> paths = new ArrayList<>();
        for (String path : union(base.byPath().keySet(), other.byPath().keySet())) {
            Delta d = delta(path, base.byPath().getOrDefault(path, Usage.NONE), other.byPath().getOrDefault(path, Usage.NONE));
            if (d.deltaPs() != 0 || !d.counts().isEmpty()) {
                paths.add(d);
            }
        }
        Usage a = base.totals();
        Usage b = other.totals();
        List<Delta> primitives = new ArrayList<>();
        TreeSet<String> names = union(union(a.counts().keySet(), b.counts().keySet()), union(a.primitivePs().keySet(), b.primitivePs().keySet()));
        for (String p : names) {
            long countDelta = b.count(p) - a.count(p);
            Delta d = new Delta(p, a.primitivePs().getOrDefault(p, 0L), b.primitivePs().getOrDefault(p, 0L),
                    countDelta == 0 ? new TreeMap<>() : new TreeMap<>(Map.of(p, countDelta)));
            if (d.deltaPs() != 0 || countDelta != 0) {
                primitives.add(d);
            }
        }
        Comparator<Delta> largest = Comparator.comparingLong((Delta d) -> -Math.abs(d.deltaPs())).thenComparing(Delta::name);
        syscalls.sort(largest);
        paths.sort(largest);
        primitives.sort(largest);
        return new Comparison(base, other, syscalls, paths, primitives, stream(b) - stream(a));
    }

    private static Delta delta(String name, Usage a, Usage b) {
        SortedMap<String, Long> counts = new TreeMap<>();
        for (String p : union(a.counts().keySet(), b.counts().keySet())) {
            long d = b.count(p) - a.count(p);
            if (d != 0) {
                counts.put(p, d);
            }
        }
        return new Delta(name, a.simPs(), b.simPs(), counts);
    }

    /** Time charged without a primitive: the user-data stream of touch events. */
    private static long stream(Usage totals) {
        long primitives = 0;
        for (long ps : totals.primitivePs().values()) {
            primitives += ps;
        }
        return totals.simPs() - primitives;
    }

    private static TreeSet<String> union(java.util.Set<String> a, java.util.Set<String> b) {
        TreeSet<String> all = new TreeSet<>(a);
        all.addAll(b);
        return all;
    }
}
