package org.ptreplay.tools.nativeexec;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.ptreplay.tools.trace.Results;
import org.ptreplay.trace.Flags;
import org.ptreplay.trace.TraceEvent;

/**
 * Turns a trace into the probe's event file (format in ptreplay-probe.c) and refuses, before
 * anything runs, what the executor cannot do faithfully: events of a task after its exec (another
 * program image), threads (CLONE_VM), file mappings, a task with no process, a mapping whose
 * address is not recorded, a trace recorded with another page size.
 *
 * <p>Addresses are the recorded ones: an mmap goes to its recorded result with
 * MAP_FIXED_NOREPLACE, a recorded move of mremap goes to its recorded destination (MREMAP_FIXED
 * added when the kernel chose it), brk moves relative to the first recorded break and the probe moves
 * touches, madvise, mprotect and munmap inside the recorded heap with it. Calls recorded
 * as failed are not executed (their cost on this kernel would depend on why they failed) and are
 * counted.
 */
public final class EventScript {
    /** What the writer found: event index per line, the skipped failed calls and the largest address space. */
    public record Script(long[] eventOfLine, long skippedFailed, long peakBytes, int lines, long events) {
    }

    private static final int MAP_FIXED_ANY = Flags.MAP_FIXED | Flags.MAP_FIXED_NOREPLACE;

    private final String traceName;
    private final Writer out;
    private final List<Long> eventOfLine = new ArrayList<>();
    /** Mapped bytes per live process (pid of its mm owner), for the peak. */
    private final Map<Integer, Long> mapped = new HashMap<>();
    private final Set<Integer> exited = new HashSet<>();
    private final Set<Integer> execed = new HashSet<>();
    private long peak;
    private long skipped;
    private long brkBase = Long.MIN_VALUE;
    private int root = -1;

    private EventScript(String traceName, Writer out) {
        this.traceName = traceName;
        this.out = out;
    }

    /**
     * Writes the event file of {@code events}.
     *
     * @param tracePageSize the page size the trace was recorded with, 0 when unknown
     * @throws NativeRefusal the first event the executor cannot run, as one sentence
     */
    public static Script write(String traceName, int tracePageSize, int hostPageSize, Iterator<TraceEvent> events,
                               Writer out) throws NativeRefusal, IOException {
        if (tracePageSize != 0 && tracePageSize != hostPageSize) {
            throw new NativeRefusal(traceName + " was recorded with " + tracePageSize + "-byte pages and this machine has "
                    + hostPageSize + "-byte pages, so its addresses and touches do not fit here");
        }
        EventScript s = new EventScript(traceName, out);
        long index = 0;
        while (events.hasNext()) {
            s.accept(index++, events.next());
        }
        long[] lines = s.eventOfLine.stream().mapToLong(Long::longValue).toArray();
        return new Script(lines, s.skipped, s.peak, lines.length, index);
    }

    private void accept(long i, TraceEvent e) throws NativeRefusal, IOException {
        int pid = e.pid();
        if (root < 0) {
            root = pid;
            mapped.put(pid, 0L);
        }
        if (!mapped.containsKey(pid)) {
            throw refuse(i, "pid " + pid + " has no process: it is neither the trace's first task nor a fork child"
                    + (exited.contains(pid) ? " (it exited before)" : ""));
        }
        if (execed.contains(pid)) {
            throw refuse(i, "pid " + pid + " runs another program after its exec, whose mappings the executor cannot reproduce");
        }
        // A call that failed in the recording changed nothing there; brk's result is an address, never an errno.
        if (Results.failed(Results.recorded(e))) {
            skipped++;
            return;
        }
        switch (e.kind()) {
            case MMAP -> mmap(i, (TraceEvent.Mmap) e);
            case MUNMAP -> {
                TraceEvent.Munmap m = (TraceEvent.Munmap) e;
                line(i, "u %d %x %x", pid, m.addr(), m.length());
                grow(pid, -pages(m.length()));
            }
            case MREMAP -> mremap(i, (TraceEvent.Mremap) e);
            case BRK -> brk(i, (TraceEvent.Brk) e);
            case MADVISE -> {
                TraceEvent.Madvise m = (TraceEvent.Madvise) e;
                line(i, "a %d %x %x %x", pid, m.addr(), m.length(), m.advice());
            }
            case MPROTECT -> {
                TraceEvent.Mprotect m = (TraceEvent.Mprotect) e;
                line(i, "p %d %x %x %x", pid, m.addr(), m.length(), m.prot());
            }
            case TOUCH -> {
                TraceEvent.Touch t = (TraceEvent.Touch) e;
                line(i, "t %d %x %x %x", pid, t.addr(), t.length(), t.write() ? 1 : 0);
            }
            case FORK -> {
                TraceEvent.Fork f = (TraceEvent.Fork) e;
                if ((f.cloneFlags() & Flags.CLONE_VM) != 0) {
                    throw refuse(i, "pid " + pid + " creates a thread or vfork child (CLONE_VM), which the executor does not run");
                }
                line(i, "f %d %x", pid, f.childPid());
                mapped.put(f.childPid(), mapped.get(pid));
                exited.remove(f.childPid());
            }
            case EXEC -> execed.add(pid);
            case EXIT -> {
                line(i, "x %d", pid);
                mapped.remove(pid);
                exited.add(pid);
            }
        }
    }

