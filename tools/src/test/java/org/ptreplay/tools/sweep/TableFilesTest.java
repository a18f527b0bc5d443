package org.ptreplay.tools.sweep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The table's CSV round trip, the Parquet file's frame, and the page's self-containment. */
class TableFilesTest {
    private final TidyTable table = TidyTable.forParams(List.of("size"));

    private Object[] row(long job, String strategy, String thp, double nsPerCall, Double moved) {
        Object[] r = new Object[table.columns().size()];
        List<String> n = table.names();
        for (int i = 0; i < r.length; i++) {
            r[i] = switch (table.columns().get(i).type()) {
                case LONG -> (long) i;
                case DOUBLE -> null;
                case STRING -> "s" + i;
            };
        }
        r[n.indexOf("job")] = job;
        r[n.indexOf("trace")] = "dir, with \"quotes\"/a.ptrace";
        r[n.indexOf("thp")] = thp;
        r[n.indexOf("strategy")] = strategy;
        r[n.indexOf("syscall")] = "fork";
        r[n.indexOf("sim_ns_per_call")] = nsPerCall;
        r[n.indexOf("ns_per_pte_moved")] = moved;
        return r;
    }

    private List<Object[]> rows() {
        List<Object[]> rows = new ArrayList<>();
        rows.add(row(0, "linux-6.8", "4K", 14.328, null));
        rows.add(row(0, "linux-6.9", "4K", 14.035, 0.1));
        rows.add(row(1, "linux-6.8", "16K", 14.263, null));
        rows.add(row(1, "linux-6.9", "16K", 11.96, 1.0 / 3));
        return rows;
    }

    @Test
    void csvRoundTripsEveryValueExactly() {
        String csv = TableCsv.write(table, rows());
        TableCsv.Parsed parsed = TableCsv.read(csv);
        assertEquals(table.names(), parsed.table().names());
        assertEquals(rows().size(), parsed.rows().size());
        for (int i = 0; i < rows().size(); i++) {
            assertArrayEquals(rows().get(i), parsed.rows().get(i));
        }
        assertEquals(csv, TableCsv.write(parsed.table(), parsed.rows()));
    }

    @Test
    void parquetFileIsFramedByMagicAndFooterLength() {
        byte[] file = ParquetTable.write(table, rows());
        assertEquals("PAR1", new String(file, 0, 4, StandardCharsets.US_ASCII));
        assertEquals("PAR1", new String(file, file.length - 4, 4, StandardCharsets.US_ASCII));
        int footer = ByteBuffer.wrap(file, file.length - 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        assertTrue(footer > 0 && footer < file.length - 12, "footer length " + footer);
        // FileMetaData starts with field 1 (version, i32): compact header 0x15, zigzag(1) = 2.
        int start = file.length - 8 - footer;
        assertEquals(0x15, file[start] & 0xff);
        assertEquals(2, file[start + 1]);
        // Every column name is in the footer's schema.
        String tail = new String(Arrays.copyOfRange(file, start, file.length), StandardCharsets.ISO_8859_1);
        table.names().forEach(n -> assertTrue(tail.contains(n), n));
        assertArrayEquals(file, ParquetTable.write(table, rows()));
    }

    @Test
    void thePageAllowsNothingButItsOwnStyleSheet() {
        String page = SweepPage.render(table, rows(), List.of("job 2 (x.ptrace, thp 4K, cpus 0, concurrency 1): <bad>"));
        assertTrue(page.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'sha256-"));
        assertFalse(page.contains("<script"));
        assertFalse(page.contains(" style="));
        // No address but SVG's namespace: nothing to load.
        assertFalse(page.replace("http://www.w3.org/2000/svg", "").matches("(?s).*(https?:|src=|href=\"(?!data:)).*"));
        assertTrue(page.contains("&lt;bad&gt;"));
        // Against thp: simulated ns per call of fork, and ns per PTE moved (present in two rows); each absolute + ratio.
        assertEquals(2 * 2, page.split("<svg class=\"plot\"", -1).length - 1);
        // The ratio plot of linux-6.9 at 16K: 11.96 / 14.263.
        assertTrue(page.contains("linux-6.9, thp 16K: 0.8385"), page);
    }
}
