package org.ptreplay.tools.report;

/**
 * HTML escaping. Every string that comes from the tree (trace file names, strategy names, path
 * frames) is user input and goes through here before it reaches the page.
 */
public final class Html {

    private Html() {
    }

    /**
     * Escapes text for element content and for quoted attribute values alike: {@code & < > " '}
     * become character references. Control characters other than tab and newline become U+FFFD,
     * as HTML allows them neither raw nor as references.
     */
    public static String escape(String s) {
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String ref = switch (c) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&quot;";
                case '\'' -> "&#39;";
                default -> (c < 0x20 && c != '\t' && c != '\n') || c == 0x7f ? "&#xfffd;" : null;
            };
            if (ref != null && out == null) {
                out = new StringBuilder(s.length() + 16).append(s, 0, i);
            }
            if (out != null) {
                if (ref != null) {
                    out.append(ref);
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? s : out.toString();
    }
}
