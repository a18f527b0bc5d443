package org.ptreplay.arch.x86;

import java.util.ArrayList;
import java.util.List;
import org.ptreplay.core.sim.Kernel;
import org.ptreplay.core.sim.SimConfig;
import org.ptreplay.testkit.TextFixtures;
import org.ptreplay.trace.Flags;
import org.ptreplay.trace.TraceEvent;

/**
 * The events a test replays: a hand-derived text fixture ({@link #fixture}), or, for the errno
 * cases and the generated sequences, one method call per event with results left unrecorded
 * unless given.
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
    private static final int PID = 1;

    Trace mmap(long addr, long len, int prot, int flags) { return add(new TraceEvent.Mmap(PID, 0, addr, len, prot, flags, -1, 0, U)); }
    Trace mmapReturning(long addr, long len, long result) { return add(new TraceEvent.Mmap(PID, 0, addr, len, RW, ANON, -1, 0, result)); }
    Trace write(long addr, long len) { return add(new TraceEvent.Touch(PID, 0, addr, len, true)); }
    Trace mremap(long old, long oldLen, long newLen, int flags, long newAddr) { return add(new TraceEvent.Mremap(PID, 0, old, oldLen, newLen, flags, newAddr, U)); }
    Trace munmap(long addr, long len) { return add(new TraceEvent.Munmap(PID, 0, addr, len, U)); }
    Trace fork(int child) { return add(new TraceEvent.Fork(PID, 0, child, 0, U)); }
    Trace thread(int child) { return add(new TraceEvent.Fork(PID, 0, child, Flags.CLONE_VM | Flags.CLONE_THREAD, U)); }

    /**
     * The events of the text fixture {@code fixtures/NAME.txt} beside this class in the test
     * resources; its comment lines derive the counts the tests assert.
     */
    static Trace fixture(String name) {
        Trace t = new Trace();
        t.events.addAll(TextFixtures.events(Trace.class::getResourceAsStream, name));
        return t;
    }

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
