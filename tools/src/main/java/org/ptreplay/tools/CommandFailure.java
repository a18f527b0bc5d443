package org.ptreplay.tools;

/** A failure the user can act on: reported as its message, one sentence, with no stack trace. */
final class CommandFailure extends RuntimeException {

    private final int exitCode;

    private CommandFailure(String sentence, int exitCode) {
        super(sentence);
        this.exitCode = exitCode;
    }

    static CommandFailure badUsage(String sentence) {
        return new CommandFailure(sentence, ExitCode.USAGE);
    }

    static CommandFailure badData(String sentence) {
        return new CommandFailure(sentence, ExitCode.FAILED);
    }

    int exitCode() {
        return exitCode;
    }
}
