package org.ptreplay.tools.compare;

import java.util.ArrayList;
import java.util.List;
import org.ptreplay.tools.replay.CsvOutput;

/**
 * {@code compare --csv} and {@code diff --csv}: RFC 4180 with CRLF line ends, one row per pair,
 * table ({@code syscall}, {@code path}, {@code primitive}) and name, every non-zero row in the
 * ranked order; {@code count_deltas} is {@code PRIMITIVE:+N} pairs joined by spaces.
 */
public final class CompareCsv {
    public static final String HEADER = "baseline,other,table,name,baseline_ps,other_ps,delta_ps,count_deltas";

    private CompareCsv() {
    }

    public static String render(List<Comparison> pairs) {
        StringBuilder out = new StringBuilder(HEADER).append("\r\n");
        for (Comparison c : pairs) {
            rows(out, c, "syscall", c.syscalls());
            rows(out, c, "path", c.paths());
            rows(out, c, "primitive", c.primitives());
        }
        return out.toString();
    }

    private static void rows(StringBuilder out, Comparison c, String table, List<Comparison.Delta> deltas) {
        for (Comparison.Delta d : deltas) {
            List<String> counts = new ArrayList<>();
            d.counts().forEach((p, n) -> counts.add(p + ":" + (n > 0 ? "+" : "") + n));
            out.append(CsvOutput.field(c.baseline().id())).append(',')
                    .append(CsvOutput.field(c.other().id())).append(',')
                    .append(table).append(',')
                    .append(CsvOutput.field(d.name())).append(',')
                    .append(d.basePs()).append(',')
                    .append(d.otherPs()).append(',')
                    .append(d.deltaPs()).append(',')
                    .append(CsvOutput.field(String.join(" ", counts))).append("\r\n");
        }
    }
}
