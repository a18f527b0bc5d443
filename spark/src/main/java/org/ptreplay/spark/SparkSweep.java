package org.ptreplay.spark;

import org.ptreplay.tools.plugin.PluginLoader;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.ptreplay.core.profile.InvalidProfileException;
import org.ptreplay.spi.loader.Providers;
import org.ptreplay.spi.loader.UnknownProviderException;
import org.ptreplay.tools.replay.CellPlanner;
import org.ptreplay.tools.sweep.Column;
import org.ptreplay.tools.sweep.JobFiles;
import org.ptreplay.tools.sweep.JobRunner;
import org.ptreplay.tools.sweep.SweepGrid;
import org.ptreplay.tools.sweep.SweepJob;
import org.ptreplay.tools.sweep.SweepOptions;
import org.ptreplay.tools.sweep.SweepOutput;
import org.ptreplay.tools.sweep.SweepSpec;
import org.ptreplay.tools.sweep.TidyTable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ptreplay sweep --engine spark}: the driver expands the grid, leaves out the jobs whose
 * results are already in the output (a rerun resumes), and distributes the others as a dataset of
 * job descriptions, one task each. Every executor runs the replay engine of the local engine on
 * its jobs and saves each result in the output directory as the local engine does. The driver
 * then assembles {@code table.csv}, {@code sweep.json}, {@code failed-jobs.txt} and {@code sweep.html}
 * with the local engine's code (hence the same bytes), and Spark writes {@code table.parquet}
 * partitioned by the axes that vary. A trace's reader warning comes back from the executor with its
 * job, and the driver gives it on stderr once per file, as the local engine does.
 */
@Command(name = "ptreplay-spark-sweep", mixinStandardHelpOptions = true,
        description = "Runs a ptreplay sweep on Apache Spark (spark-submit --class org.ptreplay.spark.SparkSweep JOB_JAR …).")
public final class SparkSweep implements Callable<Integer> {

