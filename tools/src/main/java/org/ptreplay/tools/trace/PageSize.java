package org.ptreplay.tools.trace;

import org.ptreplay.trace.TraceHeader;

/** The base page size a trace was recorded with. */
public final class PageSize {
    private PageSize() {
    }

    static final int DEFAULT = 4096;

    /**
     * The recording machine's page size, else the importer's {@code page_size} parameter, else
     * 4 KiB (what generators and hand-written traces assume).
     */
    public static int of(TraceHeader h) {
        if (h.machine().pageSize() > 0) {
            return h.machine().pageSize();
        }
        String param = h.source().params().get("page_size");
        if (param != null) {
            try {
                int p = Integer.parseInt(param.strip());
                if (p > 0 && Integer.bitCount(p) == 1) {
                    return p;
                }
            } catch (NumberFormatException e) {
                // a malformed parameter says nothing: fall through to the default
            }
        }
        return DEFAULT;
    }

    /**
     * The arm64 {@code granule} option for a page size.
     *
     * @throws IllegalArgumentException one sentence: ptreplay models no such page size
     */
    public static String arm64Granule(int pageSize) {
        return switch (pageSize) {
            case 4096 -> "4k";
            case 16384 -> "16k";
            case 65536 -> "64k";
            default -> throw new IllegalArgumentException("The trace's page size " + pageSize
                    + " is none of 4096, 16384 and 65536, the sizes ptreplay models.");
        };
    }
}
