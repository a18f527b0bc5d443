package org.ptreplay.tools;

import java.io.PrintWriter;
import java.util.Map;
import org.ptreplay.tools.text.PrimitiveLegend;
import org.ptreplay.tools.text.Width;
import picocli.CommandLine;

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
        return run(commandLine(env), args, out, err);
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
        PtreplayCommand root = new PtreplayCommand(env);
        CommandLine commandLine = new CommandLine(root)
                .setParameterExceptionHandler(new UsageErrorHandler())
                .setExecutionExceptionHandler(new FailureHandler(root));
        commandLine.setUsageHelpWidth(usageWidth);
        // The primitive names the replay tables count, one line each, below replay's options.
        commandLine.getSubcommands().get("replay").getCommandSpec().usageMessage()
                .footerHeading("%nPrimitives (ptreplay primitives; docs/kernel-model.md section 0):%n")
                .footer(PrimitiveLegend.text("  ").replace("%", "%%").split("\n"));
        return commandLine;
    }
}
