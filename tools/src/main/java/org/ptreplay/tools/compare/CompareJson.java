package org.ptreplay.tools.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/** {@code comparisons} in {@code compare --json} and {@code diff --json}: one object per pair, every non-zero row. */
public final class CompareJson {
    private CompareJson() {
    }

    public static List<Object> pairs(List<Comparison> comparisons) {
        List<Object> pairs = new ArrayList<>();
        for (Comparison c : comparisons) {
            SortedMap<String, Object> m = new TreeMap<>();
            m.put("arch", c.baseline().arch());
            m.put("profile", c.baseline().profile());
            m.put("baseline", c.baseline().id());
            m.put("other", c.other().id());
            m.put("delta_ps", c.deltaPs());
            m.put("by_syscall", rows(c.syscalls()));
            m.put("by_path", rows(c.paths()));
            m.put("by_primitive", rows(c.primitives()));
            m.put("stream_delta_ps", c.streamDeltaPs());
            pairs.add(m);
        }
        return pairs;
    }

    private static List<Object> rows(List<Comparison.Delta> deltas) {
        List<Object> rows = new ArrayList<>();
        for (Comparison.Delta d : deltas) {
            SortedMap<String, Object> r = new TreeMap<>();
            r.put("name", d.name());
            r.put("baseline_ps", d.basePs());
            r.put("other_ps", d.otherPs());
            r.put("delta_ps", d.deltaPs());
            r.put("count_deltas", new TreeMap<String, Object>(d.counts()));
            rows.add(r);
        }
        return rows;
    }
}
