package org.ptreplay.tools.trace;

import java.util.Map;
import org.ptreplay.trace.Flags;
import org.ptreplay.trace.TraceEvent;

/** How to read an event's result: success, errno, or not recorded. */
public final class Results {
    private Results() {
    }

    /** Linux returns -errno in [-4095, -1] (include/linux/err.h, MAX_ERRNO). */
    static final long MAX_ERRNO = 4095;

    private static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(Flags.EPERM, "EPERM"), Map.entry(Flags.ENOENT, "ENOENT"), Map.entry(Flags.EAGAIN, "EAGAIN"),
            Map.entry(Flags.ENOMEM, "ENOMEM"), Map.entry(Flags.EACCES, "EACCES"), Map.entry(Flags.EFAULT, "EFAULT"),
            Map.entry(Flags.EBUSY, "EBUSY"), Map.entry(Flags.EEXIST, "EEXIST"), Map.entry(Flags.EINVAL, "EINVAL"),
            Map.entry(Flags.EOVERFLOW, "EOVERFLOW"));

    static boolean known(long result) {
        return result != TraceEvent.UNKNOWN_RESULT;
    }

    /** A recorded errno: Linux returns -errno in [-4095, -1]. */
    public static boolean failed(long result) {
        return result < 0 && result >= -MAX_ERRNO;
    }

    /** A result that is known and not an errno. */
    static boolean succeeded(long result) {
        return known(result) && !failed(result);
    }

    /** {@code ENOMEM}, or {@code errno 95} for errnos the mm calls do not return. */
    static String errnoName(long result) {
        int errno = (int) -result;
        return NAMES.getOrDefault(errno, "errno " + errno);
    }

    /** The recorded result of a syscall event; {@link TraceEvent#UNKNOWN_RESULT} for exit and touch. */
    public static long recorded(TraceEvent e) {
        if (e instanceof TraceEvent.Mmap m) {
            return m.result();
        } else if (e instanceof TraceEvent.Munmap m) {
            return m.result();
        } else if (e instanceof TraceEvent.Mremap m) {
            return m.result();
        } else if (e instanceof TraceEvent.Brk b) {
            return b.result();
        } else if (e instanceof TraceEvent.Madvise m) {
            return m.result();
        } else if (e instanceof TraceEvent.Mprotect m) {
            return m.result();
        } else if (e instanceof TraceEvent.Fork f) {
            return f.result();
        } else if (e instanceof TraceEvent.Exec x) {
            return x.result();
        }
        return TraceEvent.UNKNOWN_RESULT;
    }
}
