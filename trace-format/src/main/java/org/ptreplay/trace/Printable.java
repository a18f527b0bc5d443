package org.ptreplay.trace;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Text from outside made safe for a terminal, the one sanitiser of every module (issue 16, items
 * 10 and 14): input echoed in an error sentence (a token of a corrupt file, a header's magic, a
 * file name) and plugin-provided text (a strategy's description in the {@code plugins} table) may
 * hold a line break that forges a second line or row, escape sequences that recolour the screen,
 * and hundreds of bytes of binary junk. It lives in the lowest module, which both the plugin
 * loader ({@code spi}) and the CLI ({@code tools}) require.
 */
public final class Printable {
    /** Quoted input longer than this is cut: enough to recognise a token, not a dump. */
    public static final int MAX_QUOTED = 60;
    private static final Pattern QUOTED = Pattern.compile("'([^'\\n]{" + (MAX_QUOTED + 1) + ",}?)'");

    private Printable() {
    }

    /**
     * {@code text} with every character a terminal would not show as itself written as a Java
     * escape: {@code \n}, {@code \r}, {@code \t}; other control characters (C0, DEL, C1) as
     * {@code \x1b}; line and paragraph separators, format, private-use, unassigned and surrogate
     * characters and the U+FFFD of undecodable bytes as {@code \u2028}. Everything else is kept.
     */
    public static String of(String text) {
        StringBuilder b = null;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            boolean safe = printable(c);
            if (!safe && b == null) {
                b = new StringBuilder(text.length() + 8).append(text, 0, i);
            }
            if (b != null) {
                if (safe) {
                    b.appendCodePoint(c);
                } else {
                    escape(b, c);
                }
            }
            i += Character.charCount(c);
        }
        return b == null ? text : b.toString();
    }

    /** Input to quote in a sentence: cut to {@value #MAX_QUOTED} characters with "…", and escaped. */
    public static String quote(String input) {
        return of(input.length() > MAX_QUOTED ? input.substring(0, MAX_QUOTED) + "…" : input);
    }

    /**
     * An error sentence: each single-quoted part longer than {@value #MAX_QUOTED} characters cut to
     * that many with "…", then escaped as {@link #of}.
     */
    public static String sentence(String text) {
        Matcher m = QUOTED.matcher(text);
        StringBuilder cut = new StringBuilder(text.length());
        while (m.find()) {
            m.appendReplacement(cut, Matcher.quoteReplacement("'" + m.group(1).substring(0, MAX_QUOTED) + "…'"));
        }
        m.appendTail(cut);
        return of(cut.toString());
    }

    private static boolean printable(int c) {
        if (c == 0xfffd || Character.isISOControl(c)) {
            return false;
        }
        return switch (Character.getType(c)) {
            case Character.UNASSIGNED, Character.SURROGATE, Character.FORMAT, Character.PRIVATE_USE,
                 Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR -> false;
            default -> true;
        };
    }

    private static void escape(StringBuilder b, int c) {
        switch (c) {
            case '\n' -> b.append("\\n");
            case '\r' -> b.append("\\r");
            case '\t' -> b.append("\\t");
            default -> b.append(c < 0x100 ? String.format("\\x%02x", c) : String.format("\\u%04x", c));
        }
    }
}
