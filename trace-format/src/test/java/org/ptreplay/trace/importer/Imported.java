package org.ptreplay.trace.importer;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.ptreplay.trace.TraceEvent;

/** The events and result of one import, for assertions. */
record Imported(List<TraceEvent> events, ImportResult result) {

    static Imported strace(String text) throws IOException, ImportException {
        return strace(text, ImportOptions.defaults());
    }

    static Imported strace(String text, ImportOptions opts) throws IOException, ImportException {
        return run(new StraceImporter(), text, opts);
    }

    static Imported perf(String text) throws IOException, ImportException {
        return run(new PerfScriptImporter(), text, ImportOptions.defaults());
    }

    static Imported run(TraceImporter importer, String text, ImportOptions opts) throws IOException, ImportException {
        List<TraceEvent> events = new ArrayList<>();
        ImportResult r = importer.importTo(new StringReader(text), "test.txt", opts, events::add);
        return new Imported(events, r);
    }

    ImportStats stats() {
        return result.stats();
    }

    <T extends TraceEvent> List<T> of(Class<T> kind) {
        return events.stream().filter(kind::isInstance).map(kind::cast).toList();
    }
}
