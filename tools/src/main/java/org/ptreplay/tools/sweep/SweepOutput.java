package org.ptreplay.tools.sweep;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.ptreplay.tools.text.Json;

/**
 * Assembles a sweep's results from its job files, in grid order, into the output directory:
 * {@code table.csv} and {@code table.parquet} (the tidy table), {@code sweep.json} (the spec,
 * the ptreplay version and every job's status), {@code failed-jobs.txt} (one sentence per failed
 * job) and {@code sweep.html}. Every file is a function of the spec and the job files: the
 * same grid gives the same bytes whatever the engine or the parallelism.
 */
public final class SweepOutput {
    public static final String TABLE_CSV = "table.csv";
    public static final String TABLE_PARQUET = "table.parquet";
    public static final String SWEEP_JSON = "sweep.json";
    public static final String FAILED = "failed-jobs.txt";
    public static final String PAGE = "sweep.html";

    /** The assembled results: the table's rows in grid order and the sentences of the failed jobs. */
    public record Assembled(List<Object[]> rows, List<String> failures) {
    }

    private SweepOutput() {
    }

    /**
     * Writes every output file but the Parquet table when {@code parquet} is false (the Spark
     * engine writes its own, partitioned by the axes).
     */
    public static Assembled write(SweepStore store, SweepSpec spec, TidyTable table, List<SweepJob> jobs, String version,
                                  boolean parquet) throws IOException {
        List<Object[]> rows = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        List<Object> statuses = new ArrayList<>();
        for (SweepJob job : jobs) {
            JobRunner.Outcome o = JobFiles.load(store, table, job);
            rows.addAll(o.rows());
            if (!o.ok()) {
                failures.add(o.error());
            }
            Map<String, Object> st = new TreeMap<>();
            st.put("index", (long) job.index());
            st.put("id", job.id());
            st.put("status", o.ok() ? "ok" : "failed");
            st.put("error", o.error());
            st.put("trace", job.traceName());
            st.put("params", new TreeMap<>(job.params()));
            st.put("thp", job.thp().label());
            st.put("cpus", (long) job.cpus());
            st.put("concurrency", (long) job.concurrency());
            st.put("rows", (long) o.rows().size());
            statuses.add(st);
        }
        store.write(TABLE_CSV, TableCsv.write(table, rows).getBytes(StandardCharsets.UTF_8));
        if (parquet) {
            store.write(TABLE_PARQUET, ParquetTable.write(table, rows));
        }
        Map<String, Object> doc = new TreeMap<>();
        doc.put("ptreplay_version", version);
        doc.put("spec", spec.toJson());
        doc.put("jobs", statuses);
        doc.put("columns", table.names());
        doc.put("summary", new TreeMap<>(Map.of("jobs", (long) jobs.size(), "ok", (long) (jobs.size() - failures.size()),
                "failed", (long) failures.size(), "rows", (long) rows.size())));
        store.write(SWEEP_JSON, Json.write(doc).getBytes(StandardCharsets.UTF_8));
        StringBuilder f = new StringBuilder();
        failures.forEach(s -> f.append(s.replace('\n', ' ')).append('\n'));
        store.write(FAILED, f.toString().getBytes(StandardCharsets.UTF_8));
        store.write(PAGE, SweepPage.render(table, rows, failures).getBytes(StandardCharsets.UTF_8));
        return new Assembled(rows, failures);
    }

    /** {@code ptreplay sweep report}: draws {@code sweep.html} again from {@code table.csv} and {@code failed-jobs.txt}. */
    public static void redraw(SweepStore store) throws IOException {
        TableCsv.Parsed parsed = TableCsv.read(store.read(TABLE_CSV));
        List<String> failures = store.exists(FAILED)
                ? store.read(FAILED).lines().filter(l -> !l.isBlank()).toList() : List.of();
        store.write(PAGE, SweepPage.render(parsed.table(), parsed.rows(), failures).getBytes(StandardCharsets.UTF_8));
    }
}
