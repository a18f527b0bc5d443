package org.ptreplay.trace;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a text trace: the header's directives, then one line per event. */
public final class TextTraceWriter implements AutoCloseable {

    private final Writer out;

    private TextTraceWriter(Writer out, TraceHeader header) throws IOException {
        this.out = out;
        for (String line : TextFormatter.header(header)) {
            out.write(line);
            out.write('\n');
        }
    }

    public static TextTraceWriter create(Path file, TraceHeader header) throws IOException {
        return create(Files.newBufferedWriter(file, StandardCharsets.UTF_8), header);
    }

    /** Writes to {@code out}, which the writer owns and closes. */
    public static TextTraceWriter create(Writer out, TraceHeader header) throws IOException {
        Writer buffered = out instanceof BufferedWriter ? out : new BufferedWriter(out);
        try {
            return new TextTraceWriter(buffered, header);
        } catch (IOException | RuntimeException e) {
            buffered.close();
            throw e;
        }
    }

    public void write(TraceEvent event) throws IOException {
        out.write(TextFormatter.event(event));
        out.write('\n');
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
