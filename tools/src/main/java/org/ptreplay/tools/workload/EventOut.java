package org.ptreplay.tools.workload;

import java.util.function.Consumer;
import org.ptreplay.trace.Flags;
import org.ptreplay.trace.TraceEvent;

/**
 * Writes the events of one generated task. Generated events carry no timing (delta 0) and the
 * results the generator predicts, so that a replay checks its own results against them.
 */
final class EventOut {
    /** What a private anonymous read-write mapping asks for. */
    static final int RW = Flags.PROT_READ | Flags.PROT_WRITE;
    static final int PRIVATE_ANON = Flags.MAP_PRIVATE | Flags.MAP_ANONYMOUS;
    /** fork(2) is clone(SIGCHLD): no sharing flags, SIGCHLD (17) as the exit signal. */
    static final long FORK_FLAGS = 17;

    private final Consumer<TraceEvent> out;
    private final int pid;

    EventOut(Consumer<TraceEvent> out, int pid) {
        this.out = out;
        this.pid = pid;
    }

    /** The same output for another task. */
    EventOut task(int otherPid) {
        return new EventOut(out, otherPid);
    }

    void mmap(long hint, long length, int prot, int flags, long result) {
        out.accept(new TraceEvent.Mmap(pid, 0, hint, length, prot, flags, -1, 0, result));
    }

    void munmap(long addr, long length) {
        out.accept(new TraceEvent.Munmap(pid, 0, addr, length, 0));
    }

    void mremap(long oldAddr, long oldLength, long newLength, int flags, long newAddr, long result) {
        out.accept(new TraceEvent.Mremap(pid, 0, oldAddr, oldLength, newLength, flags, newAddr, result));
    }

    void brk(long addr, long result) {
        out.accept(new TraceEvent.Brk(pid, 0, addr, result));
    }

    void madvise(long addr, long length, int advice) {
        out.accept(new TraceEvent.Madvise(pid, 0, addr, length, advice, 0));
    }

    void mprotect(long addr, long length, int prot) {
        out.accept(new TraceEvent.Mprotect(pid, 0, addr, length, prot, 0));
    }

    void write(long addr, long length) {
        out.accept(new TraceEvent.Touch(pid, 0, addr, length, true));
    }

    void fork(int childPid) {
        out.accept(new TraceEvent.Fork(pid, 0, childPid, FORK_FLAGS, childPid));
    }

    void exit(int code) {
        out.accept(new TraceEvent.Exit(pid, 0, code, true));
    }
}
