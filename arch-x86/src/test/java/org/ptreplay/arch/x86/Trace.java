package org.ptreplay.arch.x86;

import java.util.ArrayList;
import java.util.List;
import org.ptreplay.core.sim.Kernel;
import org.ptreplay.core.sim.SimConfig;
import org.ptreplay.trace.Flags;
import org.ptreplay.trace.TraceEvent;

/**
 * A tiny test DSL: one method call per event, results left unrecorded unless given. The text form
 * of traces will replace it later; keep one line per event.
 */
final class Trace {
    static final long KiB = 1024;
    static final long MiB = 1024 * KiB;
    static final long GiB = 1024 * MiB;
    static final int RW = Flags.PROT_READ | Flags.PROT_WRITE;
    static final int ANON = Flags.MAP_PRIVATE | Flags.MAP_ANONYMOUS;
    static final int MAYMOVE = Flags.MREMAP_MAYMOVE;
    static final int FIXED = Flags.MREMAP_FIXED;
    static final long U = TraceEvent.UNKNOWN_RESULT;

    final List<TraceEvent> events = new ArrayList<>();
    private int pid = 1;

    Trace as(int p) { pid = p; return this; }
    Trace mmap(long addr, long len, int prot, int flags) { return add(new TraceEvent.Mmap(pid, 0, addr, len, prot, flags, -1, 0, U)); }
    Trace mmapReturning(long addr, long len, long result) { return add(new TraceEvent.Mmap(pid, 0, addr, len, RW, ANON, -1, 0, result)); }
    Trace write(long addr, long len) { return add(new TraceEvent.Touch(pid, 0, addr, len, true)); }
    Trace read(long addr, long len) { return add(new TraceEvent.Touch(pid, 0, addr, len, false)); }
    Trace mremap(long old, long oldLen, long newLen, int flags, long newAddr) { return add(new TraceEvent.Mremap(pid, 0, old, oldLen, newLen, flags, newAddr, U)); }
    Trace munmap(long addr, long len) { return add(new TraceEvent.Munmap(pid, 0, addr, len, U)); }
    Trace mprotect(long addr, long len, int prot) { return add(new TraceEvent.Mprotect(pid, 0, addr, len, prot, U)); }
    Trace madvise(long addr, long len, int advice) { return add(new TraceEvent.Madvise(pid, 0, addr, len, advice, U)); }
    Trace fork(int child) { return add(new TraceEvent.Fork(pid, 0, child, 0, U)); }
    Trace thread(int child) { return add(new TraceEvent.Fork(pid, 0, child, Flags.CLONE_VM | Flags.CLONE_THREAD, U)); }
    Trace exit() { return add(new TraceEvent.Exit(pid, 0, 0, false)); }

    Trace add(TraceEvent e) {
        events.add(e);
        return this;
    }

    /** Replays all events; returns the model's result of each. */
    long[] run(Kernel k) {
        long[] r = new long[events.size()];
        for (int i = 0; i < r.length; i++) {
            r[i] = k.apply(i, events.get(i));
        }
        return r;
    }

    static SimConfig.Builder x86() {
        return SimConfig.builder(new X86Architecture());
    }
}
