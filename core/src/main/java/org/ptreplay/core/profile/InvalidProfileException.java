package org.ptreplay.core.profile;

/**
 * A machine profile that cannot be used: unreadable, not valid text format, or a number that is
 * missing, out of range or without a source. The message is one sentence naming the profile and,
 * where known, the line.
 */
public final class InvalidProfileException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int line;

    InvalidProfileException(String sentence, int line) {
        super(sentence);
        this.line = line;
    }

    /** The 1-based line the problem is on, or 0 when it concerns the profile as a whole. */
    public int line() {
        return line;
    }
}
