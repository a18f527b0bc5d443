package org.ptreplay.trace.importer;

import java.util.function.Consumer;
import org.ptreplay.trace.TraceEvent;

/**
 * Hands events to the caller in order, stamping time deltas and counting kinds. Importers build
 * events with a zero delta and the line's absolute time; the delta is only known when the event
 * is written, which for strace can be after events of other tasks (see {@link ForkOrder}).
 */
final class Emitter {
    private final Consumer<? super TraceEvent> out;
    private final StatsCounter stats;
    private final EventClock clock = new EventClock();

    Emitter(Consumer<? super TraceEvent> out, StatsCounter stats) {
        this.out = out;
        this.stats = stats;
    }

    void emit(long timeNs, TraceEvent e) {
        TraceEvent stamped = withDelta(e, clock.delta(timeNs));
        stats.event(stamped);
        out.accept(stamped);
    }

    static TraceEvent withDelta(TraceEvent e, long d) {
        if (e.timeDeltaNs() == d) {
            return e;
        }
        if (e instanceof TraceEvent.Mmap m) {
            return new TraceEvent.Mmap(m.pid(), d, m.addr(), m.length(), m.prot(), m.flags(), m.fd(), m.offset(),
                    m.result());
        } else if (e instanceof TraceEvent.Munmap m) {
            return new TraceEvent.Munmap(m.pid(), d, m.addr(), m.length(), m.result());
        } else if (e instanceof TraceEvent.Mremap m) {
            return new TraceEvent.Mremap(m.pid(), d, m.oldAddr(), m.oldLength(), m.newLength(), m.flags(),
                    m.newAddr(), m.result());
        } else if (e instanceof TraceEvent.Brk b) {
            return new TraceEvent.Brk(b.pid(), d, b.addr(), b.result());
        } else if (e instanceof TraceEvent.Madvise m) {
            return new TraceEvent.Madvise(m.pid(), d, m.addr(), m.length(), m.advice(), m.result());
        } else if (e instanceof TraceEvent.Mprotect m) {
            return new TraceEvent.Mprotect(m.pid(), d, m.addr(), m.length(), m.prot(), m.result());
        } else if (e instanceof TraceEvent.Fork f) {
            return new TraceEvent.Fork(f.pid(), d, f.childPid(), f.cloneFlags(), f.result());
        } else if (e instanceof TraceEvent.Exec x) {
            return new TraceEvent.Exec(x.pid(), d, x.result());
        } else if (e instanceof TraceEvent.Exit x) {
            return new TraceEvent.Exit(x.pid(), d, x.code(), x.group());
        } else if (e instanceof TraceEvent.Touch t) {
            return new TraceEvent.Touch(t.pid(), d, t.addr(), t.length(), t.write());
        }
        throw new AssertionError("unhandled event kind " + e.kind());
    }
}
