package org.ptreplay.tools;

import org.ptreplay.tools.plugin.PluginLoader;
import org.ptreplay.spi.loader.DidYouMean;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.ptreplay.core.profile.InvalidProfileException;
import org.ptreplay.spi.OptionSpec;
import org.ptreplay.spi.WorkloadGenerator;
import org.ptreplay.spi.loader.Providers;
import org.ptreplay.spi.loader.ProviderKind;
import org.ptreplay.tools.replay.CellPlanner;
import org.ptreplay.tools.sweep.DirStore;
import org.ptreplay.tools.sweep.JobRunner;
import org.ptreplay.tools.sweep.LocalEngine;
import org.ptreplay.tools.sweep.SweepGrid;
import org.ptreplay.tools.sweep.SweepJob;
import org.ptreplay.tools.sweep.SweepOptions;
import org.ptreplay.tools.sweep.SweepOutput;
import org.ptreplay.tools.sweep.SweepSpec;
import org.ptreplay.tools.sweep.TidyTable;
import org.ptreplay.tools.text.Suggestions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "sweep",
        mixinStandardHelpOptions = true,
        subcommands = SweepCommand.Report.class,
        description = {
            "Replays a grid: generator parameters (or a corpus of traces) x THP settings x CPU counts x"
                    + " concurrencies, each point one replay whose cells (arch x strategy x profile) share one decode.",
            "",
            "Writes to OUT_DIR: table.csv and table.parquet (one row per grid point, cell and syscall kind),"
                    + " sweep.json (spec, version, each job's status), failed-jobs.txt and sweep.html (line plots"
                    + " against each axis, one line per strategy, with a ratio-to-baseline view).",
            "",
            "A failed job is recorded and the sweep goes on; rerunning skips the jobs whose results are complete."
                    + " Results do not depend on --jobs or --threads. docs/sweep.md has the Spark engine.",
            "",
            "Exit codes: 0 every job ok, 1 a job failed or an unreadable spec or profile, 2 bad usage."})
final class SweepCommand implements Callable<Integer> {

    @ParentCommand
    PtreplayCommand parent;

    @Spec
    CommandSpec spec;

    @Mixin
    SweepOptions grid;

