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
                + " per workload (real = the figure's median over the runs, each from the calling threads' CPU time; spread ="
                + " (max - min) / median; noisy: a run lies outside the tolerance of the median).%n", r.profile(), r.preset(), r.runs()));
        r.notes().forEach(n -> out.append(n).append('\n'));
        Table t = new Table("figure", "real", "spread", "simulated", "error", "tolerance", "result");
        for (LocalResult.Row row : r.rows()) {
            Tolerance tol = row.figure().tolerance(row.real());
            t.row(row.figure().id(), num(row.real()), String.format(Locale.ROOT, "%.0f %%", 100 * row.spread()),
                    num(row.simulated()),
                    Double.isFinite(row.real()) && Double.isFinite(row.simulated()) ? tol.formatError(row.real(), row.simulated()) : "-",
                    tol.describe(), (row.passed() ? "pass" : "FAIL") + (row.noisy() ? " (noisy)" : ""));
        }
        out.append(t.render());
        out.append(String.format(Locale.ROOT, "%n%d of %d figures within tolerance.%n", r.passedCount(), r.rows().size()));
        if (r.noisyCount() > 0) {
            out.append(String.format(Locale.ROOT, "%d noisy: a native run of theirs lies outside the tolerance of the real"
                    + " median, so this machine's real side cannot decide them (they still count as within tolerance only"
                    + " when the median is).%n", r.noisyCount()));
        }
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
            m.put("real_runs", row.realRuns().stream().map(LocalOutput::finite).toList());
            m.put("spread", finite(row.spread()));
            m.put("noisy", row.noisy());
            rows.add(m);
        }
        root.put("rows", rows);
        root.put("passed", r.passedCount());
        root.put("noisy", r.noisyCount());
        return root;
    }

    private static Object finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    private static String num(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.4g", v) : "-";
    }
}
