package org.ptreplay.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.ptreplay.trace.proto.Packet;

/** The hand-written {@link PacketDecoder} must read exactly what the generated parser reads. */
class DecoderAgreementTest {

    @Test
    void bothDecodersAgreeOnRandomEventsOfEveryKind() throws Exception {
        Random r = new Random(20240611);
        Set<TraceEvent.Kind> seen = EnumSet.noneOf(TraceEvent.Kind.class);
        for (int i = 0; i < 20_000; i++) {
            TraceEvent e = randomEvent(r, TraceEvent.Kind.values()[i % TraceEvent.Kind.values().length]);
            byte[] bytes = EventEncoder.toPacket(e).toByteArray();
            assertEquals(e, ReferenceDecoder.event(Packet.parseFrom(bytes)), "generated decoder");
            assertEquals(e, fast(bytes), "hand-written decoder");
            assertEquals(e, fast(withTrailingUnknownField(bytes)), "hand-written decoder, general path");
            assertEquals(e, fastInside(bytes, r), "hand-written decoder, packet inside a larger buffer");
            seen.add(e.kind());
        }
        assertEquals(EnumSet.allOf(TraceEvent.Kind.class), seen);
    }

    @Test
    void bothDecodersAgreeOnTheFixture() throws Exception {
        for (TraceEvent e : Fixtures.EVERY_KIND) {
            byte[] bytes = EventEncoder.toPacket(e).toByteArray();
            assertEquals(e, ReferenceDecoder.event(Packet.parseFrom(bytes)));
            assertEquals(e, fast(bytes));
        }
    }

    @Test
    void unknownFieldsAndWireTypesAreSkippedLikeTheGeneratedParserDoes() throws Exception {
        byte[] bytes = packet(out -> {
            writeSub(out, 1, t -> {                  // Packet.touch
                t.writeInt32(1, 42);                  // pid
                t.writeUInt64(3, 5);                  // addr_page
                t.writeFixed32(5, 77);                // length_page with the wrong wire type: unknown
                t.writeFixed64(20, 1);                // unknown field numbers
                t.writeString(21, "future");
                t.writeUInt64(40, 9);
                t.writeBool(7, true);                 // write
            });
            out.writeUInt64(30, 1);                  // unknown packet field
        });
        TraceEvent expected = new TraceEvent.Touch(42, 0, 5 << 12, 0, true);
        assertEquals(expected, ReferenceDecoder.event(Packet.parseFrom(bytes)));
        assertEquals(expected, fast(bytes));
    }

    @Test
    void aRepeatedEventMessageMergesAndAnotherKindReplacesIt() throws Exception {
        byte[] merged = packet(out -> {
            writeSub(out, 1, t -> {
                t.writeInt32(1, 7);
                t.writeUInt64(3, 5);
            });
            writeSub(out, 1, t -> t.writeBool(7, true));
        });
        TraceEvent touch = new TraceEvent.Touch(7, 0, 5 << 12, 0, true);
        assertEquals(touch, ReferenceDecoder.event(Packet.parseFrom(merged)));
        assertEquals(touch, fast(merged));

        byte[] replaced = packet(out -> {
            writeSub(out, 1, t -> t.writeInt32(1, 7));      // touch pid 7
            writeSub(out, 9, t -> t.writeSInt32(3, -2));    // exit code -2 replaces it
        });
        TraceEvent exit = new TraceEvent.Exit(0, 0, -2, false);
        assertEquals(exit, ReferenceDecoder.event(Packet.parseFrom(replaced)));
        assertEquals(exit, fast(replaced));
    }

    @Test
    void aKindThatComesBackAfterAnotherStartsAfreshAsTheSpecificationSays() throws Exception {
        // The generated Java builder keeps the first touch's fields here (pid 7); the protobuf
        // encoding specification says only the last oneof member seen counts. No writer produces this.
        byte[] back = packet(out -> {
            writeSub(out, 1, t -> t.writeInt32(1, 7));
            writeSub(out, 9, t -> t.writeSInt32(3, -2));
            writeSub(out, 1, t -> t.writeBool(7, true));
        });
        assertEquals(new TraceEvent.Touch(0, 0, 0, 0, true), fast(back));
    }

    @Test
    void aPacketWithoutAKnownPayloadHoldsNoEvent() throws Exception {
        byte[] future = packet(out -> writeSub(out, 11, t -> t.writeInt32(1, 1)));
        assertNull(ReferenceDecoder.event(Packet.parseFrom(future)));
        PacketDecoder d = new PacketDecoder();
        assertNull(d.decode(future, 0, future.length));
        assertEquals(PacketDecoder.NONE, d.kind());
        assertNull(d.decode(new byte[0], 0, 0));
        assertEquals(PacketDecoder.NONE, d.kind());
        byte[] header = Packet.newBuilder().setHeader(HeaderMapping.toProto(Fixtures.HEADER)).build().toByteArray();
        assertNull(d.decode(header, 0, header.length));
        assertEquals(PacketDecoder.HEADER, d.kind());
    }

