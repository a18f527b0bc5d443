package org.ptreplay.trace;

import static org.ptreplay.trace.WireValues.addressResult;
import static org.ptreplay.trace.WireValues.join;
import static org.ptreplay.trace.WireValues.statusResult;


/**
 * Decodes one {@code Packet} of trace.proto from a byte range, without the generated classes.
 *
 * <p>Why hand-written: generated {@code parseFrom} builds a builder and a message per packet, and
 * decode must run at tens of millions of events a second. This decoder reads the same wire format
 * with the semantics of the protobuf encoding specification.
 *
 * <p>Two paths. The fast one takes the packets that the writer produces: a touch or mremap whose
 * fields come once each in ascending order, one-byte tags, varint values, read straight into the
 * event's constructor (no loop over field numbers, no intermediate state: decoding is bound by
 * instructions, not memory). Any other packet, or one the fast path does not recognise to its
 * last byte, is decoded again by the general path: every event field is a varint numbered 1..15
 * (trace.proto guarantees it), so the fields of an event message land in one array slot each; a
 * field with another wire type or number is unknown and skipped; a repeated field keeps its last
 * value; a repeated event message merges into the previous one of the same kind, while another
 * oneof member replaces it. Deliberate differences from the generated Java parser, for input no
 * writer produces: groups (wire types 3 and 4, unused by proto3) are rejected as malformed instead
 * of skipped; and a kind that comes back after another oneof member starts afresh, as the
 * specification says, where the generated builder would merge it into the first occurrence.
 *
 * <p>Not thread-safe; one per reader. Allocates only the event it returns.
 */
final class PacketDecoder {

    /** Packet field numbers (trace.proto). */
    static final int TOUCH = 1;
    static final int MREMAP = 2;
    static final int MMAP = 3;
    static final int MUNMAP = 4;
    static final int MADVISE = 5;
    static final int MPROTECT = 6;
    static final int BRK = 7;
    static final int FORK = 8;
    static final int EXIT = 9;
    static final int EXEC = 10;
    static final int HEADER = 16;
    /** The End packet: {@link #endEventCount()} holds its count. */
    static final int END = 17;
    /** {@link #kind()} of a packet without a payload this version knows: skip it. */
    static final int NONE = 0;

    private static final int MAX_VARINT_BYTES = 10;
    private static final int WT_VARINT = 0;
    private static final int WT_FIXED64 = 1;
    private static final int WT_LEN = 2;
    private static final int WT_FIXED32 = 5;

    private static final long[] ZEROS = new long[16];
    /** Raw varint values of fields 1..15 of the current event message. */
    private final long[] f = new long[16];
    private int kind;
    private int pos;

    /** A packet that does not follow the protobuf wire format. */
    static final class MalformedPacketException extends Exception {
        private static final long serialVersionUID = 1L;

        MalformedPacketException(String reason) {
            super(reason, null, false, false);
        }
    }

    /** The event count of the last decoded packet when {@link #kind()} is {@link #END}. */
    long endEventCount() {
        return f[1];
    }

    /** The payload's field number in the last decoded packet: {@link #HEADER}, an event kind, or {@link #NONE}. */
    int kind() {
        return kind;
    }

    /**
     * Decodes {@code b[start, end)}: the event, or null when the packet holds none (a header, see
     * {@link #kind()}, or a payload this version does not know).
     */
    TraceEvent decode(byte[] b, int start, int end) throws MalformedPacketException {
        if (end - start >= 2 && b[start + 1] >= 0 && start + 2 + b[start + 1] == end) {
            pos = start + 2;
            TraceEvent e = switch (b[start]) {
                case (TOUCH << 3) | WT_LEN -> touch(b, end);
                case (MREMAP << 3) | WT_LEN -> mremap(b, end);
                default -> null;
            };
            if (e != null) {
                kind = b[start] >>> 3;
                return e;
            }
        }
        return general(b, start, end);
    }

    /** The fast path of a touch: the writer's field order, or null. */
    private TraceEvent touch(byte[] b, int end) throws MalformedPacketException {
        long pid = next(b, end, 1);
        long dt = next(b, end, 2);
        long addrPage = next(b, end, 3);
        long addrRem = next(b, end, 4);
        long lengthPage = next(b, end, 5);
        long lengthRem = next(b, end, 6);
        long write = next(b, end, 7);
        return pos != end ? null : new TraceEvent.Touch(i32(pid), s64(dt), join(addrPage, addrRem),
                join(lengthPage, lengthRem), write != 0);
    }

    /** The fast path of an mremap: the writer's field order, or null. */
    private TraceEvent mremap(byte[] b, int end) throws MalformedPacketException {
        long pid = next(b, end, 1);
        long dt = next(b, end, 2);
        long oldAddrPage = next(b, end, 3);
        long oldAddrRem = next(b, end, 4);
        long oldLengthPage = next(b, end, 5);
        long oldLengthRem = next(b, end, 6);
        long newLengthPage = next(b, end, 7);
        long newLengthRem = next(b, end, 8);
        long flags = next(b, end, 9);
        long newAddrPage = next(b, end, 10);
        long newAddrRem = next(b, end, 11);
        long resultPage = next(b, end, 12);
        long resultRem = next(b, end, 13);
        long errno = next(b, end, 14);
        long unknown = next(b, end, 15);
        return pos != end ? null : new TraceEvent.Mremap(i32(pid), s64(dt), join(oldAddrPage, oldAddrRem),
                join(oldLengthPage, oldLengthRem), join(newLengthPage, newLengthRem), i32(flags),
                join(newAddrPage, newAddrRem), addressResult(unknown != 0, i32(errno), resultPage, resultRem));
    }

