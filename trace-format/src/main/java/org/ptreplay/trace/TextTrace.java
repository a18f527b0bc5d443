package org.ptreplay.trace;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The text form of traces, for hand-written fixtures and bug reports: one event a line, e.g.
 * {@code 100 +150 mmap 0 64K prot=rw flags=private|anonymous = 0x7f0000000000}. Printing and
 * parsing again gives the same header and events. The grammar, with examples, is in
 * trace-format/README.md; {@link TextTraceReader} and {@link TextTraceWriter} stream.
 */
public final class TextTrace {
    private TextTrace() {
    }

    /** A whole text trace in memory. */
    public record Document(TraceHeader header, List<TraceEvent> events) {
        public Document {
            events = List.copyOf(events);
        }
    }

    public static Document parse(Path file) throws TraceException {
        try (TextTraceReader r = TextTraceReader.open(file)) {
            return readAll(r);
        } catch (TraceException e) {
            throw e;
        } catch (IOException e) {
            throw TraceException.atHeader(file.toString(), "cannot close the file (" + e.getMessage() + ")", e);
        }
    }

    public static Document parse(Reader in, String displayName) throws TraceException {
        try (TextTraceReader r = TextTraceReader.open(in, displayName)) {
            return readAll(r);
        } catch (TraceException e) {
            throw e;
        } catch (IOException e) {
            throw TraceException.atHeader(displayName, "cannot close the input (" + e.getMessage() + ")", e);
        }
    }

    /** One event as a line of text, without the line terminator. */
    public static String format(TraceEvent event) {
        return TextFormatter.event(event);
    }

    /** A whole trace as text: the header's directives, then one line per event. */
    public static String format(TraceHeader header, Iterable<? extends TraceEvent> events) {
        StringWriter text = new StringWriter();
        try (TextTraceWriter w = TextTraceWriter.create(text, header)) {
            for (TraceEvent e : events) {
                w.write(e);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("a StringWriter does not fail", e);
        }
        return text.toString();
    }

    private static Document readAll(TextTraceReader r) throws TraceException {
        List<TraceEvent> events = new ArrayList<>();
        for (TraceEvent e; (e = r.next()) != null; ) {
            events.add(e);
        }
        return new Document(r.header(), events);
    }
}
