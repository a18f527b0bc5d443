package org.ptreplay.tools;

import java.io.PrintWriter;
import java.util.Map;
import org.ptreplay.tools.text.PrimitiveLegend;
import org.ptreplay.tools.text.Width;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code ptreplay} command. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true), System.getenv()));
    }

    /**
     * Runs one command line.
     *
     * @param env the environment ({@code PTREPLAY_PLUGIN_PATH}); a parameter so tests can set it
     * @return the exit code: {@link ExitCode#OK}, {@link ExitCode#FAILED} or {@link ExitCode#USAGE}
     */
    static int run(String[] args, PrintWriter out, PrintWriter err, Map<String, String> env) {
        return run(commandLine(env, Width.of(env), args.length > 0 ? args[0] : ""), args, out, err);
    }

    /**
     * The command line with its handlers at the width {@code $COLUMNS} asks for, for one run or
     * for many in one JVM: picocli resets every option to its initial value before each parse,
     * and the commands keep no other state from one call to the next. The fuzz test reuses one
     * for its hundred thousand runs, because building picocli's model of every command costs more
     * than reading a small trace.
     */
    static CommandLine commandLine(Map<String, String> env) {
        return commandLine(env, Width.of(env));
    }

    /** Runs one command line on {@code commandLine}, printing to {@code out} and {@code err}. */
    static int run(CommandLine commandLine, String[] args, PrintWriter out, PrintWriter err) {
        commandLine.setOut(out).setErr(err);
        int code = commandLine.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /** The command tree as it runs, help included: also what the man pages and completion are made of. */
    static CommandLine commandLine(Map<String, String> env, int usageWidth) {
        return commandLine(env, usageWidth, "");
    }

    /**
     * The command tree for a command line whose first argument is {@code first}: when that names a
     * command that does not look at its siblings, the root with that command only, since picocli
     * builds its model of every command it is given and a run needs one (issue #15); otherwise,
     * e.g. for {@code help}, {@code completion}, a root option or an unknown name, every command.
     */
    static CommandLine commandLine(Map<String, String> env, int usageWidth, String first) {
        PtreplayCommand root = new PtreplayCommand(env);
        CommandLine commandLine = new CommandLine(root);
        Class<?> only = named(first);
        if (only == CommandLine.HelpCommand.class || only == CompletionCommand.class) {
            only = null;  // they list the other commands
        }
        for (Class<?> command : PtreplayCommand.COMMANDS) {
            if (only == null || command == only) {
                commandLine.addSubcommand(command);
            }
        }
        // After the commands: picocli passes these settings to the subcommands present.
        commandLine.setParameterExceptionHandler(new UsageErrorHandler())
                .setExecutionExceptionHandler(new FailureHandler(root))
                .setUsageHelpWidth(usageWidth);
        // The primitive names the replay tables count, one line each, below replay's options.
        CommandLine replay = commandLine.getSubcommands().get("replay");
        if (replay != null) {
            replay.getCommandSpec().usageMessage()
                    .footerHeading("%nPrimitives (ptreplay primitives; docs/kernel-model.md section 0):%n")
                    .footer(PrimitiveLegend.text("  ").replace("%", "%%").split("\n"));
        }
        return commandLine;
    }

    /** The command class named {@code name}, or null. */
    private static Class<?> named(String name) {
        for (Class<?> command : PtreplayCommand.COMMANDS) {
            if (command.getAnnotation(Command.class).name().equals(name)) {
                return command;
            }
        }
        return null;
    }
}
