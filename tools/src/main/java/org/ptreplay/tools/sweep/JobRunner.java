package org.ptreplay.tools.sweep;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ptreplay.core.profile.InvalidProfileException;
import org.ptreplay.core.profile.MachineProfile;
import org.ptreplay.core.profile.MachineProfiles;
import org.ptreplay.core.replay.ReplayEngine;
import org.ptreplay.core.replay.ReplayFailedException;
import org.ptreplay.core.replay.ReplayOutcome;
import org.ptreplay.spi.WorkloadGenerator;
import org.ptreplay.core.value.Placement;
import org.ptreplay.spi.loader.Providers;
import org.ptreplay.spi.loader.ProviderKind;
import org.ptreplay.spi.loader.UnknownProviderException;
import org.ptreplay.tools.replay.CellPlanner;
import org.ptreplay.tools.replay.Plan;
import org.ptreplay.tools.trace.TraceInputs;
import org.ptreplay.tools.validate.MemoryTrace;
import org.ptreplay.trace.TraceEvent;
import org.ptreplay.trace.TraceException;
import org.ptreplay.trace.TraceHeader;
import org.ptreplay.trace.TraceSource;

/**
 * Runs one job with the replay engine of {@code replay}: plans its cells, generates its workload
 * in memory or opens its trace, replays, and turns the outcome into table rows. Every problem
 * becomes the job's one-sentence error; nothing escapes but {@link InterruptedException}.
 */
public final class JobRunner {

    /** Opens a job's trace and profile files; the local engine reads files, the Spark engine Hadoop paths. */
    public interface TraceOpener {
        TraceSource open(String trace) throws TraceException, IOException;

        /** A profile file's text. */
        String readText(String path) throws IOException;
    }

    /** Local files. */
    public static final TraceOpener LOCAL_FILES = new TraceOpener() {
        @Override
        public TraceSource open(String trace) throws TraceException {
            return openFile(trace);
        }

        @Override
        public String readText(String path) throws IOException {
            return java.nio.file.Files.readString(Path.of(path), java.nio.charset.StandardCharsets.UTF_8);
        }
    };

    /** A finished job: its rows, or the sentence saying why it has none. */
    public record Outcome(SweepJob job, List<Object[]> rows, String error) {
        public boolean ok() {
            return error == null;
        }
    }

    private final Providers registry;
    private final CellPlanner planner;
    private final TraceOpener opener;
    private final TidyTable table;
    private final int threads;

    /** @param threads the replay engine's worker threads per job; results do not depend on it */
    public JobRunner(Providers registry, TraceOpener opener, TidyTable table, int threads) {
        this.registry = registry;
        this.planner = new CellPlanner(registry);
        this.opener = opener;
        this.table = table;
        this.threads = threads;
    }

    /** Local files: a binary trace or the text form, either possibly compressed, read once ({@link TraceInputs}). */
    public static TraceSource openFile(String trace) throws TraceException {
        return TraceInputs.open(Path.of(trace));
    }

    /**
     * Plans the cells of a job; throws what the planner throws (the command checks the spec with it
     * first), and {@link InvalidProfileException} or {@link IOException} for a bad profile file.
     */
    public Plan plan(SweepJob job) throws InvalidProfileException, IOException {
        List<MachineProfile> files = new ArrayList<>();
        for (String f : job.profileFiles()) {
            String text;
            try {
                text = opener.readText(f);
            } catch (IOException e) {
                throw new IOException("cannot read the profile file " + f + " (" + TraceException.why(e) + ")", e);
            }
            files.add(MachineProfiles.parse(text, f));
        }
        return planner.plan(job.archs(), job.strategies(), job.profiles(), files,
                new CellPlanner.Settings(job.thp().spec(), Placement.parse(job.placement()), job.cpus(),
                        job.lazyTlbCpus(), job.concurrency(), false));
    }

    public Outcome run(SweepJob job) throws InterruptedException {
        String where = "job " + job.index() + " (" + job.traceName() + describeParams(job) + ", thp " + job.thp().label()
                + ", cpus " + job.cpus() + ", concurrency " + job.concurrency() + "): ";
        try {
            Plan plan = plan(job);
            ReplayOutcome outcome;
            // The trace's header before the cells are built, a kernel each: a bad file fails its job at once.
            try (TraceSource source = source(job)) {
                outcome = new ReplayEngine(plan.cells(), threads).run(source, job.traceName());
            }
            return new Outcome(job, table.rows(job, outcome), null);
        } catch (ReplayFailedException | IOException | InvalidProfileException | UnknownProviderException
                 | CellPlanner.BadArgument | CellPlanner.BadProfile | IllegalArgumentException e) {
            return new Outcome(job, List.of(), where + sentence(e));
        } catch (RuntimeException e) {
            // A bug in a plugin or in ptreplay: still one job's failure, named as such.
            return new Outcome(job, List.of(), where + "internal error: " + e);
        }
    }

    private TraceSource source(SweepJob job) throws TraceException, IOException {
        if (job.generator() == null) {
            return opener.open(job.trace());
        }
        WorkloadGenerator generator = registry.require(ProviderKind.WORKLOAD, job.generator());
        List<TraceEvent> events = new ArrayList<>();
        generator.generate(job.params(), events::add);
        TraceHeader header = new TraceHeader(TraceHeader.CURRENT_VERSION, 0, "ptreplay sweep",
                new TraceHeader.Source(TraceHeader.SourceKind.GENERATOR, generator.name(), job.params()),
                TraceHeader.Machine.UNKNOWN, events.size());
        return new MemoryTrace(header, events);
    }

    private static String describeParams(SweepJob job) {
        StringBuilder s = new StringBuilder();
        job.params().forEach((k, v) -> s.append(' ').append(k).append('=').append(v));
        return s.toString();
    }

    private static String sentence(Exception e) {
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m;
    }
}
