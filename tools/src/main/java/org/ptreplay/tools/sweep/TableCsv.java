package org.ptreplay.tools.sweep;

import java.util.ArrayList;
import java.util.List;

/** The tidy table as CSV (RFC 4180: header first, CRLF line ends, fields quoted only when needed). */
public final class TableCsv {

    private TableCsv() {
    }

    public static String write(TidyTable table, List<Object[]> rows) {
        StringBuilder out = new StringBuilder();
        List<Column> columns = table.columns();
        for (int i = 0; i < columns.size(); i++) {
            out.append(i == 0 ? "" : ",").append(field(columns.get(i).name()));
        }
        out.append("\r\n");
        for (Object[] row : rows) {
            for (int i = 0; i < columns.size(); i++) {
                out.append(i == 0 ? "" : ",").append(field(columns.get(i).format(row[i])));
            }
            out.append("\r\n");
        }
        return out.toString();
    }

    /** The table a CSV written by {@link #write} holds, its rows typed by their columns. */
    public record Parsed(TidyTable table, List<Object[]> rows) {
    }

    /** @throws IllegalArgumentException if {@code text} is not a sweep table */
    public static Parsed read(String text) {
        List<List<String>> records = records(text);
        if (records.isEmpty()) {
            throw new IllegalArgumentException("an empty file is not a sweep table.");
        }
        TidyTable table = TidyTable.forHeader(records.get(0));
        List<Column> columns = table.columns();
        List<Object[]> rows = new ArrayList<>();
        for (int r = 1; r < records.size(); r++) {
            List<String> f = records.get(r);
            if (f.size() != columns.size()) {
                throw new IllegalArgumentException("row " + r + " has " + f.size() + " fields, the header " + columns.size() + ".");
            }
            Object[] row = new Object[f.size()];
            for (int i = 0; i < row.length; i++) {
                row[i] = columns.get(i).parse(f.get(i));
            }
            rows.add(row);
        }
        return new Parsed(table, rows);
    }

    private static List<List<String>> records(String text) {
        List<List<String>> records = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder f = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    f.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    f.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(f.toString());
                f.setLength(0);
            } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                fields.add(f.toString());
                f.setLength(0);
                records.add(fields);
                fields = new ArrayList<>();
                i++;
            } else {
                f.append(c);
            }
        }
        if (f.length() > 0 || !fields.isEmpty()) {
            fields.add(f.toString());
            records.add(fields);
        }
        return records;
    }

    /** Quoted when it holds a comma, a quote or a line break (RFC 4180 §2). */
    static String field(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
