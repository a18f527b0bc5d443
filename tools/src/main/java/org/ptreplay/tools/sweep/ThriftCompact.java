package org.ptreplay.tools.sweep;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The part of Thrift's compact protocol (thrift/doc/specs/thrift-compact-protocol.md) that a
 * Parquet footer and page header need: structs, i32/i64 fields, strings and lists.
 */
final class ThriftCompact {
    static final int I32 = 5;
    static final int I64 = 6;
    static final int BINARY = 8;
    static final int LIST = 9;
    static final int STRUCT = 12;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final Deque<Integer> lastIds = new ArrayDeque<>();
    private int lastId;

    void beginStruct() {
        lastIds.push(lastId);
        lastId = 0;
    }

    void endStruct() {
        out.write(0);
        lastId = lastIds.pop();
    }

    void fieldHeader(int id, int type) {
        int delta = id - lastId;
        if (delta > 0 && delta <= 15) {
            out.write(delta << 4 | type);
        } else {
            out.write(type);
            varint(zigzag(id));
        }
        lastId = id;
    }

    void i32(int id, int v) {
        fieldHeader(id, I32);
        varint(zigzag(v));
    }

    void i64(int id, long v) {
        fieldHeader(id, I64);
        varint(zigzag(v));
    }

    void string(int id, String v) {
        fieldHeader(id, BINARY);
        binary(v);
    }

    /** A list field's header; the elements follow ({@link #i32Element}, {@link #binary}, structs). */
    void list(int id, int elementType, int size) {
        fieldHeader(id, LIST);
        if (size < 15) {
            out.write(size << 4 | elementType);
        } else {
            out.write(0xF0 | elementType);
            varint(size);
        }
    }

    void i32Element(int v) {
        varint(zigzag(v));
    }

    void binary(String v) {
        byte[] b = v.getBytes(StandardCharsets.UTF_8);
        varint(b.length);
        out.writeBytes(b);
    }

    /** A nested struct field: its header, then the caller writes its fields and {@link #endStruct}. */
    void structField(int id) {
        fieldHeader(id, STRUCT);
        beginStruct();
    }

    byte[] bytes() {
        return out.toByteArray();
    }

    private void varint(long v) {
        while ((v & ~0x7FL) != 0) {
            out.write((int) (v & 0x7F | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }

    private static long zigzag(long v) {
        return v << 1 ^ v >> 63;
    }
}