    /** The value of varint field {@code field} if it comes next, else 0 (proto3's default). */
    private long next(byte[] b, int end, int field) throws MalformedPacketException {
        int p = pos;
        if (p < end && b[p] == (field << 3 | WT_VARINT)) {
            pos = p + 1;
            return varint(b, end);
        }
        return 0;
    }

    private TraceEvent general(byte[] b, int start, int end) throws MalformedPacketException {
        kind = NONE;
        pos = start;
        while (pos < end) {
            // Like the generated parser, keep the low 32 bits of a tag: field numbers are 29 bits.
            int tag = (int) varint(b, end);
            int field = tag >>> 3;
            int wireType = tag & 7;
            if (field == 0) {
                throw new MalformedPacketException("malformed packet (field number 0)");
            }
            if (wireType == WT_LEN && field >= TOUCH && field <= EXEC) {
                int len = length(b, end);
                if (field != kind) {
                    System.arraycopy(ZEROS, 0, f, 0, ZEROS.length);
                    kind = field;
                }
                fields(b, pos, pos + len);
                pos += len;
            } else if (wireType == WT_LEN && field == END) {
                int len = length(b, end);
                System.arraycopy(ZEROS, 0, f, 0, ZEROS.length);
                kind = END;
                fields(b, pos, pos + len);
                pos += len;
            } else if (wireType == WT_LEN && field == HEADER) {
                // Parsed by the generated classes (rare); only the oneof case matters here.
                int len = length(b, end);
                kind = HEADER;
                pos += len;
            } else {
                skip(wireType, b, end);
            }
        }
        return slotsEvent();
    }

    private void fields(byte[] b, int start, int end) throws MalformedPacketException {
        int outer = pos;
        pos = start;
        while (pos < end) {
            // Like the generated parser, keep the low 32 bits of a tag: field numbers are 29 bits.
            int tag = (int) varint(b, end);
            int field = tag >>> 3;
            int wireType = tag & 7;
            if (field == 0) {
                throw new MalformedPacketException("malformed packet (field number 0 in an event)");
            }
            if (wireType == WT_VARINT && field < 16) {
                f[field] = varint(b, end);
            } else {
                // A field number above 15, or a field 1..15 with another wire type: unknown.
                skip(wireType, b, end);
            }
        }
        pos = outer;
    }

    /** The event in the slots, decoded by the general path. */
    private TraceEvent slotsEvent() {
        long[] v = f;
        return switch (kind) {
            case TOUCH -> new TraceEvent.Touch(i32(v[1]), s64(v[2]), join(v[3], v[4]), join(v[5], v[6]), v[7] != 0);
            case MREMAP -> new TraceEvent.Mremap(i32(v[1]), s64(v[2]), join(v[3], v[4]), join(v[5], v[6]),
                    join(v[7], v[8]), i32(v[9]), join(v[10], v[11]), addressResult(v[15] != 0, i32(v[14]), v[12], v[13]));
            case MMAP -> new TraceEvent.Mmap(i32(v[1]), s64(v[2]), join(v[3], v[4]), join(v[5], v[6]), i32(v[7]),
                    i32(v[8]), s32(v[9]), join(v[10], v[11]), addressResult(v[15] != 0, i32(v[14]), v[12], v[13]));
            case MUNMAP -> new TraceEvent.Munmap(i32(v[1]), s64(v[2]), join(v[3], v[4]), join(v[5], v[6]),
                    statusResult(v[8] != 0, s64(v[7])));
            case MADVISE -> new TraceEvent.Madvise(i32(v[1]), s64(v[2]), join(v[3], v[4]), join(v[5], v[6]), i32(v[7]),
                    statusResult(v[9] != 0, s64(v[8])));
            case MPROTECT -> new TraceEvent.Mprotect(i32(v[1]), s64(v[2]), join(v[3], v[4]), join(v[5], v[6]), i32(v[7]),
                    statusResult(v[9] != 0, s64(v[8])));
            case BRK -> new TraceEvent.Brk(i32(v[1]), s64(v[2]), join(v[3], v[4]),
                    addressResult(v[8] != 0, i32(v[7]), v[5], v[6]));
            case FORK -> new TraceEvent.Fork(i32(v[1]), s64(v[2]), i32(v[3]), v[4], statusResult(v[6] != 0, s64(v[5])));
            case EXEC -> new TraceEvent.Exec(i32(v[1]), s64(v[2]), statusResult(v[4] != 0, s64(v[3])));
            case EXIT -> new TraceEvent.Exit(i32(v[1]), s64(v[2]), s32(v[3]), v[4] != 0);
            default -> null;
        };
    }

