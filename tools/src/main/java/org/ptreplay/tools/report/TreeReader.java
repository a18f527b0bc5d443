package org.ptreplay.tools.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Reads the replay's JSON tree (maps, lists, strings, numbers, booleans, as written by
 * {@code org.ptreplay.tools.text.Json}) into {@link ReportData}. Only what the page needs must be
 * there: the cells with their arch, strategy and totals. Anything else missing shows as empty.
 * A value of the wrong shape is an {@link IllegalArgumentException} naming where it is, e.g.
 * {@code cells[1].by_path.fork.sim_ns}.
 */
public final class TreeReader {

    private TreeReader() {
    }

    public static ReportData read(Object tree) {
        Map<?, ?> root = map(tree, "the report tree");
        List<?> cellList = list(required(root, "cells", ""), "cells");
        if (cellList.isEmpty()) {
            throw new IllegalArgumentException("the report tree has no cells");
        }
        List<CellData> cells = new ArrayList<>();
        for (int i = 0; i < cellList.size(); i++) {
            cells.add(cell(map(cellList.get(i), "cells[" + i + "]"), "cells[" + i + "]."));
        }
        return new ReportData(flat(root.get("trace"), "trace"), texts(root.get("notes"), "notes"), cells, flat(root.get("host"), "host"));
    }

    private static CellData cell(Map<?, ?> m, String at) {
        Usage totals = usage(map(required(m, "totals", at), at + "totals"), at + "totals.");
        List<String> divergences = divergences(m.get("divergences"), at + "divergences");
        Object count = m.get("divergence_count");
        return new CellData(
                optionalText(m.get("label")),
                text(required(m, "arch", at)),
                flat(m.get("arch_options"), at + "arch_options"),
                texts(m.get("arch_notes"), at + "arch_notes"),
                text(required(m, "strategy", at)),
                flat(m.get("strategies"), at + "strategies"),
                flat(m.get("kernel_config"), at + "kernel_config"),
                optionalText(m.get("profile")),
                optionalText(m.get("thp")),
                optionalText(m.get("cpus")),
                optionalText(m.get("concurrency")),
                totals,
                usages(m.get("by_syscall"), at + "by_syscall"),
                usages(m.get("by_path"), at + "by_path"),
                flat(m.get("metrics"), at + "metrics"),
                divergences,
                count == null ? divergences.size() : number(count, at + "divergence_count"),
                flat(m.get("ignored"), at + "ignored"));
    }

    private static SortedMap<String, Usage> usages(Object value, String at) {
        SortedMap<String, Usage> out = new TreeMap<>();
        if (value == null) {
            return out;
        }
        map(value, at).forEach((k, v) -> out.put(key(k, at), usage(map(v, at + "." + k), at + "." + k + ".")));
        return out;
    }

    /** sim_ps when the tree has it (exact), else sim_ns. */
    private static Usage usage(Map<?, ?> m, String at) {
        Object calls = m.get("calls");
        Object ps = m.get("sim_ps");
        long simPs = ps != null ? number(ps, at + "sim_ps") : Math.multiplyExact(number(required(m, "sim_ns", at), at + "sim_ns"), 1000L);
        return new Usage(calls == null ? 0 : number(calls, at + "calls"), simPs,
                longs(m.get("counts"), at + "counts"), longs(m.get("primitive_ps"), at + "primitive_ps"));
    }

    private static SortedMap<String, Long> longs(Object value, String at) {
        SortedMap<String, Long> out = new TreeMap<>();
        if (value != null) {
            map(value, at).forEach((k, v) -> out.put(key(k, at), number(v, at + "." + k)));
        }
        return out;
    }

    private static List<String> texts(Object value, String at) {
        return value == null ? List.of() : list(value, at).stream().map(TreeReader::optionalText).toList();
    }

