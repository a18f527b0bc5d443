package org.ptreplay.tools.text;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes JSON for {@code --json} output: maps (keys always written sorted, whatever the map),
 * lists, strings, numbers, booleans and null, two-space indented, or on one line for JSON Lines
 * output. Sorted keys and no other source of order make the output byte-identical for identical data.
 */
public final class Json {

    private Json() {
    }

    /** The document followed by a newline. */
    public static String write(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, out, "");
        return out.append('\n').toString();
    }

    /** The document on one line without spaces, followed by a newline: one record of JSON Lines. */
    public static String line(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, out, null);
        return out.append('\n').toString();
    }

    /** {@code indent} is null for the one-line form. */
    private static void write(Object value, StringBuilder out, String indent) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String s) {
            string(s, out);
        } else if (value instanceof Number || value instanceof Boolean) {
            out.append(value);
        } else if (value instanceof Map<?, ?> map) {
            object(map, out, indent);
        } else if (value instanceof List<?> list) {
            array(list, out, indent);
        } else {
            throw new IllegalArgumentException("no JSON form for " + value.getClass().getName());
        }
    }

    private static void object(Map<?, ?> map, StringBuilder out, String indent) {
        if (map.isEmpty()) {
            out.append("{}");
            return;
        }
        TreeMap<String, Object> sorted = new TreeMap<>();
        map.forEach((k, v) -> sorted.put((String) k, v));
        String inner = indent == null ? null : indent + "  ";
        out.append('{');
        boolean first = true;
        for (Map.Entry<String, Object> e : sorted.entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            newline(out, inner);
            string(e.getKey(), out);
            out.append(inner == null ? ":" : ": ");
            write(e.getValue(), out, inner);
        }
        newline(out, indent);
        out.append('}');
    }

    private static void array(List<?> list, StringBuilder out, String indent) {
        if (list.isEmpty()) {
            out.append("[]");
            return;
        }
        String inner = indent == null ? null : indent + "  ";
        out.append('[');
        for (int i = 0; i < list.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            newline(out, inner);
            write(list.get(i), out, inner);
        }
        newline(out, indent);
        out.append(']');
    }

    private static void newline(StringBuilder out, String indent) {
        if (indent != null) {
            out.append('\n').append(indent);
        }
    }

    /** RFC 8259 §7: quote, backslash and control characters are escaped. */
    private static void string(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
