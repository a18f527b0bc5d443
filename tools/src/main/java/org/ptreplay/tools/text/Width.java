package org.ptreplay.tools.text;

import java.util.Map;

/**
 * The width text output fits: {@code $COLUMNS} when it is a number of at least
 * {@link #MINIMUM}, else {@link #DEFAULT}. The JVM cannot ask the terminal, and a shell exports
 * COLUMNS only when told to, so 100 is the promise and COLUMNS the way to change it.
 */
public final class Width {
    public static final int DEFAULT = 100;
    /** Narrower than this, tables cannot keep a label and one figure on a line. */
    public static final int MINIMUM = 40;

    private Width() {
    }

    public static int of(Map<String, String> env) {
        String columns = env.get("COLUMNS");
        if (columns != null) {
            try {
                int n = Integer.parseInt(columns.trim());
                if (n >= MINIMUM) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // Not a number: the default, as for a shell that never set it.
            }
        }
        return DEFAULT;
    }

    /**
     * {@code text} cut to {@code max} characters, the middle replaced by {@code ...}, so both the
     * start and the end stay readable. Folded paths ({@code a;b;c}) lose whole middle frames
     * first: the syscall and the frames nearest the leaf stay ({@code mremap;...;move_ptes}).
     */
    public static String elide(String text, int max) {
        if (text.length() <= max || max < 7) {
            return text;
        }
        String[] frames = text.split(";");
        if (frames.length > 2) {
            String head = frames[0] + ";...";
            String tail = "";
            for (int i = frames.length - 1; i > 0; i--) {
                String longer = ";" + frames[i] + tail;
                if (head.length() + longer.length() > max) {
                    break;
                }
                tail = longer;
            }
            if (!tail.isEmpty()) {
                return head + tail;
            }
        }
        int head = (max - 3) / 2;
        int tail = max - 3 - head;
        return text.substring(0, head) + "..." + text.substring(text.length() - tail);
    }

    /**
     * {@code text} broken at spaces into lines no wider than {@code width} where the words allow,
     * the first line starting with {@code indent}, the others with {@code indent} and two more
     * spaces; each line ends with a newline.
     */
    public static String wrap(String text, String indent, int width) {
        StringBuilder out = new StringBuilder();
        StringBuilder line = new StringBuilder(indent);
        boolean empty = true;
        for (String word : text.split(" ")) {
            if (!empty && line.length() + 1 + word.length() > width) {
                out.append(line).append('\n');
                line = new StringBuilder(indent + "  ");
                empty = true;
            }
            if (!empty) {
                line.append(' ');
            }
            line.append(word);
            empty = false;
        }
        return out.append(line).append('\n').toString();
    }
}
