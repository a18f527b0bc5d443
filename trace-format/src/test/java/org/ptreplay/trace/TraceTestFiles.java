package org.ptreplay.trace;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/** Writing and reading whole traces in memory, for the tests. */
final class TraceTestFiles {
    private TraceTestFiles() {
    }

    static byte[] write(Codec codec, TraceHeader header, List<TraceEvent> events) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TraceWriter w = TraceWriter.create(bytes, codec, header)) {
            for (TraceEvent e : events) {
                w.write(e);
            }
        }
        return bytes.toByteArray();
    }

    /** Every event of a trace; throws at the first problem. */
    static List<TraceEvent> readAll(TraceSource source) throws TraceException {
        List<TraceEvent> events = new ArrayList<>();
        for (TraceEvent e; (e = source.next()) != null; ) {
            events.add(e);
        }
        return events;
    }

    static List<TraceEvent> readAll(InputStream in, String name) throws IOException {
        try (TraceReader r = TraceReader.open(in, name)) {
            return readAll(r);
        }
    }
}
