package org.ptreplay.tools;

import org.ptreplay.spi.loader.DidYouMean;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;
import org.ptreplay.trace.Printable;
import org.ptreplay.tools.text.Suggestions;

/** Command-line errors: one sentence on stderr, with "did you mean" for unknown commands and options; exit 2. */
final class UsageErrorHandler implements IParameterExceptionHandler {

    /** How picocli's built-in {@code help} command starts its message for a command it does not know. */
    private static final String UNKNOWN_HELP_SUBCOMMAND = "Unknown subcommand '";

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine commandLine = ex.getCommandLine();
        commandLine.getErr().println("ptreplay: " + Printable.sentence(sentence(ex, commandLine)));
        if (List.of(args).contains("--debug")) {
            ex.printStackTrace(commandLine.getErr());
        }
        return ExitCode.USAGE;
    }

    private static String sentence(ParameterException ex, CommandLine commandLine) {
        String command = commandLine.getCommandSpec().qualifiedName();
        if (ex instanceof UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()) {
            String arg = unmatched.getUnmatched().get(0);
            if (arg.startsWith("-")) {
                String option = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
                List<String> options = List.copyOf(commandLine.getCommandSpec().optionsMap().keySet());
                return "unknown option '" + option + "' for " + command
                        + DidYouMean.hint(option, options)
                        + "; see '" + command + " --help'";
            }
            if (!commandLine.getSubcommands().isEmpty()) {
                List<String> commands = List.copyOf(commandLine.getSubcommands().keySet());
                return "unknown command '" + arg + "'"
                        + DidYouMean.hint(arg, commands)
                        + "; commands: " + Suggestions.list(commands);
            }
            return "unexpected argument '" + arg + "' for " + command + "; see '" + command + " --help'";
        }
        String message = ex.getMessage();
        if (message.startsWith(UNKNOWN_HELP_SUBCOMMAND) && ex.getValue() != null) {
            // picocli's "help" reports its unknown argument against the parent command.
            List<String> commands = List.copyOf(commandLine.getSubcommands().keySet());
            return "unknown command '" + ex.getValue() + "'" + DidYouMean.hint(ex.getValue(), commands)
                    + "; commands: " + Suggestions.list(commands);
        }
        // picocli's messages end with a full stop; the sentence goes on after them.
        String clause = message.endsWith(".") ? message.substring(0, message.length() - 1) : message;
        return Character.toLowerCase(clause.charAt(0)) + clause.substring(1) + "; see '" + command + " --help'";
    }
}
