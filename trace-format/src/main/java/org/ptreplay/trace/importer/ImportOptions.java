package org.ptreplay.trace.importer;

import java.util.Objects;
import org.ptreplay.trace.TraceHeader;

/**
 * How to import a text recording.
 *
 * @param populate   first touches to synthesize (strace only; perf imports must use {@link Populate#NONE})
 * @param pageSize   base page size in bytes: aligns synthesized touches and page faults
 * @param producer   the header's producer, e.g. {@code ptreplay 0.1.0}
 * @param detail     the header's source detail; empty means "the imported file's name"
 * @param machine    the recording machine, {@link TraceHeader.Machine#UNKNOWN} when the text does not say
 * @param defaultPid the pid of lines without a pid column (strace without {@code -f})
 */
public record ImportOptions(Populate populate, int pageSize, String producer, String detail,
                            TraceHeader.Machine machine, int defaultPid) {

    public ImportOptions {
        Objects.requireNonNull(populate, "populate");
        Objects.requireNonNull(producer, "producer");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(machine, "machine");
        if (pageSize <= 0 || Integer.bitCount(pageSize) != 1) {
            throw new IllegalArgumentException("The page size must be a power of two, not " + pageSize + ".");
        }
        if (defaultPid <= 0) {
            throw new IllegalArgumentException("The default pid must be positive, not " + defaultPid + ".");
        }
    }

    /** No populate, 4 KiB pages, producer {@code ptreplay}, unknown machine, default pid 1. */
    public static ImportOptions defaults() {
        return new ImportOptions(Populate.NONE, 4096, "ptreplay", "", TraceHeader.Machine.UNKNOWN, 1);
    }

    public ImportOptions withPopulate(Populate p) {
        return new ImportOptions(p, pageSize, producer, detail, machine, defaultPid);
    }

    public ImportOptions withPageSize(int size) {
        return new ImportOptions(populate, size, producer, detail, machine, defaultPid);
    }

    public ImportOptions withProducer(String p) {
        return new ImportOptions(populate, pageSize, p, detail, machine, defaultPid);
    }

    public ImportOptions withDetail(String d) {
        return new ImportOptions(populate, pageSize, producer, d, machine, defaultPid);
    }

    public ImportOptions withMachine(TraceHeader.Machine m) {
        return new ImportOptions(populate, pageSize, producer, detail, m, defaultPid);
    }

    public ImportOptions withDefaultPid(int pid) {
        return new ImportOptions(populate, pageSize, producer, detail, machine, pid);
    }
}
