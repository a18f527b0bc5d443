package org.ptreplay.benchmarks;

import org.ptreplay.core.sim.Kernel;
import org.ptreplay.trace.Flags;
import org.ptreplay.trace.TraceEvent;

/**
 * A cell fed event by event, numbering the events as a trace would, with the few events the
 * benchmarks build. Results are checked: a benchmark that silently replays failed syscalls would
 * measure nothing.
 */
final class Replay {
    static final long PAGE = 4096;
    static final long PMD = 2L << 20;
    static final long GIB = 1L << 30;
    static final int PID = 1;
    private static final int RW = Flags.PROT_READ | Flags.PROT_WRITE;
    private static final int ANON_FIXED = Flags.MAP_PRIVATE | Flags.MAP_ANONYMOUS | Flags.MAP_FIXED;
    private static final long U = TraceEvent.UNKNOWN_RESULT;

    private final Kernel kernel;
    private long index;

    Replay(Kernel kernel) {
        this.kernel = kernel;
    }

    Kernel kernel() {
        return kernel;
    }

    /** mmap(addr, len, RW, PRIVATE|ANONYMOUS|FIXED) + madvise(NOHUGEPAGE) + a write to every page. */
    void populate(long addr, long len) {
        expect(addr, new TraceEvent.Mmap(PID, 0, addr, len, RW, ANON_FIXED, -1, 0, U));
        expect(0, new TraceEvent.Madvise(PID, 0, addr, len, Flags.MADV_NOHUGEPAGE, U));
        expect(0, new TraceEvent.Touch(PID, 0, addr, len, true));
    }

    /** mremap(from, len, len, MAYMOVE|FIXED, to). */
    void move(long from, long to, long len) {
        expect(to, new TraceEvent.Mremap(PID, 0, from, len, len, Flags.MREMAP_MAYMOVE | Flags.MREMAP_FIXED, to, U));
    }

    void munmap(long addr, long len) {
        expect(0, new TraceEvent.Munmap(PID, 0, addr, len, U));
    }

    void fork(int child) {
        expect(child, new TraceEvent.Fork(PID, 0, child, 0, U));
    }

    void exit(int pid) {
        expect(0, new TraceEvent.Exit(pid, 0, 0, true));
    }

    private void expect(long result, TraceEvent e) {
        long r = kernel.apply(index++, e);
        if (r != result) {
            throw new IllegalStateException("event " + (index - 1) + " (" + e + ") returned " + r + ", not " + result);
        }
    }
}
