package org.ptreplay.trace.importer;

import java.io.IOException;
import java.io.Reader;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.ptreplay.trace.TraceEvent;
import org.ptreplay.trace.TraceHeader;

/**
 * Turns the text output of a tracing tool into trace events, streaming: one line at a time, in
 * memory bounded by the number of live tasks, whatever the length of the input.
 *
 * <p>The header does not depend on the text, so a writer can put it first: {@link #header}
 * gives the same header that {@link #importTo} returns.
 */
public sealed interface TraceImporter permits StraceImporter, PerfScriptImporter {

    /** The source kind this importer writes into headers. */
    TraceHeader.SourceKind sourceKind();

    /** The header for a trace imported from {@code fileName} with {@code opts}. */
    default TraceHeader header(String fileName, ImportOptions opts) {
        Map<String, String> params = new TreeMap<>();
        params.put("page_size", Integer.toString(opts.pageSize()));
        if (sourceKind() == TraceHeader.SourceKind.STRACE) {
            params.put("populate", opts.populate().key());
        }
        String detail = opts.detail().isEmpty() ? fileName : opts.detail();
        return new TraceHeader(TraceHeader.CURRENT_VERSION, 0L, opts.producer(),
                new TraceHeader.Source(sourceKind(), detail, params), opts.machine(), 0L);
    }

    /**
     * Reads {@code in} to its end and gives every event to {@code out} in trace order.
     *
     * @param fileName named in error sentences and, unless the options give a detail, in the header
     * @throws ImportException a line the importer must understand is malformed
     * @throws IOException     reading failed
     */
    ImportResult importTo(Reader in, String fileName, ImportOptions opts, Consumer<? super TraceEvent> out)
            throws IOException, ImportException;
}
