package org.ptreplay.tools.replay;

import java.util.List;
import org.ptreplay.core.replay.CellSpec;

/**
 * The cells of one replay in argument order (arch, then strategy, then profile), and what the
 * planner chose on the user's behalf (a default profile), one sentence each.
 */
public record Plan(List<CellSpec> cells, List<String> notes) {
    public Plan {
        cells = List.copyOf(cells);
        notes = List.copyOf(notes);
    }
}
