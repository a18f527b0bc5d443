package org.ptreplay.trace;

import java.util.ArrayList;
import java.util.List;

/**
 * The lexical level of the text form: tokens, numbers with size units, quoted strings. Errors are
 * {@link IllegalArgumentException}s whose message is a sentence fragment; the parser adds the
 * file and line.
 */
final class TextSyntax {
    private TextSyntax() {
    }

    /**
     * Splits a line into whitespace-separated tokens, dropping a {@code #} comment. A double quote
     * starts a string that runs to the next unescaped double quote, spaces and {@code #} included,
     * and may appear inside a token ({@code kernel="6.8 rc1"}).
     */
    static List<String> tokens(String line) {
        List<String> tokens = new ArrayList<>();
        StringBuilder token = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                token.append(c);
                if (c == '\\' && i + 1 < line.length()) {
                    token.append(line.charAt(++i));
                } else if (c == '"') {
                    quoted = false;
                }
            } else if (c == '#') {
                break;
            } else if (c == ' ' || c == '\t') {
                if (token.length() > 0) {
                    tokens.add(token.toString());
                    token.setLength(0);
                }
            } else {
                token.append(c);
                quoted = c == '"';
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("unterminated string");
        }
        if (token.length() > 0) {
            tokens.add(token.toString());
        }
        return tokens;
    }

    /**
     * A 64-bit number: decimal with an optional sign and size unit ({@code 64K}, {@code 2M},
     * {@code 1G}, {@code 1T}: powers of 1024), or hex ({@code 0x7f0000000000}, all 64 bits unsigned).
     */
    static long parseNumber(String text) {
        try {
            if (text.startsWith("0x") || text.startsWith("0X")) {
                return Long.parseUnsignedLong(text.substring(2), 16);
            }
            if (text.startsWith("-0x") || text.startsWith("-0X")) {
                return -Long.parseUnsignedLong(text.substring(3), 16);
            }
            int shift = switch (text.isEmpty() ? ' ' : text.charAt(text.length() - 1)) {
                case 'K', 'k' -> 10;
                case 'M', 'm' -> 20;
                case 'G', 'g' -> 30;
                case 'T', 't' -> 40;
                default -> 0;
            };
            String digits = shift == 0 ? text : text.substring(0, text.length() - 1);
            if (shift == 0 && !digits.startsWith("-")) {
                return Long.parseUnsignedLong(digits);
            }
            long v = Long.parseLong(digits);
            if (v != (v << shift) >> shift) {
                throw new IllegalArgumentException("number '" + text + "' does not fit in 64 bits");
            }
            return v << shift;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad number '" + text + "'");
        }
    }

    /** A number that must fit a signed 32-bit field (pid, fd, exit code). */
    static int parseInt(String text, String what) {
        long v = parseNumber(text);
        if (v != (int) v) {
            throw new IllegalArgumentException(what + " '" + text + "' does not fit in 32 bits");
        }
        return (int) v;
    }

    /** A number or bit set that must fit 32 bits, signed or not (flags are unsigned in the kernel). */
    static int toInt32(long v, String text, String what) {
        if (v != (int) v && (v >>> 32) != 0) {
            throw new IllegalArgumentException(what + " '" + text + "' does not fit in 32 bits");
        }
        return (int) v;
    }

    /** {@code 0x7f0000000000}, or {@code 0}: how addresses print. */
    static String hex(long v) {
        return v == 0 ? "0" : "0x" + Long.toHexString(v);
    }

    /** Sizes print with the largest exact unit ({@code 64K}, {@code 2M}); odd ones in decimal; huge ones in hex. */
    static String size(long v) {
        if (v < 0) {
            return hex(v);
        }
        if (v == 0) {
            return "0";
        }
        String[] units = {"T", "G", "M", "K"};
        int[] shifts = {40, 30, 20, 10};
        for (int i = 0; i < units.length; i++) {
            if ((v & ((1L << shifts[i]) - 1)) == 0) {
                return (v >> shifts[i]) + units[i];
            }
        }
        return Long.toString(v);
    }

    /** A double-quoted string; quotes, backslashes and control characters escaped. */
    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                case '\r' -> b.append("\\r");
                default -> {
                    if (c < 0x20 || c == 0x7f || Character.isSurrogate(c)) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    /** The inverse of {@link #quote}; a bare word is itself. */
    static String unquote(String token) {
        if (!token.startsWith("\"")) {
            return token;
        }
        if (token.length() < 2 || !token.endsWith("\"")) {
            throw new IllegalArgumentException("text after the closing quote of " + token);
        }
        StringBuilder b = new StringBuilder();
        for (int i = 1; i < token.length() - 1; i++) {
            char c = token.charAt(i);
            if (c == '"') {
                throw new IllegalArgumentException("text after the closing quote of " + token);
            }
            if (c != '\\') {
                b.append(c);
                continue;
            }
            char e = token.charAt(++i);
            switch (e) {
                case 'n' -> b.append('\n');
                case 't' -> b.append('\t');
                case 'r' -> b.append('\r');
                case '"', '\\' -> b.append(e);
                case 'u' -> {
                    if (i + 4 > token.length() - 2) {
                        throw new IllegalArgumentException("bad escape in " + token);
                    }
                    try {
                        b.append((char) Integer.parseInt(token.substring(i + 1, i + 5), 16));
                    } catch (NumberFormatException x) {
                        throw new IllegalArgumentException("bad escape in " + token);
                    }
                    i += 4;
                }
                default -> throw new IllegalArgumentException("bad escape \\" + e + " in " + token);
            }
        }
        return b.toString();
    }
}
