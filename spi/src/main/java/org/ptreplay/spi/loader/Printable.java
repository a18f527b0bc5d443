package org.ptreplay.spi.loader;

/**
 * Plugin-provided text made safe for a terminal: a description with a newline or an escape
 * sequence must not forge rows of the {@code plugins} table or recolour the screen (issue 16,
 * item 10). Control characters (C0, DEL, C1) and the line and paragraph separators become
 * visible {@code \\uXXXX} escapes; everything else is kept.
 */
public final class Printable {
    private Printable() {
    }

    public static String of(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean unsafe = Character.isISOControl(c) || c == '\u2028' || c == '\u2029';
            if (unsafe && out == null) {
                out = new StringBuilder(text.length() + 8).append(text, 0, i);
            }
            if (out != null) {
                if (unsafe) {
                    out.append(String.format("\\u%04x", (int) c));
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? text : out.toString();
    }
}
