package org.ptreplay.tools.sweep;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The YAML a sweep spec needs, and no more: a top-level mapping whose values are scalars, flow
 * lists ({@code [a, b]}), block lists ({@code - a}) or one nested mapping of those; plain, single-
 * and double-quoted scalars; {@code #} comments. Anything else (anchors, multi-line scalars,
 * documents) is refused with the line number, never guessed at. ptreplay has no YAML library, and
 * a spec does not justify one.
 */
final class MiniYaml {

    private MiniYaml() {
    }

    /**
     * @return key → String, List of String, or Map of key → String or List of String
     * @throws IllegalArgumentException naming the line
     */
    static Map<String, Object> parse(String text, String fileName) {
        List<String[]> lines = new ArrayList<>();
        String[] raw = text.split("\r?\n", -1);
        for (int i = 0; i < raw.length; i++) {
            String l = stripComment(raw[i]);
            if (!l.isBlank()) {
                lines.add(new String[] {l, Integer.toString(i + 1)});
            }
        }
        int[] pos = {0};
        return mapping(lines, pos, 0, fileName);
    }

    private static Map<String, Object> mapping(List<String[]> lines, int[] pos, int indent, String file) {
        Map<String, Object> map = new LinkedHashMap<>();
        while (pos[0] < lines.size()) {
            String line = lines.get(pos[0])[0];
            String where = file + ": line " + lines.get(pos[0])[1];
            int ind = indent(line);
            if (ind < indent) {
                break;
            }
            if (ind > indent) {
                throw new IllegalArgumentException(where + ": unexpected indentation.");
            }
            String body = line.strip();
            int colon = keyColon(body);
            if (colon <= 0 || body.startsWith("- ")) {
                throw new IllegalArgumentException(where + ": expected 'key: value'.");
            }
            String key = unquote(body.substring(0, colon).strip(), where);
            String rest = body.substring(colon + 1).strip();
            pos[0]++;
            if (map.containsKey(key)) {
                throw new IllegalArgumentException(where + ": key '" + key + "' given twice.");
            }
            if (!rest.isEmpty()) {
                map.put(key, value(rest, where));
            } else if (pos[0] < lines.size() && indent(lines.get(pos[0])[0]) > indent) {
                int childIndent = indent(lines.get(pos[0])[0]);
                if (lines.get(pos[0])[0].strip().startsWith("- ")) {
                    map.put(key, blockList(lines, pos, childIndent, file));
                } else {
                    map.put(key, mapping(lines, pos, childIndent, file));
                }
            } else {
                map.put(key, List.of());
            }
        }
        return map;
    }

    private static List<String> blockList(List<String[]> lines, int[] pos, int indent, String file) {
        List<String> items = new ArrayList<>();
        while (pos[0] < lines.size() && indent(lines.get(pos[0])[0]) == indent
                && lines.get(pos[0])[0].strip().startsWith("- ")) {
            String where = file + ": line " + lines.get(pos[0])[1];
            items.add(scalar(lines.get(pos[0])[0].strip().substring(2).strip(), where));
            pos[0]++;
        }
        return items;
    }

    private static Object value(String rest, String where) {
        if (rest.startsWith("[")) {
            if (!rest.endsWith("]")) {
                throw new IllegalArgumentException(where + ": a flow list must end on its line with ']'.");
            }
            List<String> items = new ArrayList<>();
            for (String item : splitFlow(rest.substring(1, rest.length() - 1), where)) {
                items.add(scalar(item.strip(), where));
            }
            return items;
        }
        return scalar(rest, where);
    }

    /** Splits at commas outside quotes. */
    private static List<String> splitFlow(String s, String where) {
        List<String> out = new ArrayList<>();
        if (s.isBlank()) {
            return out;
        }
        StringBuilder cur = new StringBuilder();
        char quote = 0;
        for (char c : s.toCharArray()) {
            if (quote != 0) {
                cur.append(c);
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                cur.append(c);
            } else if (c == ',') {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        if (quote != 0) {
            throw new IllegalArgumentException(where + ": unterminated quote.");
        }
        out.add(cur.toString());
        return out;
    }

    private static String scalar(String s, String where) {
        if (s.isEmpty()) {
            throw new IllegalArgumentException(where + ": empty value.");
        }
        char c = s.charAt(0);
        if (c == '&' || c == '*' || c == '|' || c == '>' || c == '{' || c == '!') {
            throw new IllegalArgumentException(where + ": '" + c + "' (anchors, block scalars, flow maps, tags) is not"
                    + " supported in a sweep spec; quote the value.");
        }
        return unquote(s, where);
    }

    private static String unquote(String s, String where) {
        if (s.length() >= 2 && (s.charAt(0) == '"' || s.charAt(0) == '\'')) {
            char q = s.charAt(0);
            if (s.charAt(s.length() - 1) != q) {
                throw new IllegalArgumentException(where + ": unterminated quote.");
            }
            String inner = s.substring(1, s.length() - 1);
            return q == '\'' ? inner.replace("''", "'") : inner.replace("\\\"", "\"").replace("\\\\", "\\");
        }
        return s;
    }

    /** The colon ending the key: the first ': ' or a final ':' outside quotes. */
    private static int keyColon(String body) {
        char quote = 0;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == ':' && (i + 1 == body.length() || body.charAt(i + 1) == ' ')) {
                return i;
            }
        }
        return -1;
    }

    /** Drops a comment: '#' at the start or after a space, outside quotes. */
    private static String stripComment(String line) {
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '#' && (i == 0 || line.charAt(i - 1) == ' ' || line.charAt(i - 1) == '\t')) {
                return line.substring(0, i);
            }
        }
        return line;
    }

    private static int indent(String line) {
        int i = 0;
        while (i < line.length() && line.charAt(i) == ' ') {
            i++;
        }
        if (i < line.length() && line.charAt(i) == '\t') {
            throw new IllegalArgumentException("tabs are not allowed for indentation in YAML.");
        }
        return i;
    }
}
