package org.ptreplay.trace.importer;

import java.util.Set;
import org.ptreplay.trace.TraceEvent;

/** The memory syscalls both importers turn into events, from their numeric arguments. */
final class MmCalls {
    private MmCalls() {
    }

    /** Kernel names (as strace and the sys_enter tracepoints spell them) of the modeled memory calls. */
    static final Set<String> NAMES = Set.of("mmap", "mmap2", "munmap", "mremap", "brk", "madvise", "mprotect",
            "pkey_mprotect");

    /**
     * The event for a call whose arguments are in kernel order. mremap may come with four
     * arguments: strace leaves out new_address unless MREMAP_FIXED or MREMAP_DONTUNMAP is set.
     * mmap2's offset is already in bytes in strace output; pkey_mprotect is an mprotect whose key
     * does not change page tables.
     *
     * @throws IllegalArgumentException when the argument count is wrong
     */
    static TraceEvent event(String name, int pid, long[] a, long result) {
        return switch (name) {
            case "mmap", "mmap2" -> {
                need(name, a, 6, 6);
                yield new TraceEvent.Mmap(pid, 0, a[0], a[1], (int) a[2], (int) a[3], (int) a[4], a[5], result);
            }
            case "munmap" -> {
                need(name, a, 2, 2);
                yield new TraceEvent.Munmap(pid, 0, a[0], a[1], result);
            }
            case "mremap" -> {
                need(name, a, 4, 5);
                yield new TraceEvent.Mremap(pid, 0, a[0], a[1], a[2], (int) a[3], a.length == 5 ? a[4] : 0, result);
            }
            case "brk" -> {
                need(name, a, 1, 1);
                yield new TraceEvent.Brk(pid, 0, a[0], result);
            }
            case "madvise" -> {
                need(name, a, 3, 3);
                yield new TraceEvent.Madvise(pid, 0, a[0], a[1], (int) a[2], result);
            }
            case "mprotect", "pkey_mprotect" -> {
                need(name, a, name.equals("mprotect") ? 3 : 4, name.equals("mprotect") ? 3 : 4);
                yield new TraceEvent.Mprotect(pid, 0, a[0], a[1], (int) a[2], result);
            }
            default -> throw new IllegalArgumentException(name + " is not a modeled memory call");
        };
    }

    private static void need(String name, long[] a, int min, int max) {
        if (a.length < min || a.length > max) {
            String want = min == max ? Integer.toString(min) : min + " or " + max;
            throw new IllegalArgumentException(name + " has " + a.length + " arguments where " + want
                    + " were expected");
        }
    }
}
