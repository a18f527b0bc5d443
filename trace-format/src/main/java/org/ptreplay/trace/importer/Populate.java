package org.ptreplay.trace.importer;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Which first touches a strace import synthesizes, since strace cannot see page faults.
 *
 * <p>"Newly accessible" pages are those that a successful call maps: a private anonymous
 * {@code mmap} (not a PROT_NONE one), the grown part of the heap after {@code brk}, and the
 * grown tail of an {@code mremap}. Each gets one {@code Touch} event right after the call.
 *
 * <p>Which mode fits which workload:
 * <ul>
 *   <li>{@link #ALL} for programs that touch everything they allocate: stress-ng bigheap, memory
 *       benchmarks, allocators zeroing their arenas, {@code bytearray(n)}. This is the upper bound
 *       of page-table work.</li>
 *   <li>{@link #WRITABLE} for general programs whose read-only anonymous mappings are guard or
 *       reservation regions; still an overestimate, since real programs touch little of what
 *       they map (a JVM reserves gigabytes and commits megabytes).</li>
 *   <li>{@link #NONE} when only the syscall side matters (mremap and munmap of untouched
 *       ranges, VMA counts), or when touches come from elsewhere. This is the lower bound.</li>
 * </ul>
 * For faithful touches, record with perf instead ({@link Recorder}).
 */
public enum Populate {
    /** No touches: the trace holds only what strace saw. */
    NONE,
    /** Every newly accessible page: written if the mapping is writable, otherwise read. */
    ALL,
    /** Only newly accessible pages of writable mappings, written. */
    WRITABLE;

    private final String key = name().toLowerCase(Locale.ROOT);

    /** The lowercase name used on the command line and in the header's source params. */
    public String key() {
        return key;
    }

    /** Parses {@code none}, {@code all} or {@code writable} (any case). */
    public static Populate parse(String text) {
        for (Populate p : values()) {
            if (p.key.equalsIgnoreCase(text.strip())) {
                return p;
            }
        }
        throw new IllegalArgumentException("Unknown populate mode '" + text + "': expected one of "
                + Arrays.stream(values()).map(Populate::key).collect(Collectors.joining(", ")) + ".");
    }
}
