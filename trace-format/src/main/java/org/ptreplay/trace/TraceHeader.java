package org.ptreplay.trace;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The first packet of every trace: what wrote it, from what, and on which machine.
 *
 * @param formatVersion    the format version the file was written in (this reader: {@link #CURRENT_VERSION})
 * @param requiredFeatures bitset of features a reader must understand (see {@link #KNOWN_FEATURES})
 * @param producer         the program that wrote the file, e.g. {@code ptreplay 0.1.0}
 * @param source           where the events came from
 * @param machine          the recording machine; {@link Machine#UNKNOWN} for generated traces
 * @param eventCountHint   the number of events when the writer knew it up front, else 0 (progress bars)
 */
public record TraceHeader(int formatVersion, long requiredFeatures, String producer, Source source,
                          Machine machine, long eventCountHint) {

    /** This header with {@code n} as its event-count hint (a writer that counted the events first). */
    public TraceHeader withEventCountHint(long n) {
        return new TraceHeader(formatVersion, requiredFeatures, producer, source, machine, n);
    }

    /** This header with another recording machine. */
    public TraceHeader withMachine(Machine m) {
        return new TraceHeader(formatVersion, requiredFeatures, producer, source, m, eventCountHint);
    }


    public static final int CURRENT_VERSION = 1;
    /** Features this reader understands; none are defined in version 1. */
    public static final long KNOWN_FEATURES = 0L;

    public TraceHeader {
        Objects.requireNonNull(producer, "producer");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(machine, "machine");
    }

    /** Sorted and unmodifiable, so that everything derived from a header is deterministic. */
    static SortedMap<String, String> sorted(Map<String, String> m) {
        return Collections.unmodifiableSortedMap(new TreeMap<>(m));
    }

    /** Where the events came from. */
    public enum SourceKind { UNKNOWN, STRACE, PERF, GENERATOR, TEXT }

    /**
     * @param kind    the importer or generator
     * @param detail  a human-readable line: the recording command, the generator name, the file imported
     * @param params  parameters that shaped the events (generator parameters, strace {@code populate} mode)
     */
    public record Source(SourceKind kind, String detail, Map<String, String> params) {
        public Source {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(detail, "detail");
            params = sorted(params);
        }
    }

    /**
     * @param arch          {@code x86_64}, {@code aarch64}, or empty when unknown
     * @param pageSize      base page size in bytes, 0 when unknown
     * @param kernelRelease {@code uname -r}, or empty
     * @param thp           THP sysfs settings as sysfs spells them, e.g. {@code enabled -> "always [madvise] never"},
     *                      {@code hugepages-64kB/enabled -> "..."}
     * @param cpuCount      online CPUs, 0 when unknown
     */
    public record Machine(String arch, int pageSize, String kernelRelease, Map<String, String> thp, int cpuCount) {
        public static final Machine UNKNOWN = new Machine("", 0, "", Map.of(), 0);

        public Machine {
            Objects.requireNonNull(arch, "arch");
            Objects.requireNonNull(kernelRelease, "kernelRelease");
            thp = sorted(thp);
        }
    }
}
