package org.ptreplay.tools;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.ptreplay.tools.text.Suggestions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

@Command(name = "ptreplay",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        synopsisSubcommandLabel = "COMMAND",
        description = {
            "Replays traces of memory-management syscalls through a model of Linux page tables and"
                    + " counts every page-table operation, per batching strategy and architecture.",
            "",
            "Exit codes: 0 ok, 1 bad data or failed check, 2 bad usage."})
final class PtreplayCommand implements Callable<Integer> {

    /**
     * The commands, in the order help lists them. Main adds them to the command line itself rather
     * than through {@code @Command(subcommands)}, so that a run of one command builds picocli's
     * model of that command only (issue #15: the model of all of them cost about 70 ms of CPU on
     * every run).
     */
    static final List<Class<?>> COMMANDS = List.of(PluginsCommand.class, GenerateCommand.class, ReplayCommand.class,
            CompareCommand.class, DiffCommand.class, PrimitivesCommand.class, ValidateCommand.class, SweepCommand.class,
            DemoCommand.class, CalibrateCommand.class, MeasureCommand.class, ConvertCommand.class, RecordCommand.class,
            SummaryCommand.class, PrintCommand.class, StatsCommand.class, CheckCommand.class, CompletionCommand.class,
            CommandLine.HelpCommand.class);

    @Option(names = "--debug", scope = ScopeType.INHERIT,
            description = "Print the stack trace of an error, not just its one-line message.")
    boolean debug;

    @Spec
    CommandSpec spec;

    private final Map<String, String> env;

    PtreplayCommand(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    Map<String, String> env() {
        return env;
    }

    /** Without a command: the usage, on stderr, as a usage error. */
    @Override
    public Integer call() {
        spec.commandLine().getErr().println("ptreplay: no command given; commands: "
                + Suggestions.list(spec.subcommands().keySet()));
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCode.USAGE;
    }
}
