package org.ptreplay.tools.workload;

import java.util.List;

/**
 * The zap benchmark of "mm/memory: optimize unmap/zap with PTE-mapped THP"
 * (Message-ID 20240129143221.263763-1-david@redhat.com) and of Ryan Roberts' contpte series:
 * populate {@code size} bytes of anonymous private memory by writing every page, then munmap
 * them. The folio size is the replay's {@code --thp}; the memory sits at the 1 GiB hint.
 * {@code pte-map=yes} splits the PMDs of 2 MiB THPs before the munmap (Ryan Roberts' order-9 rows).
 */
public final class MunmapBench extends Generator {
    private static final List<Param> PARAMS = List.of(size("1G"), pteMap());

    @Override
    public String name() {
        return "munmap-bench";
    }

    @Override
    public String description() {
        return "populate size bytes, then munmap them";
    }

    @Override
    List<Param> params() {
        return PARAMS;
    }

    /** The folio size is the point (per size), except for pte-map=yes, which splits 2 MiB THPs. */
    @Override
    String thp(ParamValues values) {
        return values.choice("pte-map").equals("yes")
                // Splitting PMDs needs PMD-mapped THPs to split.
                ? "enabled=always"
                : perFolioSize();
    }

    @Override
    void emit(ParamValues values, EventOut out) {
        long size = populate(values, out);
        out.munmap(HINT, size);
    }
}
