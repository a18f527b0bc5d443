package org.ptreplay.trace.importer;

/**
 * One line of strace output, classified.
 *
 * @param pid    the pid column, or the default pid when strace printed none
 * @param timeNs the timestamp in ns, or {@link EventClock#NONE}
 * @param kind   what the line is
 * @param name   the syscall name (CALL, UNFINISHED, RESUMED)
 * @param text   CALL: the whole call {@code name(args) = result}; UNFINISHED: the call up to where
 *               strace cut it; RESUMED: what follows {@code resumed>}
 * @param number EXITED: the exit status; KILLED: the signal number; SUPERSEDED: the pid of the
 *               thread that ran execve
 */
record StraceLine(int pid, long timeNs, Kind kind, String name, String text, long number) {
    enum Kind { CALL, UNFINISHED, RESUMED, EXITED, KILLED, SUPERSEDED, IGNORED, UNRECOGNIZED }
}