    @Test
    void malformedPacketsAreRejectedByBoth() throws Exception {
        List<byte[]> bad = new ArrayList<>();
        bad.add(new byte[] {0x0a, 0x05, 0x08});                       // touch of 5 bytes, 1 present
        bad.add(new byte[] {0x0a, 0x02, 0x08, (byte) 0x80});          // varint cut by the message end
        bad.add(new byte[] {0x00});                                   // field number 0
        bad.add(new byte[] {0x0f});                                   // wire type 7
        bad.add(new byte[] {0x0d, 0x01, 0x02});                       // fixed32 cut short
        bad.add(new byte[] {0x08, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff,
                (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x01}); // 11-byte varint
        for (byte[] b : bad) {
            assertThrows(InvalidProtocolBufferException.class, () -> Packet.parseFrom(b));
            String reason = assertThrows(PacketDecoder.MalformedPacketException.class,
                    () -> new PacketDecoder().decode(b, 0, b.length)).getMessage();
            // The decoder may look past a packet's end into the reader's buffer, never use what it sees there:
            // bytes that would end a cut varint change nothing.
            byte[] inside = Arrays.copyOf(b, b.length + 16);
            Arrays.fill(inside, b.length, inside.length, (byte) 0x01);
            assertEquals(reason, assertThrows(PacketDecoder.MalformedPacketException.class,
                    () -> new PacketDecoder().decode(inside, 0, b.length)).getMessage());
        }
    }

    @Test
    void aPageNumberCutByThePacketEndIsMalformedWhateverFollows() throws Exception {
        // touch { pid 1, addr_page = the first 2 of its 4 bytes }, then bytes that would complete it.
        byte[] b = {0x0a, 0x05, 0x08, 0x01, 0x18, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x7f, 0, 0, 0, 0, 0, 0, 0, 0};
        assertEquals("malformed packet (a varint runs past its end)",
                assertThrows(PacketDecoder.MalformedPacketException.class, () -> new PacketDecoder().decode(b, 0, 7))
                        .getMessage());
        assertEquals(new TraceEvent.Touch(1, 0, 0xfe00000L << 12, 0, false), new PacketDecoder().decode(
                new byte[] {0x0a, 0x07, 0x08, 0x01, 0x18, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x7f, 0x0a, 0x04, 0x08, 0x02, 0x38, 0x01},
                0, 9),
                "the same page number, whole, followed by the next packet");
    }

    private static TraceEvent fast(byte[] bytes) throws PacketDecoder.MalformedPacketException {
        return new PacketDecoder().decode(bytes, 0, bytes.length);
    }

    /** Decodes the packet at a random offset of a larger buffer with random bytes around it. */
    private static TraceEvent fastInside(byte[] packet, Random r) throws PacketDecoder.MalformedPacketException {
        byte[] buffer = new byte[packet.length + 32];
        r.nextBytes(buffer);
        int at = r.nextInt(16);
        System.arraycopy(packet, 0, buffer, at, packet.length);
        return new PacketDecoder().decode(buffer, at, at + packet.length);
    }

    /** The same packet with an unknown field after the event, which only the general path takes. */
    private static byte[] withTrailingUnknownField(byte[] packet) throws IOException {
        return sub(out -> {
            out.writeRawBytes(packet);
            out.writeUInt64(31, 1);
        });
    }

    interface Body {
        void write(CodedOutputStream out) throws IOException;
    }

    private static byte[] sub(Body body) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        body.write(out);
        out.flush();
        return bytes.toByteArray();
    }

    private static byte[] packet(Body body) throws IOException {
        return sub(body);
    }

    private static void writeSub(CodedOutputStream out, int field, Body body) throws IOException {
        byte[] b = sub(body);
        out.writeTag(field, 2);
        out.writeUInt32NoTag(b.length);
        out.writeRawBytes(b);
    }

    /** Values around every boundary the encodings have: 0, page edges, errno range, sign, extremes. */
    private static long anyLong(Random r) {
        return switch (r.nextInt(10)) {
            case 0 -> 0;
            case 1 -> r.nextLong();
            case 2 -> (long) r.nextInt(1 << 20) << 12;
            case 3 -> 0x7f0000000000L + r.nextInt(1 << 30);
            case 4 -> -1 - r.nextInt(4096);
            case 5 -> -4096 - r.nextInt(1000);
            case 6 -> Long.MAX_VALUE - r.nextInt(10);
            case 7 -> Long.MIN_VALUE + r.nextInt(10);
            case 8 -> r.nextInt(100);
            default -> TraceEvent.UNKNOWN_RESULT;
        };
    }

    private static int anyInt(Random r) {
        return switch (r.nextInt(5)) {
            case 0 -> 0;
            case 1 -> r.nextInt();
            case 2 -> -1;
            case 3 -> r.nextInt(64);
            default -> Integer.MIN_VALUE;
        };
    }

    static TraceEvent randomEvent(Random r, TraceEvent.Kind kind) {
        int pid = anyInt(r);
        long dt = anyLong(r);
        return switch (kind) {
            case MMAP -> new TraceEvent.Mmap(pid, dt, anyLong(r), anyLong(r), anyInt(r), anyInt(r), anyInt(r), anyLong(r), anyLong(r));
            case MUNMAP -> new TraceEvent.Munmap(pid, dt, anyLong(r), anyLong(r), anyLong(r));
            case MREMAP -> new TraceEvent.Mremap(pid, dt, anyLong(r), anyLong(r), anyLong(r), anyInt(r), anyLong(r), anyLong(r));
            case BRK -> new TraceEvent.Brk(pid, dt, anyLong(r), anyLong(r));
            case MADVISE -> new TraceEvent.Madvise(pid, dt, anyLong(r), anyLong(r), anyInt(r), anyLong(r));
            case MPROTECT -> new TraceEvent.Mprotect(pid, dt, anyLong(r), anyLong(r), anyInt(r), anyLong(r));
            case FORK -> new TraceEvent.Fork(pid, dt, anyInt(r), anyLong(r), anyLong(r));
            case EXEC -> new TraceEvent.Exec(pid, dt, anyLong(r));
            case EXIT -> new TraceEvent.Exit(pid, dt, anyInt(r), r.nextBoolean());
            case TOUCH -> new TraceEvent.Touch(pid, dt, anyLong(r), anyLong(r), r.nextBoolean());
        };
    }
}
