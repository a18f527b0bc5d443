package org.ptreplay.tools.text;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An error sentence made safe for a terminal: input echoed in it (a token of a corrupt file, a
 * file name) may hold control characters, escape sequences or a line break that would forge a
 * second line, and may be hundreds of bytes of binary junk (issue 16 item 14).
 */
public final class Printable {
    /** Quoted input longer than this is cut: enough to recognise a token, not a dump. */
    static final int MAX_QUOTED = 60;
    private static final Pattern QUOTED = Pattern.compile("'([^'\\n]{" + (MAX_QUOTED + 1) + ",}?)'");

    private Printable() {
    }

    /**
     * {@code text} with every control character and every character that is not printable
     * (unassigned, surrogate, format, the U+FFFD of undecodable bytes) written as a Java escape
     * ({@code \n}, {@code \x1b}, {@code \ufffd}), and each single-quoted part longer than
     * {@value #MAX_QUOTED} characters cut to that many with "…".
     */
    public static String sentence(String text) {
        Matcher m = QUOTED.matcher(text);
        StringBuilder cut = new StringBuilder(text.length());
        while (m.find()) {
            m.appendReplacement(cut, Matcher.quoteReplacement("'" + m.group(1).substring(0, MAX_QUOTED) + "…'"));
        }
        m.appendTail(cut);
        StringBuilder b = new StringBuilder(cut.length());
        cut.codePoints().forEach(c -> escape(b, c));
        return b.toString();
    }

    private static void escape(StringBuilder b, int c) {
        switch (c) {
            case '\n' -> b.append("\\n");
            case '\r' -> b.append("\\r");
            case '\t' -> b.append("\\t");
            default -> {
                int type = Character.getType(c);
                if (c == 0xfffd || Character.isISOControl(c) || type == Character.UNASSIGNED || type == Character.SURROGATE
                        || type == Character.FORMAT || type == Character.PRIVATE_USE) {
                    b.append(c < 0x100 ? String.format("\\x%02x", c) : String.format("\\u%04x", c));
                } else {
                    b.appendCodePoint(c);
                }
            }
        }
    }
}
