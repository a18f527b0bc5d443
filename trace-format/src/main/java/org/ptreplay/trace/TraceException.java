package org.ptreplay.trace;

import java.io.IOException;
import java.util.Objects;

/**
 * A trace that cannot be read: one sentence naming the file and where in it the problem is, e.g.
 * {@code x.ptrace: event 1234: truncated packet (length prefix says 40 bytes, 12 left).}
 *
 * <p>The location is {@code header} for problems before the first event (opening the file,
 * detecting the codec, the header packet), {@code event N} (0-based, the index the event would
 * have had) for binary traces, and {@code line N} (1-based) for the text form.
 */
public final class TraceException extends IOException {
    private static final long serialVersionUID = 1L;

    /** {@link #eventIndex()} when the problem is not at an event. */
    public static final long NO_EVENT = -1;

    private final String fileName;
    private final String location;
    private final String reason;
    private final long eventIndex;

    private TraceException(String fileName, String location, long eventIndex, String reason, Throwable cause) {
        super(fileName + ": " + location + ": " + sentence(reason), cause);
        this.fileName = Objects.requireNonNull(fileName, "fileName");
        this.location = location;
        this.reason = sentence(reason);
        this.eventIndex = eventIndex;
    }

    /**
     * What went wrong in an I/O or decompression error, for the parentheses of a sentence. The
     * xz decoder throws a bare {@link java.io.EOFException} for data that ends early, whose
     * message is null: that must not read "(null)".
     */
    public static String why(Throwable e) {
        // The file system's exceptions carry the file's name, which the sentence already gives,
        // and leave out what went wrong (a missing file's message is its name alone).
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.charset.CharacterCodingException) {
            return "not UTF-8 text"; // every text ptreplay reads is UTF-8; the decoder says "Input length = 1"
        }
        if (e instanceof java.nio.file.FileSystemException f) {
            String r = f.getReason();
            return r == null || r.isBlank() ? e.getClass().getSimpleName()
                    : Character.toLowerCase(r.charAt(0)) + r.substring(1);
        }
        String m = e.getMessage();
        if (m != null && !m.isBlank()) {
            // Inside a sentence: "Is a directory" reads "is a directory"; an acronym stays as it is.
            return m.length() > 1 && Character.isUpperCase(m.charAt(0)) && Character.isLowerCase(m.charAt(1))
                    ? Character.toLowerCase(m.charAt(0)) + m.substring(1) : m;
        }
        return e instanceof java.io.EOFException ? "the data ends early" : e.getClass().getSimpleName();
    }

    /** A problem before the first event: the file itself, its codec or its header. */
    public static TraceException atHeader(String fileName, String reason) {
        return new TraceException(fileName, "header", NO_EVENT, reason, null);
    }

    public static TraceException atHeader(String fileName, String reason, Throwable cause) {
        return new TraceException(fileName, "header", NO_EVENT, reason, cause);
    }

    /** A problem reading the event with this 0-based index. */
    public static TraceException atEvent(String fileName, long eventIndex, String reason) {
        return new TraceException(fileName, "event " + eventIndex, eventIndex, reason, null);
    }

    public static TraceException atEvent(String fileName, long eventIndex, String reason, Throwable cause) {
        return new TraceException(fileName, "event " + eventIndex, eventIndex, reason, cause);
    }

    /** A problem on this 1-based line of a text trace. */
    public static TraceException atLine(String fileName, long line, String reason) {
        return new TraceException(fileName, "line " + line, NO_EVENT, reason, null);
    }

    public static TraceException atLine(String fileName, long line, String reason, Throwable cause) {
        return new TraceException(fileName, "line " + line, NO_EVENT, reason, cause);
    }

    public String fileName() {
        return fileName;
    }

    /** {@code header}, {@code event N} or {@code line N}. */
    public String location() {
        return location;
    }

    /** The 0-based index of the event being read, or {@link #NO_EVENT}. */
    public long eventIndex() {
        return eventIndex;
    }

    /** The sentence without the file name and location. */
    public String reason() {
        return reason;
    }

    private static String sentence(String reason) {
        return reason.endsWith(".") ? reason : reason + ".";
    }
}
