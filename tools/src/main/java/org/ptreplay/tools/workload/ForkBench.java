package org.ptreplay.tools.workload;

import java.util.List;

/**
 * David Hildenbrand's fork benchmark from "mm/memory: optimize fork() with PTE-mapped THP"
 * (Message-IDs 20240125193227.444072-1-david@redhat.com, 20240129124649.189745-1-david@redhat.com):
 * populate {@code size} bytes of anonymous private memory by writing every page, fork, and let
 * the child exit at once. The folio size is the replay's {@code --thp} (his series measured 4 KiB
 * to 2 MiB), so nothing is recommended. The memory sits at the 1 GiB hint, aligned for every
 * folio size, on every architecture. {@code pte-map=yes} splits the PMDs of 2 MiB THPs before the
 * fork, for his "2M (PTE-mapped)" row and Ryan Roberts' order-9 contpte fork.
 */
public final class ForkBench extends Generator {
    private static final int CHILD = PID + 1;
    private static final List<Param> PARAMS = List.of(size("1G"), pteMap());

    @Override
    public String name() {
        return "fork-bench";
    }

    @Override
    public String description() {
        return "David Hildenbrand's fork benchmark: populate size bytes, fork, the child exits";
    }

    @Override
    List<Param> params() {
        return PARAMS;
    }

    /** The folio size is the point: one setting per size. */
    @Override
    String thp(ParamValues values) {
        return perFolioSize();
    }

    @Override
    void emit(ParamValues values, EventOut out) {
        populate(values, out);
        out.fork(CHILD);
        out.task(CHILD).exit(0);
    }
}
