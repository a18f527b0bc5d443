package org.ptreplay.trace;

/**
 * The value encodings of trace.proto, shared by the writer, the fast decoder and the tests'
 * reference decoder so that all three agree by construction.
 */
final class WireValues {
    private WireValues() {
    }

    /** Addresses and lengths are split at 4 KiB whatever the machine's page size (trace.proto). */
    static final int PAGE_SHIFT = 12;
    private static final long REM_MASK = (1L << PAGE_SHIFT) - 1;
    /** Linux returns -errno with errno in 1..MAX_ERRNO (include/linux/err.h). */
    static final long MAX_ERRNO = 4095;

    static long page(long value) {
        return value >>> PAGE_SHIFT;
    }

    static long rem(long value) {
        return value & REM_MASK;
    }

    /** Inverse of {@link #page}/{@link #rem}; modular, so every long round-trips. */
    static long join(long page, long rem) {
        return (page << PAGE_SHIFT) + rem;
    }

    static boolean isErrno(long result) {
        return result < 0 && result >= -MAX_ERRNO;
    }

    /** The errno field of an address-returning call: 0 unless the call failed. */
    static int errnoOf(long result) {
        return result != TraceEvent.UNKNOWN_RESULT && isErrno(result) ? (int) -result : 0;
    }

    /** The value part of an address-returning call's result (0 on failure or when unknown). */
    static long addressValueOf(long result) {
        return result == TraceEvent.UNKNOWN_RESULT || isErrno(result) ? 0 : result;
    }

    static long addressResult(boolean unknown, int errno, long page, long rem) {
        if (unknown) {
            return TraceEvent.UNKNOWN_RESULT;
        }
        return errno != 0 ? -Integer.toUnsignedLong(errno) : join(page, rem);
    }

    /** The sint64 {@code result} field of a status-returning call (0 when unknown). */
    static long statusValueOf(long result) {
        return result == TraceEvent.UNKNOWN_RESULT ? 0 : result;
    }

    static long statusResult(boolean unknown, long value) {
        return unknown ? TraceEvent.UNKNOWN_RESULT : value;
    }
}
