package org.ptreplay.tools;

/** The exit codes of every command. */
final class ExitCode {
    static final int OK = 0;
    /** Bad data (an unreadable or invalid input file) or a failed check. */
    static final int FAILED = 1;
    /** Bad usage: unknown command, option or name, or a bad option value. */
    static final int USAGE = 2;

    private ExitCode() {
    }
}
