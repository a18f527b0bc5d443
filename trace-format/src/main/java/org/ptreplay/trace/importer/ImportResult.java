package org.ptreplay.trace.importer;

import java.util.Objects;
import org.ptreplay.trace.TraceHeader;

/** The header that belongs in front of the imported events, and what the import saw. */
public record ImportResult(TraceHeader header, ImportStats stats) {
    public ImportResult {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(stats, "stats");
    }
}
