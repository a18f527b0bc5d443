package org.ptreplay.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.ref.Reference;

/**
 * Heap bytes per resident simulated 4 KiB page: populates N GiB of 4 KiB pages in an x86 cell
 * (counts only, so no cache model's fixed arrays are counted), then compares the heap in use after
 * a full GC with the heap of an empty cell. The difference covers the page tables, the folio
 * metadata and everything else that grows with residency.
 *
 * <p>Run: {@code java -Xmx4g -cp benchmarks/target/benchmarks.jar org.ptreplay.benchmarks.ResidentFootprint 4}
 */
public final class ResidentFootprint {
    private ResidentFootprint() {
    }

    public static void main(String[] args) {
        long gib = args.length > 0 ? Long.parseLong(args[0]) : 4;
        String strategies = args.length > 1 ? args[1] : "linux-6.16";
        Replay empty = new Replay(Cells.kernel("x86", strategies, Cells.FREE));
        // One event creates the task, its mm and its PGD: the empty baseline.
        empty.populate(MovePtesBenchmark.ALIGNED, Replay.PAGE);
        long before = usedAfterGc();
        Replay full = new Replay(Cells.kernel("x86", strategies, Cells.FREE));
        full.populate(MovePtesBenchmark.ALIGNED, gib * Replay.GIB);
        long after = usedAfterGc();
        long pages = full.kernel().result().residentPages() - empty.kernel().result().residentPages();
        long bytes = after - before;
        System.out.printf("populated %d GiB: %d resident pages (data + tables), %d heap bytes, %.2f bytes per page%n",
                gib, pages, bytes, (double) bytes / pages);
        // Both cells must stay reachable until the heap was measured.
        Reference.reachabilityFence(empty);
        Reference.reachabilityFence(full);
    }

    private static long usedAfterGc() {
        MemoryMXBean mx = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        // Several rounds: a collection can free objects only finalised or referenced by the previous one.
        for (int i = 0; i < 4; i++) {
            System.gc();
            used = Math.min(used, mx.getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
