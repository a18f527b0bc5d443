package org.ptreplay.tools.sweep;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Where a job's result lives in the output: {@code jobs/<id>.csv} holds its rows and exists only
 * when the job finished (it is written whole, atomically); {@code jobs/<id>.error} holds the
 * sentence of its last failure. A rerun skips jobs with rows and retries the others.
 */
public final class JobFiles {

    private JobFiles() {
    }

    public static String rows(SweepJob job) {
        return "jobs/" + job.id() + ".csv";
    }

    public static String error(SweepJob job) {
        return "jobs/" + job.id() + ".error";
    }

    public static boolean complete(SweepStore store, SweepJob job) throws IOException {
        return store.exists(rows(job));
    }

    /** Records a finished job: its rows, or its error. */
    public static void save(SweepStore store, TidyTable table, JobRunner.Outcome outcome) throws IOException {
        if (outcome.ok()) {
            store.write(rows(outcome.job()), TableCsv.write(table, outcome.rows()).getBytes(StandardCharsets.UTF_8));
        } else {
            store.write(error(outcome.job()), (outcome.error() + "\n").getBytes(StandardCharsets.UTF_8));
        }
    }

    /**
     * A job's recorded outcome: its rows (with the job column set to its index in this grid, which
     * may differ from the run that wrote them), its error, or "not run".
     */
    public static JobRunner.Outcome load(SweepStore store, TidyTable table, SweepJob job) throws IOException {
        if (store.exists(rows(job))) {
            TableCsv.Parsed parsed;
            try {
                parsed = TableCsv.read(store.read(rows(job)));
            } catch (IllegalArgumentException e) {
                return new JobRunner.Outcome(job, java.util.List.of(), store.describe(rows(job)) + ": " + e.getMessage(), null);
            }
            if (!parsed.table().names().equals(table.names())) {
                return new JobRunner.Outcome(job, java.util.List.of(), store.describe(rows(job))
                        + ": its columns are not this sweep's.", null);
            }
            for (Object[] row : parsed.rows()) {
                row[0] = (long) job.index();
            }
            return new JobRunner.Outcome(job, parsed.rows(), null, null);
        }
        if (store.exists(error(job))) {
            return new JobRunner.Outcome(job, java.util.List.of(), store.read(error(job)).strip(), null);
        }
        return new JobRunner.Outcome(job, java.util.List.of(), "job " + job.index() + " was not run.", null);
    }
}
