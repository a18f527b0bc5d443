package org.ptreplay.tools.compare;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.ptreplay.tools.report.CellData;

/**
 * The cells of two saved replay documents paired for {@code diff}, in the manner of
 * {@code perf diff}: each cell of the second document with the cell of the first that has the
 * same label; failing that, the cell at the same position among the cells of the same arch and
 * profile; failing that, when each document has one cell, that one. Cells left over are listed.
 */
public record DocumentPairs(List<Comparison> pairs, List<String> unmatched) {

    public static DocumentPairs of(List<CellData> baseline, List<CellData> other) {
        List<Comparison> pairs = new ArrayList<>();
        List<String> unmatched = new ArrayList<>();
        Set<Integer> used = new HashSet<>();
        for (int j = 0; j < other.size(); j++) {
            CellData b = other.get(j);
            int i = match(baseline, other, j, used);
            if (i < 0) {
                unmatched.add(b.id().isEmpty() ? b.arch() + "/" + b.strategy() + "/" + b.profile() : b.id());
            } else {
                used.add(i);
                pairs.add(Comparison.between(baseline.get(i), b));
            }
        }
        for (int i = 0; i < baseline.size(); i++) {
            if (!used.contains(i)) {
                CellData a = baseline.get(i);
                unmatched.add(a.id().isEmpty() ? a.arch() + "/" + a.strategy() + "/" + a.profile() : a.id());
            }
        }
        return new DocumentPairs(pairs, unmatched);
    }

    private static int match(List<CellData> baseline, List<CellData> other, int j, Set<Integer> used) {
        CellData b = other.get(j);
        for (int i = 0; i < baseline.size(); i++) {
            if (!used.contains(i) && !b.id().isEmpty() && baseline.get(i).id().equals(b.id())) {
                return i;
            }
        }
        String group = Pairing.group(b);
        int position = 0;
        for (int k = 0; k < j; k++) {
            position += Pairing.group(other.get(k)).equals(group) ? 1 : 0;
        }
        int seen = 0;
        for (int i = 0; i < baseline.size(); i++) {
            if (Pairing.group(baseline.get(i)).equals(group)) {
                if (seen == position) {
                    return used.contains(i) ? -1 : i;
                }
                seen++;
            }
        }
        return baseline.size() == 1 && other.size() == 1 ? 0 : -1;
    }
}
