package org.ptreplay.tools.compare;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ptreplay.tools.report.CellData;

/**
 * Which cell each cell is compared with. Cells are grouped by arch (with the options the user
 * gave) and profile, since a time on arm64 against one on x86 says nothing about a strategy; the
 * baseline of a group is its first cell, which is its first strategy (the commands put
 * {@code --baseline} first). The same rule serves the text tables, the HTML report and
 * {@code compare}.
 */
public final class Pairing {
    private Pairing() {
    }

    /**
     * The group of a cell from its label ({@code arch[:options]/strategy/profile}): the arch part
     * and the profile. A strategy argument may hold {@code /} (preset overrides), an arch option
     * or a profile name never does. Without a label, the arch and profile settings.
     */
    public static String group(String label, String arch, String profile) {
        int first = label.indexOf('/');
        int last = label.lastIndexOf('/');
        if (first < 0 || first == last) {
            return arch + "/" + profile;
        }
        return label.substring(0, first) + label.substring(last);
    }

    public static String group(CellData cell) {
        return group(cell.id(), cell.arch(), cell.profile());
    }

    /** For each cell, the index of its baseline: the first cell of its group (itself for a baseline). */
    public static int[] baselines(List<String> groups) {
        Map<String, Integer> first = new LinkedHashMap<>();
        int[] out = new int[groups.size()];
        for (int i = 0; i < groups.size(); i++) {
            first.putIfAbsent(groups.get(i), i);
            out[i] = first.get(groups.get(i));
        }
        return out;
    }

    /** Whether cell {@code c} is the baseline of at least one other cell. */
    public static boolean leadsOthers(int[] baselines, int c) {
        for (int i = 0; i < baselines.length; i++) {
            if (i != c && baselines[i] == c) {
                return true;
            }
        }
        return false;
    }

    public static int[] baselinesOf(List<CellData> cells) {
        List<String> groups = new ArrayList<>();
        cells.forEach(c -> groups.add(group(c)));
        return baselines(groups);
    }

    /**
     * The strategy arguments with {@code baseline} first: moved there when given, added when not.
     * A null baseline leaves the order as given.
     */
    public static List<String> baselineFirst(String baseline, List<String> strategies) {
        List<String> out = new ArrayList<>();
        if (baseline != null) {
            out.add(baseline);
        }
        for (String s : strategies) {
            if (!s.equals(baseline)) {
                out.add(s);
            }
        }
        return out;
    }
}