    private void mmap(long i, TraceEvent.Mmap m) throws NativeRefusal, IOException {
        if (m.fd() >= 0 && (m.flags() & Flags.MAP_ANONYMOUS) == 0) {
            throw refuse(i, "a file mapping (fd " + m.fd() + "); the executor maps anonymous memory only");
        }
        long at = m.result() != TraceEvent.UNKNOWN_RESULT ? m.result() : m.addr();
        if (at == 0 || (m.result() == TraceEvent.UNKNOWN_RESULT && (m.flags() & MAP_FIXED_ANY) == 0)) {
            throw refuse(i, "an mmap whose address is not recorded, so later events cannot be placed");
        }
        int flags = (m.flags() & ~MAP_FIXED_ANY) | Flags.MAP_FIXED_NOREPLACE;
        line(i, "m %d %x %x %x %x", m.pid(), at, m.length(), m.prot(), flags);
        grow(m.pid(), pages(m.length()));
    }

    private void mremap(long i, TraceEvent.Mremap m) throws NativeRefusal, IOException {
        int flags = m.flags();
        long to = m.newAddr();
        if ((flags & Flags.MREMAP_FIXED) == 0 && (flags & Flags.MREMAP_MAYMOVE) != 0) {
            if (m.result() == TraceEvent.UNKNOWN_RESULT) {
                throw refuse(i, "an mremap that may move and whose result is not recorded, so later events cannot be placed");
            }
            if (m.result() != m.oldAddr()) {
                flags |= Flags.MREMAP_FIXED;
                to = m.result();
            }
        }
        line(i, "r %d %x %x %x %x %x", m.pid(), m.oldAddr(), m.oldLength(), m.newLength(), flags, to);
        grow(m.pid(), pages(m.newLength()) - ((flags & Flags.MREMAP_DONTUNMAP) != 0 ? 0 : pages(m.oldLength())));
    }

    private void brk(long i, TraceEvent.Brk b) throws NativeRefusal, IOException {
        if (brkBase == Long.MIN_VALUE) {
            if (b.result() == TraceEvent.UNKNOWN_RESULT) {
                throw refuse(i, "the first brk has no recorded result, so the trace's initial break is unknown");
            }
            // The first brk's result is the break the trace started from (brk(0) asks for it).
            brkBase = b.result();
            if (b.addr() == 0) {
                return;
            }
        }
        if (b.addr() == 0) {
            return;
        }
        line(i, "b %d %x %x", b.pid(), b.addr(), brkBase);
    }

    private void grow(int pid, long bytes) {
        long now = Math.max(0, mapped.getOrDefault(pid, 0L) + bytes);
        mapped.put(pid, now);
        peak = Math.max(peak, now);
    }

    private static long pages(long length) {
        return (length + 4095) & -4096L;
    }

    private void line(long i, String format, Object... args) throws IOException {
        out.write(String.format(Locale.ROOT, format, args));
        out.write('\n');
        eventOfLine.add(i);
    }

    private NativeRefusal refuse(long i, String why) {
        return new NativeRefusal(traceName + ": event " + i + ": " + why + ".");
    }
}
