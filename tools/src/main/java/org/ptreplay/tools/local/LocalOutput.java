package org.ptreplay.tools.local;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SortedMap;
import java.util.TreeMap;
import org.ptreplay.tools.text.Table;
import org.ptreplay.tools.validate.Tolerance;

/** The table and JSON of {@code validate --local}. */
public final class LocalOutput {
    private LocalOutput() {
    }

    public static String text(LocalResult r) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "validate --local: this machine against profile %s with %s, %d native runs"
                + " per workload (real = median of the calling thread's CPU time).%n", r.profile(), r.preset(), r.runs()));
        r.notes().forEach(n -> out.append(n).append('\n'));
        Table t = new Table("figure", "real", "simulated", "error", "tolerance", "result");
        for (LocalResult.Row row : r.rows()) {
            Tolerance tol = row.figure().tolerance(row.real());
            t.row(row.figure().id(), num(row.real()), num(row.simulated()),
                    Double.isFinite(row.real()) && Double.isFinite(row.simulated()) ? tol.formatError(row.real(), row.simulated()) : "-",
                    tol.describe(), row.passed() ? "pass" : "FAIL");
        }
        out.append(t.render());
        out.append(String.format(Locale.ROOT, "%n%d of %d figures within tolerance.%n", r.passedCount(), r.rows().size()));
        return out.toString();
    }

    public static SortedMap<String, Object> json(LocalResult r) {
        SortedMap<String, Object> root = new TreeMap<>();
        root.put("profile", r.profile());
        root.put("preset", r.preset());
        root.put("runs", (long) r.runs());
        root.put("notes", new ArrayList<Object>(r.notes()));
        List<Object> rows = new ArrayList<>();
        for (LocalResult.Row row : r.rows()) {
            SortedMap<String, Object> m = new TreeMap<>();
            Tolerance tol = row.figure().tolerance(row.real());
            m.put("figure", row.figure().id());
            m.put("describe", row.figure().describe());
            m.put("real", finite(row.real()));
            m.put("simulated", finite(row.simulated()));
            m.put("error", Double.isFinite(row.real()) && Double.isFinite(row.simulated())
                    ? finite(tol.error(row.real(), row.simulated())) : null);
            m.put("tolerance", tol.describe());
            m.put("passed", row.passed());
            rows.add(m);
        }
        root.put("rows", rows);
        root.put("passed", r.passedCount());
        return root;
    }

    private static Object finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    private static String num(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.4g", v) : "-";
    }
}
