package org.ptreplay.tools.sweep;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the tidy table as one Parquet file (apache/parquet-format, parquet.thrift) with no
 * library: every column OPTIONAL (strings as UTF8 byte arrays, integers as INT64, figures as
 * DOUBLE), PLAIN values, RLE definition levels, uncompressed v1 data pages, one page per column
 * per row group of at most {@link #ROW_GROUP_ROWS} rows. That is the plainest file every Parquet
 * reader reads (Spark SQL in the spark module's test does); the Spark engine writes its own,
 * partitioned and compressed.
 */
public final class ParquetTable {
    static final int ROW_GROUP_ROWS = 100_000;
    private static final byte[] MAGIC = "PAR1".getBytes(StandardCharsets.US_ASCII);
    // parquet.thrift enums
    private static final int INT64 = 2;
    private static final int DOUBLE = 5;
    private static final int BYTE_ARRAY = 6;
    private static final int OPTIONAL = 1;
    private static final int UTF8 = 0;
    private static final int PLAIN = 0;
    private static final int RLE = 3;
    private static final int DATA_PAGE = 0;
    private static final int UNCOMPRESSED = 0;

    private ParquetTable() {
    }

    /** A written column chunk: where its page starts and its size. */
    private record Chunk(long offset, long size) {
    }

    public static byte[] write(TidyTable table, List<Object[]> rows) {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.writeBytes(MAGIC);
        List<Column> columns = table.columns();
        List<List<Chunk>> groups = new ArrayList<>();
        List<Integer> groupRows = new ArrayList<>();
        for (int from = 0; from < rows.size(); from += ROW_GROUP_ROWS) {
            List<Object[]> group = rows.subList(from, Math.min(rows.size(), from + ROW_GROUP_ROWS));
            List<Chunk> chunks = new ArrayList<>();
            for (int c = 0; c < columns.size(); c++) {
                byte[] page = page(columns.get(c), c, group);
                chunks.add(new Chunk(file.size(), page.length));
                file.writeBytes(page);
            }
            groups.add(chunks);
            groupRows.add(group.size());
        }
        byte[] footer = footer(columns, groups, groupRows, rows.size());
        file.writeBytes(footer);
        file.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(footer.length).array());
        file.writeBytes(MAGIC);
        return file.toByteArray();
    }

    /** A page header followed by the definition levels and the non-null values. */
    private static byte[] page(Column column, int index, List<Object[]> rows) {
        ByteArrayOutputStream levels = new ByteArrayOutputStream();
        ByteArrayOutputStream values = new ByteArrayOutputStream();
        // RLE runs of bit width 1 (Encodings.md, RLE/bit-packing hybrid): varint(count << 1), then one byte.
        int i = 0;
        while (i < rows.size()) {
            boolean present = rows.get(i)[index] != null;
            int j = i;
            while (j < rows.size() && (rows.get(j)[index] != null) == present) {
                j++;
            }
            varint(levels, (long) (j - i) << 1);
            levels.write(present ? 1 : 0);
            i = j;
        }
        ByteBuffer eight = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        for (Object[] row : rows) {
            Object v = row[index];
            if (v == null) {
                continue;
            }
            eight.clear();
            switch (column.type()) {
                case LONG -> values.writeBytes(eight.putLong((Long) v).array());
                case DOUBLE -> values.writeBytes(eight.putDouble((Double) v).array());
                case STRING -> {
                    byte[] b = ((String) v).getBytes(StandardCharsets.UTF_8);
                    values.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(b.length).array());
                    values.writeBytes(b);
                }
            }
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(levels.size()).array());
        body.writeBytes(levels.toByteArray());
        body.writeBytes(values.toByteArray());
        ThriftCompact h = new ThriftCompact();
        h.beginStruct();
        h.i32(1, DATA_PAGE);
        h.i32(2, body.size());
        h.i32(3, body.size());
        h.structField(5);
        h.i32(1, rows.size());
        h.i32(2, PLAIN);
        h.i32(3, RLE);
        h.i32(4, RLE);
        h.endStruct();
        h.endStruct();
        ByteArrayOutputStream page = new ByteArrayOutputStream();
        page.writeBytes(h.bytes());
        page.writeBytes(body.toByteArray());
        return page.toByteArray();
    }

    private static byte[] footer(List<Column> columns, List<List<Chunk>> groups, List<Integer> groupRows, long rows) {
        ThriftCompact t = new ThriftCompact();
        t.beginStruct();
        t.i32(1, 1);
        t.list(2, ThriftCompact.STRUCT, columns.size() + 1);
        t.beginStruct();
        t.string(4, "schema");
        t.i32(5, columns.size());
        t.endStruct();
        for (Column c : columns) {
            t.beginStruct();
            t.i32(1, physical(c));
            t.i32(3, OPTIONAL);
            t.string(4, c.name());
            if (c.type() == Column.Type.STRING) {
                t.i32(6, UTF8);
            }
            t.endStruct();
        }
        t.i64(3, rows);
        t.list(4, ThriftCompact.STRUCT, groups.size());
        for (int g = 0; g < groups.size(); g++) {
            List<Chunk> chunks = groups.get(g);
            t.beginStruct();
            t.list(1, ThriftCompact.STRUCT, chunks.size());
            long total = 0;
            for (int c = 0; c < chunks.size(); c++) {
                Chunk ch = chunks.get(c);
                total += ch.size();
                t.beginStruct();
                t.i64(2, ch.offset());
                t.structField(3);
                t.i32(1, physical(columns.get(c)));
                t.list(2, ThriftCompact.I32, 2);
                t.i32Element(PLAIN);
                t.i32Element(RLE);
                t.list(3, ThriftCompact.BINARY, 1);
                t.binary(columns.get(c).name());
                t.i32(4, UNCOMPRESSED);
                t.i64(5, groupRows.get(g));
                t.i64(6, ch.size());
                t.i64(7, ch.size());
                t.i64(9, ch.offset());
                t.endStruct();
                t.endStruct();
            }
            t.i64(2, total);
            t.i64(3, groupRows.get(g));
            t.endStruct();
        }
        t.string(6, "ptreplay sweep");
        t.endStruct();
        return t.bytes();
    }

    private static int physical(Column c) {
        return switch (c.type()) {
            case LONG -> INT64;
            case DOUBLE -> DOUBLE;
            case STRING -> BYTE_ARRAY;
        };
    }

    private static void varint(ByteArrayOutputStream out, long v) {
        while ((v & ~0x7FL) != 0) {
            out.write((int) (v & 0x7F | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }
}