    private static List<String> divergences(Object value, String at) {
        List<String> out = new ArrayList<>();
        if (value == null) {
            return out;
        }
        List<?> items = list(value, at);
        for (int i = 0; i < items.size(); i++) {
            Object item = items.get(i);
            if (item instanceof Map<?, ?> m && m.get("message") instanceof String message) {
                out.add(message);
            } else if (item instanceof Map<?, ?>) {
                StringBuilder line = new StringBuilder();
                flat(item, at + "[" + i + "]").forEach((k, v) -> line.append(line.isEmpty() ? "" : ", ").append(k).append(": ").append(v));
                out.add(line.toString());
            } else {
                out.add(text(item));
            }
        }
        return out;
    }

    /** Nested maps to dotted keys and scalar lists to comma-separated text, for key/value tables. */
    private static SortedMap<String, String> flat(Object value, String at) {
        SortedMap<String, String> out = new TreeMap<>();
        if (value != null) {
            map(value, at).forEach((k, v) -> flatten(key(k, at), v, out));
        }
        return out;
    }

    private static void flatten(String prefix, Object value, SortedMap<String, String> out) {
        if (value instanceof Map<?, ?> m) {
            m.forEach((k, v) -> flatten(prefix.isEmpty() ? String.valueOf(k) : prefix + "." + k, v, out));
        } else if (value instanceof List<?> l && l.stream().anyMatch(e -> e instanceof Map<?, ?> || e instanceof List<?>)) {
            for (int i = 0; i < l.size(); i++) {
                flatten(prefix + "[" + i + "]", l.get(i), out);
            }
        } else if (value instanceof List<?> l) {
            out.put(prefix, String.join(", ", l.stream().map(TreeReader::text).toList()));
        } else {
            out.put(prefix, text(value));
        }
    }

    /** A setting as one line: a scalar as is, an object as {@code k=v, …} (dotted keys), an array joined by commas. */
    private static String optionalText(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
            SortedMap<String, String> flat = new TreeMap<>();
            flatten("", value, flat);
            StringBuilder line = new StringBuilder();
            flat.forEach((k, v) -> line.append(line.isEmpty() ? "" : ", ").append(k.isEmpty() ? "" : k + "=").append(v));
            return line.toString();
        }
        return text(value);
    }

    /** A scalar as the page shows it; integers get thousands separators. */
    private static String text(Object value) {
        if (value instanceof Double || value instanceof Float) {
            return Format.decimal(((Number) value).doubleValue());
        }
        if (value instanceof Number n) {
            return Format.integer(n.longValue());
        }
        return String.valueOf(value);
    }

    private static long number(Object value, String at) {
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (Double.isFinite(d)) {
                return Math.round(d);
            }
        } else if (value instanceof Number n) {
            return n.longValue();
        }
        throw new IllegalArgumentException(at + " is " + describe(value) + ", expected a finite number");
    }

    private static Object required(Map<?, ?> m, String key, String at) {
        Object value = m.get(key);
        if (value == null) {
            throw new IllegalArgumentException((at.isEmpty() ? "the report tree" : at.substring(0, at.length() - 1)) + " has no \"" + key + "\"");
        }
        return value;
    }

    private static Map<?, ?> map(Object value, String at) {
        if (value instanceof Map<?, ?> m) {
            return m;
        }
        throw new IllegalArgumentException(at + " is " + describe(value) + ", expected an object");
    }

    private static List<?> list(Object value, String at) {
        if (value instanceof List<?> l) {
            return l;
        }
        throw new IllegalArgumentException(at + " is " + describe(value) + ", expected an array");
    }

    private static String key(Object k, String at) {
        if (k instanceof String s) {
            return s;
        }
        throw new IllegalArgumentException(at + " has a key that is " + describe(k) + ", expected a string");
    }

    /** The JSON kind of a value, for messages. */
    private static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String) {
            return "a string";
        }
        if (value instanceof Number) {
            return value instanceof Double d && !Double.isFinite(d) ? "not finite" : "a number";
        }
        if (value instanceof Boolean) {
            return "a boolean";
        }
        if (value instanceof Map<?, ?>) {
            return "an object";
        }
        return value instanceof List<?> ? "an array" : "a " + value.getClass().getName();
    }
}
