package org.ptreplay.tools.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * How one folded path's SELF cost changed from the baseline cell to another cell.
 *
 * @param path        the folded stack
 * @param base        its self cost in the baseline ({@link Usage#NONE} if absent there)
 * @param cell        its self cost in the other cell ({@link Usage#NONE} if absent there)
 * @param countDeltas primitive to (cell − baseline) count, only the non-zero ones
 */
record PathDelta(String path, Usage base, Usage cell, SortedMap<String, Long> countDeltas) {

    PathDelta {
        countDeltas = Collections.unmodifiableSortedMap(new TreeMap<>(countDeltas));
    }

    long deltaPs() {
        return cell.simPs() - base.simPs();
    }

    /** The paths whose self time changed, largest change (either way) first, then by path; at most limit. */
    static List<PathDelta> top(CellData baseline, CellData cell, int limit) {
        TreeSet<String> paths = new TreeSet<>(baseline.byPath().keySet());
        paths.addAll(cell.byPath().keySet());
        List<PathDelta> out = new ArrayList<>();
        for (String path : paths) {
            PathDelta d = of(path, baseline.byPath().getOrDefault(path, Usage.NONE), cell.byPath().getOrDefault(path, Usage.NONE));
            if (d.deltaPs() != 0) {
                out.add(d);
            }
        }
        out.sort(Comparator.comparingLong((PathDelta d) -> Math.abs(d.deltaPs())).reversed().thenComparing(PathDelta::path));
        return out.subList(0, Math.min(limit, out.size()));
    }

    private static PathDelta of(String path, Usage base, Usage cell) {
        TreeSet<String> primitives = new TreeSet<>(base.counts().keySet());
        primitives.addAll(cell.counts().keySet());
        SortedMap<String, Long> deltas = new TreeMap<>();
        for (String p : primitives) {
            long d = cell.count(p) - base.count(p);
            if (d != 0) {
                deltas.put(p, d);
            }
        }
        return new PathDelta(path, base, cell, deltas);
    }

    /**
     * The count changes with the time they account for. by_path carries counts and time but not
     * time per primitive, so each change is priced at the primitive's mean price in the path's
     * syscall kind, where the cache model's prices are most alike; failing that in the cell's
     * totals; failing that in the baseline's, the same way. An estimate: the
     * same primitive costs more or less with the state of the simulated caches. Largest estimated
     * time first (either way); unpriced changes after, by count; then by name.
     */
    List<PrimitiveDelta> primitives(CellData baseline, CellData other) {
        String first = path.split(";", 2)[0];
        // Touch events charge under the frames fault and user but count as the kind touch (README, replay JSON).
        String kind = first.equals("fault") || first.equals("user") ? "touch" : first;
        List<PrimitiveDelta> out = new ArrayList<>();
        countDeltas.forEach((p, n) -> {
            double mean = meanPs(other, kind, p);
            if (mean < 0) {
                mean = meanPs(baseline, kind, p);
            }
            out.add(new PrimitiveDelta(p, n, mean < 0 ? null : Math.round(n * mean)));
        });
        out.sort(Comparator.comparingLong((PrimitiveDelta d) -> d.estimatedPs() == null ? -1 : Math.abs(d.estimatedPs())).reversed()
                .thenComparing(Comparator.comparingLong((PrimitiveDelta d) -> Math.abs(d.count())).reversed())
                .thenComparing(PrimitiveDelta::primitive));
        return out;
    }

    private static double meanPs(CellData cell, String kind, String primitive) {
        Usage local = cell.bySyscall().get(kind);
        double mean = local == null ? -1 : local.meanPs(primitive);
        return mean >= 0 ? mean : cell.totals().meanPs(primitive);
    }

    /**
     * @param primitive   the primitive's name
     * @param count       cell − baseline count
     * @param estimatedPs count × mean price, or null when the tree has no price for it
     */
    record PrimitiveDelta(String primitive, long count, Long estimatedPs) {
    }
}
