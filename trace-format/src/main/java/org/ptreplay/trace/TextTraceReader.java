package org.ptreplay.trace;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads a text trace line by line (constant memory): the directives before the first event make
 * the header, then {@link #next()} returns one event per event line. Errors name the file and the
 * line. The grammar is in trace-format/README.md.
 */
public final class TextTraceReader implements TraceSource {

    /** Longer lines are refused rather than buffered: a text trace has short lines. */
    public static final int MAX_LINE_CHARS = 1 << 16;

    private final BufferedReader in;
    private final String fileName;
    private final TextParser parser = new TextParser();
    private final TraceHeader header;
    private long line;
    private long index = -1;
    /** The first event, read while looking for the end of the header. */
    private TraceEvent pending;

    private TextTraceReader(BufferedReader in, String fileName) throws TraceException {
        this.in = in;
        this.fileName = fileName;
        this.pending = nextEvent();
        this.header = parser.header();
    }

    public static TextTraceReader open(Path file) throws TraceException {
        String name = file.toString();
        if (Files.isDirectory(file)) {
            throw TraceException.atHeader(name, "is a directory, not a trace file");
        }
        try {
            return open(Files.newBufferedReader(file, StandardCharsets.UTF_8), name);
        } catch (NoSuchFileException e) {
            throw TraceException.atHeader(name, "no such file");
        } catch (AccessDeniedException e) {
            throw TraceException.atHeader(name, "permission denied");
        } catch (TraceException e) {
            throw e;
        } catch (IOException e) {
            throw TraceException.atHeader(name, "cannot open the file (" + e.getMessage() + ")", e);
        }
    }

    /** Reads from {@code in}, which the reader owns and closes (also when this method fails). */
    public static TextTraceReader open(Reader in, String displayName) throws TraceException {
        BufferedReader buffered = in instanceof BufferedReader b ? b : new BufferedReader(in);
        try {
            return new TextTraceReader(buffered, displayName);
        } catch (TraceException e) {
            try {
                buffered.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    @Override
    public TraceHeader header() {
        return header;
    }

    @Override
    public TraceEvent next() throws TraceException {
        TraceEvent e = pending != null ? pending : nextEvent();
        pending = null;
        if (e != null) {
            index++;
        }
        return e;
    }

    @Override
    public long eventIndex() {
        return index;
    }

    /** The number of the last line read (1-based). */
    public long lineNumber() {
        return line;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private TraceEvent nextEvent() throws TraceException {
        for (String text; (text = readLine()) != null; ) {
            try {
                TraceEvent e = parser.line(text);
                if (e != null) {
                    return e;
                }
            } catch (IllegalArgumentException e) {
                throw TraceException.atLine(fileName, line, e.getMessage());
            }
        }
        return null;
    }

    /** The next line without its terminator (\n, \r\n), or null at the end. */
    private String readLine() throws TraceException {
        StringBuilder b = new StringBuilder();
        int c = read();
        if (c < 0) {
            return null;
        }
        line++;
        while (c >= 0 && c != '\n') {
            if (b.length() == MAX_LINE_CHARS) {
                throw TraceException.atLine(fileName, line, "the line is longer than " + MAX_LINE_CHARS + " characters");
            }
            b.append((char) c);
            c = read();
        }
        int n = b.length();
        return n > 0 && b.charAt(n - 1) == '\r' ? b.substring(0, n - 1) : b.toString();
    }

    private int read() throws TraceException {
        try {
            return in.read();
        } catch (IOException e) {
            throw TraceException.atLine(fileName, line, "read error (" + e.getMessage() + ")", e);
        }
    }
}
