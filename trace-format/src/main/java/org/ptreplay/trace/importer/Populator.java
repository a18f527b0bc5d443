package org.ptreplay.trace.importer;

import org.ptreplay.trace.Flags;
import org.ptreplay.trace.TraceEvent;

/**
 * Synthesizes the first touches that {@link Populate} asks for, after a call that succeeded.
 *
 * <ul>
 *   <li>mmap: private anonymous mappings only. File mappings get none: their pages come from the
 *       page cache through fault-around and a program reads a small part of a library it maps,
 *       so per-page touches would invent most of the work. Shared anonymous mappings (shmem)
 *       get none either: their pages live in a shmem file, a different fault path. PROT_NONE
 *       mappings are reservations, not accessible, and get none.</li>
 *   <li>brk: the pages between the old and the new break, when the heap grew and the old break
 *       is known (the first {@code brk(NULL)} of an mm tells it). The heap is always writable.</li>
 *   <li>mremap: the tail beyond the old length. The importer keeps no VMA tree, so it cannot see
 *       whether the remapped region is anonymous or writable; it assumes the common case,
 *       realloc of an anonymous writable buffer, in every mode but {@link Populate#NONE}.</li>
 * </ul>
 * In {@link Populate#ALL} a read-only private anonymous mapping is read-touched, because a write
 * would raise SIGSEGV in the real program; in {@link Populate#WRITABLE} it gets nothing.
 */
final class Populator {
    private final Populate mode;
    private final long pageMask;

    Populator(Populate mode, int pageSize) {
        this.mode = mode;
        this.pageMask = pageSize - 1L;
    }

    /** The touch to write right after {@code e}, or null. Updates the mm's heap break on brk. */
    TraceEvent.Touch after(TraceEvent e, Tasks.Mm mm) {
        if (e instanceof TraceEvent.Brk b) {
            return afterBrk(b, mm);
        }
        if (mode == Populate.NONE) {
            return null;
        }
        if (e instanceof TraceEvent.Mmap m && succeeded(m.result())) {
            return afterMmap(m);
        }
        if (e instanceof TraceEvent.Mremap r && succeeded(r.result())) {
            return afterMremap(r);
        }
        return null;
    }

    private TraceEvent.Touch afterMmap(TraceEvent.Mmap m) {
        boolean privateAnon = (m.flags() & Flags.MAP_ANONYMOUS) != 0
                && (m.flags() & Flags.MAP_SHARED_VALIDATE) == Flags.MAP_PRIVATE;
        boolean writable = (m.prot() & Flags.PROT_WRITE) != 0;
        if (!privateAnon || m.prot() == Flags.PROT_NONE || (mode == Populate.WRITABLE && !writable)) {
            return null;
        }
        return touch(m.pid(), m.result(), m.result() + up(m.length()), writable);
    }

    private TraceEvent.Touch afterMremap(TraceEvent.Mremap r) {
        if (r.newLength() <= r.oldLength()) {
            return null;
        }
        return touch(r.pid(), r.result() + up(r.oldLength()), r.result() + up(r.newLength()), true);
    }

    private TraceEvent.Touch afterBrk(TraceEvent.Brk b, Tasks.Mm mm) {
        if (!succeeded(b.result())) {
            return null;
        }
        long old = mm.brk;
        mm.brk = b.result();
        if (mode == Populate.NONE || old < 0 || b.result() <= old) {
            return null;
        }
        return touch(b.pid(), up(old), up(b.result()), true);
    }

    private TraceEvent.Touch touch(int pid, long from, long to, boolean write) {
        return to > from ? new TraceEvent.Touch(pid, 0, from, to - from, write) : null;
    }

    private long up(long v) {
        return (v + pageMask) & ~pageMask;
    }

    /** A known result outside the -errno range (user addresses never reach the sign bit). */
    static boolean succeeded(long result) {
        return result != TraceEvent.UNKNOWN_RESULT && result >= 0;
    }
}