    /** int32, uint32: the generated parser keeps the low 32 bits of the varint. */
    private static int i32(long raw) {
        return (int) raw;
    }

    private static int s32(long raw) {
        int n = (int) raw;
        return (n >>> 1) ^ -(n & 1);
    }

    private static long s64(long raw) {
        return (raw >>> 1) ^ -(raw & 1);
    }

    private int length(byte[] b, int end) throws MalformedPacketException {
        long len = varint(b, end);
        if (len < 0 || len > end - pos) {
            throw new MalformedPacketException("malformed packet (a field of " + Long.toUnsignedString(len)
                    + " bytes in " + (end - pos) + " remaining bytes)");
        }
        return (int) len;
    }

    private void skip(int wireType, byte[] b, int end) throws MalformedPacketException {
        int n = switch (wireType) {
            case WT_VARINT -> {
                varint(b, end);
                yield 0;
            }
            case WT_FIXED64 -> 8;
            case WT_LEN -> length(b, end);
            case WT_FIXED32 -> 4;
            default -> throw new MalformedPacketException("malformed packet (wire type " + wireType + ")");
        };
        if (n > end - pos) {
            throw new MalformedPacketException("malformed packet (a fixed-size field runs past its end)");
        }
        pos += n;
    }

    /**
     * Most values (tags, pids, deltas, lengths, flags) take one or two bytes: that path is small
     * enough to inline everywhere. Page numbers take five, and go to {@link #longVarint}.
     */
    private long varint(byte[] b, int end) throws MalformedPacketException {
        int p = pos;
        if (p < end) {
            int x0 = b[p];
            if (x0 >= 0) {
                pos = p + 1;
                return x0;
            }
            if (p + 1 < end) {
                int x1 = b[p + 1];
                if (x1 >= 0) {
                    pos = p + 2;
                    return (x0 & 0x7f) | (x1 << 7);
                }
            }
        }
        return longVarint(b, end);
    }

    /**
     * Unrolled, without a bound check per byte. It reads up to ten bytes whenever the array holds
     * them, even past the packet's end (the reader's buffer holds the following packets there),
     * and only then checks that the varint ended inside the packet: most packets are shorter than
     * ten bytes from a page number to their end. A varint that runs past the end or is too long is
     * decoded again by {@link #varintNearEnd}, which names the problem.
     */
    private long longVarint(byte[] b, int end) throws MalformedPacketException {
        int p = pos;
        if (b.length - p < MAX_VARINT_BYTES) {
            return varintNearEnd(b, end);
        }
        byte y;
        long x = (y = b[p]) & 0x7fL;
        if (y >= 0) {
            return endedAt(b, end, x, p + 1);
        }
        x |= (long) ((y = b[p + 1]) & 0x7f) << 7;
        if (y >= 0) {
            return endedAt(b, end, x, p + 2);
        }
        x |= (long) ((y = b[p + 2]) & 0x7f) << 14;
        if (y >= 0) {
            return endedAt(b, end, x, p + 3);
        }
        x |= (long) ((y = b[p + 3]) & 0x7f) << 21;
        if (y >= 0) {
            return endedAt(b, end, x, p + 4);
        }
        x |= (long) ((y = b[p + 4]) & 0x7f) << 28;
        if (y >= 0) {
            return endedAt(b, end, x, p + 5);
        }
        x |= (long) ((y = b[p + 5]) & 0x7f) << 35;
        if (y >= 0) {
            return endedAt(b, end, x, p + 6);
        }
        x |= (long) ((y = b[p + 6]) & 0x7f) << 42;
        if (y >= 0) {
            return endedAt(b, end, x, p + 7);
        }
        x |= (long) ((y = b[p + 7]) & 0x7f) << 49;
        if (y >= 0) {
            return endedAt(b, end, x, p + 8);
        }
        x |= (long) ((y = b[p + 8]) & 0x7f) << 56;
        if (y >= 0) {
            return endedAt(b, end, x, p + 9);
        }
        x |= (long) ((y = b[p + 9]) & 0x7f) << 63;
        if (y >= 0) {
            return endedAt(b, end, x, p + 10);
        }
        return varintNearEnd(b, end);
    }

    /** The value of a varint that ends before {@code next}, if that is inside the packet. */
    private long endedAt(byte[] b, int end, long value, int next) throws MalformedPacketException {
        if (next > end) {
            return varintNearEnd(b, end);
        }
        pos = next;
        return value;
    }

    private long varintNearEnd(byte[] b, int end) throws MalformedPacketException {
        int p = pos;
        long result = 0;
        for (int shift = 0; shift < 7 * MAX_VARINT_BYTES; shift += 7) {
            if (p >= end) {
                throw new MalformedPacketException("malformed packet (a varint runs past its end)");
            }
            byte x = b[p++];
            result |= (long) (x & 0x7f) << shift;
            if (x >= 0) {
                pos = p;
                return result;
            }
        }
        throw new MalformedPacketException("malformed packet (a varint longer than 10 bytes)");
    }
}