    @Mixin
    PluginPathOption pluginPath;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT_DIR", defaultValue = "sweep-results",
            description = "The output directory (default: ${DEFAULT-VALUE}); a rerun into it resumes.")
    Path output;

    @Option(names = "--engine", paramLabel = "ENGINE", defaultValue = "local",
            description = "local (default): this JVM; spark: see docs/sweep.md (the job runs under spark-submit).")
    String engine;

    @Option(names = "--jobs", paramLabel = "N", description = "Jobs replayed at once (default: available processors).")
    Integer jobs;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "1",
            description = "Worker threads for the cells of one job (default: ${DEFAULT-VALUE}).")
    int threads;

    @Override
    public Integer call() {
        if (engine.equals("spark")) {
            throw CommandFailure.badUsage("the Spark engine runs under spark-submit, not in this JVM: spark-submit --class"
                    + " org.ptreplay.spark.SparkSweep spark/target/ptreplay-spark-*.jar with these sweep options"
                    + " (docs/sweep.md)");
        }
        if (!engine.equals("local")) {
            throw CommandFailure.badUsage("unknown engine '" + engine + "'; engines: local, spark");
        }
        if (threads < 1) {
            throw CommandFailure.badUsage("--threads must be at least 1, not " + threads);
        }
        SweepSpec sweep;
        try {
            sweep = grid.spec();
        } catch (IllegalArgumentException e) {
            throw CommandFailure.badUsage(e.getMessage());
        } catch (java.io.UncheckedIOException e) {
            // An unreadable spec is bad data, as an unreadable trace or profile is (exit 1, as --help says).
            throw CommandFailure.badData(e.getMessage(), e);
        }
        Providers registry = PluginLoader.load(pluginPath.directories(parent.env()));
        if (sweep.generator() != null) {
            checkParams(registry.require(ProviderKind.WORKLOAD, sweep.generator()), sweep);
        }
        TidyTable table = TidyTable.forParams(List.copyOf(sweep.params().keySet()));
        List<SweepJob> all = SweepGrid.expand(sweep, SweepCommand::listTraces);
        if (all.isEmpty()) {
            throw CommandFailure.badUsage("the sweep has no job: its trace directories hold no file");
        }
        JobRunner runner = new JobRunner(registry, JobRunner.LOCAL_FILES, table, threads);
        try {
            // The cells are the same in every job: a bad name is a usage error before anything runs.
            runner.plan(all.get(0));
        } catch (CellPlanner.BadArgument e) {
            throw CommandFailure.badUsage(e.getMessage());
        } catch (CellPlanner.BadProfile | InvalidProfileException e) {
            throw CommandFailure.badData(e.getMessage());
        } catch (IOException e) {
            throw CommandFailure.badData(e.getMessage(), e);
        }
        DirStore store = new DirStore(output);
        LocalEngine.Summary summary;
        SweepOutput.Assembled result;
        try {
            int parallel = jobs == null ? Runtime.getRuntime().availableProcessors() : jobs;
            summary = new LocalEngine(store, table, runner, parallel)
                    .run(all, spec.commandLine().getErr(), System.console() != null);
            result = SweepOutput.write(store, sweep, table, all, VersionProvider.toolVersion(), true);
        } catch (IllegalArgumentException e) {
            throw CommandFailure.badUsage(e.getMessage());
        } catch (IOException e) {
            throw CommandFailure.badData("cannot write the sweep's results to " + output + " (" + e.getMessage() + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CommandFailure.badData("the sweep was interrupted; rerun it to resume");
        }
        spec.commandLine().getOut().printf("sweep: %d jobs: %d already complete, %d run, %d failed; %d rows in %s"
                        + " (table.csv, table.parquet, sweep.json, sweep.html)%n",
                summary.total(), summary.skipped(), summary.ran(), result.failures().size(), result.rows().size(), output);
        result.failures().forEach(f -> spec.commandLine().getErr().println("ptreplay: " + f));
        return result.failures().isEmpty() ? ExitCode.OK : ExitCode.FAILED;
    }

    /** Unknown parameter names are a usage error up front; bad values fail their jobs only. */
    private static void checkParams(WorkloadGenerator generator, SweepSpec sweep) {
        List<String> known = generator.parameters().stream().map(OptionSpec::name).toList();
        for (String p : sweep.params().keySet()) {
            if (!known.contains(p)) {
                throw CommandFailure.badUsage("workload " + generator.name() + " has no parameter '" + p + "'"
                        + DidYouMean.hint(p, known) + "; parameters: " + Suggestions.list(known));
            }
        }
    }

    /** A directory's regular files, by name, hidden ones left out; any other path as it is. */
    static List<String> listTraces(String path) {
        Path p = Path.of(path);
        if (!Files.isDirectory(p)) {
            return List.of(path);
        }
        try (Stream<Path> files = Files.list(p)) {
            return new ArrayList<>(files.filter(Files::isRegularFile)
                    .filter(f -> !f.getFileName().toString().startsWith("."))
                    .map(Path::toString).sorted().toList());
        } catch (IOException e) {
            throw CommandFailure.badData("cannot list the trace directory " + path + " (" + e.getMessage() + ")", e);
        }
    }

    @Command(name = "report", mixinStandardHelpOptions = true,
            description = "Draws OUT_DIR/sweep.html again from OUT_DIR/table.csv, e.g. after a Spark run (copy the directory here first).")
    static final class Report implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "OUT_DIR", description = "A sweep's output directory.")
        Path dir;

        @Override
        public Integer call() {
            DirStore store = new DirStore(dir);
            if (!store.exists(SweepOutput.TABLE_CSV)) {
                throw CommandFailure.badData(dir + " has no " + SweepOutput.TABLE_CSV + ": not a sweep's output directory");
            }
            try {
                SweepOutput.redraw(store);
            } catch (IllegalArgumentException e) {
                throw CommandFailure.badData(store.describe(SweepOutput.TABLE_CSV) + ": " + e.getMessage());
            } catch (IOException e) {
                throw CommandFailure.badData("cannot redraw " + store.describe(SweepOutput.PAGE) + " (" + e.getMessage() + ")", e);
            }
            spec.commandLine().getOut().println("sweep: wrote " + store.describe(SweepOutput.PAGE));
            return ExitCode.OK;
        }
    }
}
