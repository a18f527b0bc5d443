package org.ptreplay.tools.report;

import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The replay result the page shows.
 *
 * @param trace what the tree says about the trace, flattened to dotted keys, values as text
 * @param notes the engine's notes on how it ran the cells, one sentence each
 * @param cells the cells in the tree's order; the first is the baseline of every comparison
 * @param host  host measurements (wall time, events/s…): not deterministic, flattened like trace
 */
public record ReportData(SortedMap<String, String> trace, List<String> notes, List<CellData> cells, SortedMap<String, String> host) {

    public ReportData {
        trace = Collections.unmodifiableSortedMap(new TreeMap<>(trace));
        notes = List.copyOf(notes);
        cells = List.copyOf(cells);
        host = Collections.unmodifiableSortedMap(new TreeMap<>(host));
    }
}
