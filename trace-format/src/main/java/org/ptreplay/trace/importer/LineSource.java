package org.ptreplay.trace.importer;

import java.io.IOException;
import java.io.Reader;
import org.ptreplay.trace.TraceException;

/**
 * Reads a text recording line by line with a bound on the line length, so that a file without
 * newlines (a binary file given by mistake) fails with a sentence instead of exhausting the heap.
 * Accepts LF and CRLF line ends.
 */
final class LineSource {
    /** strace lines with long execve environments reach tens of KiB; nothing legitimate is near this. */
    static final int MAX_LINE = 1 << 20;

    private final Reader in;
    private final String fileName;
    private final char[] buf = new char[8192];
    private int pos;
    private int end;
    private final StringBuilder line = new StringBuilder(256);
    private long number;

    LineSource(Reader in, String fileName) {
        this.in = in;
        this.fileName = fileName;
    }

    /** The next line without its terminator, or null at the end of the input. */
    String next() throws IOException, ImportException {
        line.setLength(0);
        boolean any = false;
        while (true) {
            if (pos == end) {
                end = read();
                pos = 0;
                if (end <= 0) {
                    end = 0;
                    if (!any) {
                        return null;
                    }
                    break;
                }
            }
            any = true;
            int start = pos;
            while (pos < end && buf[pos] != '\n') {
                pos++;
            }
            line.append(buf, start, pos - start);
            if (line.length() > MAX_LINE) {
                throw new ImportException(fileName, number + 1,
                        "the line is longer than " + (MAX_LINE >> 10) + " KiB, so this is not a text recording");
            }
            if (pos < end) {
                pos++;
                break;
            }
        }
        number++;
        int n = line.length();
        if (n > 0 && line.charAt(n - 1) == '\r') {
            line.setLength(n - 1);
        }
        return line.toString();
    }

    /** A read error (a corrupt or truncated compressed input) is located at the line being read. */
    private int read() throws ImportException {
        try {
            return in.read(buf, 0, buf.length);
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new ImportException(fileName, number + 1, "cannot read (" + TraceException.why(e) + ")");
        }
    }

    /** The number of the line last returned (1-based). */
    long number() {
        return number;
    }
}