    @Mixin
    SweepOptions grid;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT_DIR", required = true,
            description = "The output directory: any Hadoop-compatible path (file:, hdfs:, s3a: …); a rerun into it resumes.")
    String output;

    /** What a run did. */
    public record Summary(int total, int skipped, int failed, long rows) {
    }

    public static void main(String[] args) {
        int code = new CommandLine(new SparkSweep()).execute(args);
        System.exit(code);
    }

    @Override
    public Integer call() {
        SparkSession spark = SparkSession.builder().appName("ptreplay sweep").getOrCreate();
        PrintWriter err = new PrintWriter(System.err, true);
        try {
            Summary s = run(spark, grid.spec(), output, err);
            System.out.printf("sweep: %d jobs: %d already complete, %d run, %d failed; %d rows in %s%n",
                    s.total(), s.skipped(), s.total() - s.skipped(), s.failed(), s.rows(), output);
            return s.failed() == 0 ? 0 : 1;
        } catch (IllegalArgumentException | CellPlanner.BadArgument | UnknownProviderException e) {
            err.println("ptreplay: " + e.getMessage());
            return 2;
        } catch (CellPlanner.BadProfile | UncheckedIOException e) {
            err.println("ptreplay: " + e.getMessage());
            return 1;
        } finally {
            spark.stop();
        }
    }

    /**
     * Runs a sweep on {@code spark}; the warnings of its traces' readers go to {@code err}, once
     * per file.
     *
     * @throws IllegalArgumentException a bad spec or name, before any job runs
     */
    public static Summary run(SparkSession spark, SweepSpec spec, String output, PrintWriter err) {
        HadoopTraces traces = new HadoopTraces(spark.sparkContext().hadoopConfiguration());
        HadoopStore store = new HadoopStore(output, spark.sparkContext().hadoopConfiguration());
        TidyTable table = TidyTable.forParams(List.copyOf(spec.params().keySet()));
        List<SweepJob> jobs = SweepGrid.expand(spec, traces::list);
        if (jobs.isEmpty()) {
            throw new IllegalArgumentException("the sweep has no job: its trace directories hold no file.");
        }
        // A bad name or profile file fails here, on the driver, before a task is sent.
        try {
            new JobRunner(PluginLoader.load(List.of()), traces, table, 1).plan(jobs.get(0));
        } catch (InvalidProfileException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read a profile file (" + e.getMessage() + ")", e);
        }
        List<String> todo = new ArrayList<>();
        try {
            for (SweepJob j : jobs) {
                if (!JobFiles.complete(store, j)) {
                    todo.add(j.encode());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + output + " (" + e.getMessage() + ")", e);
        }
        if (!todo.isEmpty()) {
            // One partition per job: a slow job holds up nothing else.
            List<String> warnings = spark.createDataset(todo, Encoders.STRING()).repartition(todo.size())
                    .map(new RunJob(store, traces, table.names()), Encoders.STRING())
                    .collectAsList();
            // A trace read by several jobs (one per THP setting, CPU count, ...) is warned about once:
            // a warning names its file, so equal warnings are one file's. Sorted, as tasks finish in any order.
            for (String w : new TreeSet<>(warnings)) {
                if (!w.isEmpty()) {
                    err.println("ptreplay: warning: " + w);
                }
            }
            err.flush();
        }
        SweepOutput.Assembled result;
        try {
            result = SweepOutput.write(store, spec, table, jobs, version(), false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the sweep's results to " + output + " (" + e.getMessage() + ")", e);
        }
        writeParquet(spark, store, table, spec, jobs);
        return new Summary(jobs.size(), jobs.size() - todo.size(), result.failures().size(), result.rows().size());
    }

    /** The table as Parquet, partitioned by the axes with more than one value; read on the executors from the job files. */
    private static void writeParquet(SparkSession spark, HadoopStore store, TidyTable table, SweepSpec spec, List<SweepJob> jobs) {
        List<String> encoded = jobs.stream().map(SweepJob::encode).toList();
        StructType schema = schema(table);
        Dataset<Row> rows = spark.createDataset(encoded, Encoders.STRING())
                .flatMap(new JobRows(store, table.names()), Encoders.row(schema));
        List<String> partitions = new ArrayList<>();
        for (String axis : table.axes()) {
            if (varies(axis, spec, jobs)) {
                partitions.add(axis);
            }
        }
        rows.write().mode(SaveMode.Overwrite).partitionBy(partitions.toArray(String[]::new))
                .parquet(store.describe(SweepOutput.TABLE_PARQUET));
    }

    private static boolean varies(String axis, SweepSpec spec, List<SweepJob> jobs) {
        return switch (axis) {
            case "trace" -> jobs.stream().map(SweepJob::traceName).distinct().count() > 1;
            case "thp" -> spec.thp().size() > 1;
            case "cpus" -> spec.cpus().size() > 1;
            case "concurrency" -> spec.concurrency().size() > 1;
            case "arch" -> spec.archs().size() > 1;
            case "strategy" -> spec.strategies().size() > 1;
            case "profile" -> spec.profiles().size() > 1;
            default -> spec.params().get(axis.substring(TidyTable.PARAM_PREFIX.length())).size() > 1;
        };
    }

    static StructType schema(TidyTable table) {
        List<StructField> fields = new ArrayList<>();
        for (Column c : table.columns()) {
            DataType t = switch (c.type()) {
                case STRING -> DataTypes.StringType;
                case LONG -> DataTypes.LongType;
                case DOUBLE -> DataTypes.DoubleType;
            };
            fields.add(DataTypes.createStructField(c.name(), t, true));
        }
        return DataTypes.createStructType(fields);
    }

    static String version() {
        try (InputStream in = PluginLoader.class.getResourceAsStream("/org/ptreplay/tools/version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * On an executor: runs one job and saves its result; returns its trace's reader warning for the
     * driver to give, or "" (a Spark dataset of strings is no place for nulls).
     */
    static final class RunJob implements MapFunction<String, String> {
        private static final long serialVersionUID = 1L;
        private final HadoopStore store;
        private final HadoopTraces traces;
        private final List<String> columns;

        RunJob(HadoopStore store, HadoopTraces traces, List<String> columns) {
            this.store = store;
            this.traces = traces;
            this.columns = new ArrayList<>(columns);
        }

        @Override
        public String call(String encoded) throws Exception {
            SweepJob job = SweepJob.decode(encoded);
            TidyTable table = TidyTable.forHeader(columns);
            JobRunner.Outcome outcome = new JobRunner(Registry.get(), traces, table, 1).run(job);
            JobFiles.save(store, table, outcome);
            return outcome.warning() == null ? "" : outcome.warning();
        }
    }

    /** On an executor: one job's saved rows as Spark rows (none for a failed job). */
    static final class JobRows implements FlatMapFunction<String, Row> {
        private static final long serialVersionUID = 1L;
        private final HadoopStore store;
        private final List<String> columns;

        JobRows(HadoopStore store, List<String> columns) {
            this.store = store;
            this.columns = new ArrayList<>(columns);
        }

        @Override
        public java.util.Iterator<Row> call(String encoded) throws Exception {
            SweepJob job = SweepJob.decode(encoded);
            TidyTable table = TidyTable.forHeader(columns);
            List<Row> rows = new ArrayList<>();
            for (Object[] r : JobFiles.load(store, table, job).rows()) {
                rows.add(RowFactory.create(r));
            }
            return rows.iterator();
        }
    }

    /** The providers, loaded once per executor JVM: the job jar's and those of --jars (same class loader). */
    static final class Registry {
        private static Providers registry;

        static synchronized Providers get() {
            if (registry == null) {
                registry = PluginLoader.load(List.of());
            }
            return registry;
        }
    }
}
