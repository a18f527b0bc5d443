package org.ptreplay.tools;

import java.io.PrintWriter;
import org.ptreplay.spi.loader.UnknownProviderException;
import org.ptreplay.trace.Printable;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/** Errors while a command runs: one sentence on stderr; the stack trace only with {@code --debug}. */
final class FailureHandler implements IExecutionExceptionHandler {

    private final PtreplayCommand root;

    FailureHandler(PtreplayCommand root) {
        this.root = root;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine commandLine, ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        int code;
        String sentence;
        if (ex instanceof CommandFailure failure) {
            sentence = failure.getMessage();
            code = failure.exitCode();
        } else if (ex instanceof UnknownProviderException unknown) {
            sentence = unknown.getMessage();
            code = ExitCode.USAGE;
        } else {
            // A bug in ptreplay or a plugin, not a user error: say so, still in one line.
            sentence = "internal error: " + ex + (root.debug ? "" : " (rerun with --debug for the stack trace)");
            code = ExitCode.FAILED;
        }
        err.println("ptreplay: " + Printable.sentence(sentence));
        if (root.debug) {
            ex.printStackTrace(err);
        }
        return code;
    }
}
