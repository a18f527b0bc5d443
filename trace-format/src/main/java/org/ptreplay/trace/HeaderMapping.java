package org.ptreplay.trace;

import org.ptreplay.trace.proto.Header;
import org.ptreplay.trace.proto.Machine;
import org.ptreplay.trace.proto.Source;

/** Converts the header between the model and the generated classes, and checks what a reader can read. */
final class HeaderMapping {
    private HeaderMapping() {
    }

    /** The value of {@code Header.magic}. */
    static final String MAGIC = "ptreplay-trace";

    static Header toProto(TraceHeader h) {
        TraceHeader.Machine m = h.machine();
        return Header.newBuilder()
                .setMagic(MAGIC)
                .setFormatVersion(h.formatVersion())
                .setRequiredFeatures(h.requiredFeatures())
                .setProducer(h.producer())
                .setSource(Source.newBuilder()
                        .setKind(toProto(h.source().kind()))
                        .setDetail(h.source().detail())
                        .putAllParams(h.source().params()))
                .setMachine(Machine.newBuilder()
                        .setArch(m.arch())
                        .setPageSize(m.pageSize())
                        .setKernelRelease(m.kernelRelease())
                        .putAllThp(m.thp())
                        .setCpuCount(m.cpuCount()))
                .setEventCountHint(h.eventCountHint())
                // This writer always ends the file with an End packet (TraceWriter.close).
                .setHasEnd(true)
                .build();
    }

    /**
     * The model header, or the reason why this reader cannot read the file: not a trace, a newer
     * version, or a required feature it does not know. Versions up to {@link TraceHeader#CURRENT_VERSION}
     * are read (only version 1 exists so far).
     */
    static TraceHeader fromProto(Header p) throws UnreadableHeaderException {
        if (!MAGIC.equals(p.getMagic())) {
            throw new UnreadableHeaderException("not a ptreplay trace (the header's magic is '" + Printable.quote(p.getMagic())
                    + "', expected '" + MAGIC + "')");
        }
        int version = p.getFormatVersion();
        if (version == 0) {
            throw new UnreadableHeaderException("the header has no format version");
        }
        if (Integer.compareUnsigned(version, TraceHeader.CURRENT_VERSION) > 0) {
            throw new UnreadableHeaderException("format version " + Integer.toUnsignedString(version)
                    + " is newer than this reader supports (up to version " + TraceHeader.CURRENT_VERSION
                    + "); use a newer ptreplay");
        }
        long unknown = p.getRequiredFeatures() & ~TraceHeader.KNOWN_FEATURES;
        if (unknown != 0) {
            throw new UnreadableHeaderException("the file requires features 0x" + Long.toHexString(unknown)
                    + " that this reader does not know (it knows 0x" + Long.toHexString(TraceHeader.KNOWN_FEATURES)
                    + "); use a newer ptreplay");
        }
        Source s = p.getSource();
        Machine m = p.getMachine();
        return new TraceHeader(version, p.getRequiredFeatures(), p.getProducer(),
                new TraceHeader.Source(fromProto(s.getKind()), s.getDetail(), s.getParamsMap()),
                new TraceHeader.Machine(m.getArch(), m.getPageSize(), m.getKernelRelease(), m.getThpMap(), m.getCpuCount()),
                p.getEventCountHint());
    }

    /** A header that this reader must refuse; the message is the reason. */
    static final class UnreadableHeaderException extends Exception {
        private static final long serialVersionUID = 1L;

        UnreadableHeaderException(String reason) {
            super(reason, null, false, false);
        }
    }

    private static Source.Kind toProto(TraceHeader.SourceKind k) {
        return switch (k) {
            case UNKNOWN -> Source.Kind.KIND_UNKNOWN;
            case STRACE -> Source.Kind.KIND_STRACE;
            case PERF -> Source.Kind.KIND_PERF;
            case GENERATOR -> Source.Kind.KIND_GENERATOR;
            case TEXT -> Source.Kind.KIND_TEXT;
        };
    }

    /** A kind added by a newer writer reads as UNKNOWN: it is descriptive, not needed to replay. */
    private static TraceHeader.SourceKind fromProto(Source.Kind k) {
        return switch (k) {
            case KIND_STRACE -> TraceHeader.SourceKind.STRACE;
            case KIND_PERF -> TraceHeader.SourceKind.PERF;
            case KIND_GENERATOR -> TraceHeader.SourceKind.GENERATOR;
            case KIND_TEXT -> TraceHeader.SourceKind.TEXT;
            case KIND_UNKNOWN, UNRECOGNIZED -> TraceHeader.SourceKind.UNKNOWN;
        };
    }

}
