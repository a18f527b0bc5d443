package org.ptreplay.tools.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
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

    long deltaNs() {
        return cell.simNs() - base.simNs();
    }

    /** The paths whose self time changed, largest change (either way) first, then by path; at most limit. */
    static List<PathDelta> top(CellData baseline, CellData cell, int limit) {
        TreeSet<String> paths = new TreeSet<>(baseline.byPath().keySet());
        paths.addAll(cell.byPath().keySet());
        List<PathDelta> out = new ArrayList<>();
        for (String path : paths) {
            PathDelta d = of(path, baseline.byPath().getOrDefault(path, Usage.NONE), cell.byPath().getOrDefault(path, Usage.NONE));
            if (d.deltaNs() != 0) {
                out.add(d);
            }
        }
        out.sort(Comparator.comparingLong((PathDelta d) -> Math.abs(d.deltaNs())).reversed().thenComparing(PathDelta::path));
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

    /** The count changes, largest first (either way), then by primitive name. */
    List<Map.Entry<String, Long>> largestCountDeltas() {
        List<Map.Entry<String, Long>> entries = new ArrayList<>(countDeltas.entrySet());
        entries.sort(Comparator.comparingLong((Map.Entry<String, Long> e) -> Math.abs(e.getValue())).reversed()
                .thenComparing(Map.Entry.comparingByKey()));
        return entries;
    }
}
