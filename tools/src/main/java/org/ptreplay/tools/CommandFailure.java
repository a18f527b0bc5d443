package org.ptreplay.tools;

/** A failure the user can act on: reported as its message, one sentence, with no stack trace. */
final class CommandFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int exitCode;

    private CommandFailure(String sentence, int exitCode, Throwable cause) {
        super(sentence, cause);
        this.exitCode = exitCode;
    }

    static CommandFailure badUsage(String sentence) {
        return new CommandFailure(sentence, ExitCode.USAGE, null);
    }

    static CommandFailure badData(String sentence) {
        return new CommandFailure(sentence, ExitCode.FAILED, null);
    }

    /** Bad data found by a lower layer; {@code --debug} shows the cause's stack trace. */
    static CommandFailure badData(String sentence, Throwable cause) {
        return new CommandFailure(sentence, ExitCode.FAILED, cause);
    }

    int exitCode() {
        return exitCode;
    }
}
