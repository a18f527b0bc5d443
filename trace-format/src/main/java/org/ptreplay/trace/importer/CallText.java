package org.ptreplay.trace.importer;

import java.util.ArrayList;
import java.util.List;

/**
 * A complete strace call, {@code name(arg, arg, ...) = result [ERRNO (text)] [<duration>]},
 * split into its top-level arguments and its result. Commas inside strings, arrays, structs,
 * parentheses and {@code -y} fd paths ({@code 3</lib/a,b.so>}) do not split arguments.
 *
 * @param name   the syscall name
 * @param args   the arguments as strace printed them, trimmed
 * @param result the raw result text after {@code = }
 */
record CallText(String name, List<String> args, String result) {

    /** @throws IllegalArgumentException with a short reason when the text is not a complete call */
    static CallText parse(String text) {
        int open = text.indexOf('(');
        if (open <= 0) {
            throw new IllegalArgumentException("there is no argument list");
        }
        List<String> args = new ArrayList<>();
        int close = split(text, open + 1, ')', args);
        if (close < 0) {
            throw new IllegalArgumentException("the argument list is not closed");
        }
        String rest = text.substring(close + 1).strip();
        if (!rest.startsWith("=")) {
            throw new IllegalArgumentException("there is no result");
        }
        return new CallText(text.substring(0, open), args, rest.substring(1).strip());
    }

    /**
     * Splits {@code s} from {@code from} at top-level commas until the unmatched {@code end}
     * character; returns its index, or -1 if the text ends first.
     */
    static int split(String s, int from, char end, List<String> out) {
        int depth = 0;
        boolean inString = false;
        boolean inPath = false;
        int start = from;
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (inPath) {
                inPath = c != '>';
            } else if (c == '"') {
                inString = true;
            } else if (c == '<' && i > 0 && Character.isDigit(s.charAt(i - 1))) {
                inPath = true;
            } else if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (depth == 0 && c == end) {
                addArg(s.substring(start, i), out);
                return i;
            } else if (c == ')' || c == ']' || c == '}') {
                depth--;
            } else if (c == ',' && depth == 0) {
                addArg(s.substring(start, i), out);
                start = i + 1;
            }
        }
        return -1;
    }

    private static void addArg(String a, List<String> out) {
        String t = a.strip();
        if (!t.isEmpty() || !out.isEmpty()) {
            out.add(t);
        }
    }

    /**
     * The result as the kernel returned it: the value, {@code -errno} for {@code -1 ENAME (...)},
     * or {@link org.ptreplay.trace.TraceEvent#UNKNOWN_RESULT} for {@code ?}.
     */
    long resultValue() {
        String r = result;
        int sp = r.indexOf(' ');
        String first = sp < 0 ? r : r.substring(0, sp);
        if (first.equals("?")) {
            return org.ptreplay.trace.TraceEvent.UNKNOWN_RESULT;
        }
        if (first.equals("-1")) {
            String rest = sp < 0 ? "" : r.substring(sp + 1).strip();
            int end = rest.indexOf(' ');
            String name = end < 0 ? rest : rest.substring(0, end);
            if (!name.startsWith("E")) {
                throw new IllegalArgumentException("the result -1 has no error name");
            }
            return -Symbols.errno(name);
        }
        return Symbols.number(first);
    }

    /** The value of a {@code key=value} argument (clone's {@code flags=}), or null. */
    static String named(List<String> args, String key) {
        for (String a : args) {
            if (a.startsWith(key + "=")) {
                return a.substring(key.length() + 1);
            }
        }
        return null;
    }
}
