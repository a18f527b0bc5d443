package org.ptreplay.tools.replay;

import java.util.Map;
import org.ptreplay.core.replay.CellResult;
import org.ptreplay.core.replay.ReplayOutcome;
import org.ptreplay.core.value.LedgerSnapshot;

/**
 * {@code --csv}: one row per cell, syscall kind and primitive with a non-zero count (RFC 4180,
 * header first). {@code syscall_sim_ps} repeats the kind's total on each of its rows;
 * {@code primitive_ps} is what that primitive cost within the kind.
 */
public final class CsvOutput {
    public static final String HEADER = "cell,arch,strategy,profile,syscall,calls,syscall_sim_ps,primitive,count,primitive_ps";

    private CsvOutput() {
    }

    public static String render(ReplayOutcome outcome) {
        StringBuilder out = new StringBuilder(HEADER).append("\r\n");
        for (CellResult c : outcome.cells()) {
            for (Map.Entry<String, LedgerSnapshot.KindEntry> k : c.result().ledger().syscalls().entrySet()) {
                LedgerSnapshot.KindEntry e = k.getValue();
                Map<String, Long> ps = e.primitivePs().nonZero();
                e.counts().nonZero().forEach((primitive, count) -> {
                    out.append(field(c.spec().label())).append(',')
                            .append(field(c.spec().arch().name())).append(',')
                            .append(field(c.spec().kernel().name())).append(',')
                            .append(field(c.spec().profile().name())).append(',')
                            .append(field(k.getKey())).append(',')
                            .append(e.calls()).append(',')
                            .append(e.ps()).append(',')
                            .append(primitive).append(',')
                            .append(count).append(',')
                            .append(ps.getOrDefault(primitive, 0L)).append("\r\n");
                });
            }
        }
        return out.toString();
    }

    /** Quoted when it holds a comma, a quote or a line break (RFC 4180 §2). */
    public static String field(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
