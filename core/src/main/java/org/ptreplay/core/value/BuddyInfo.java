package org.ptreplay.core.value;

import java.util.ArrayList;
import java.util.List;

/**
 * The free memory of the zone a simulated process allocates from, as the kernel shows it in
 * {@code /proc/buddyinfo} (free blocks per order, {@code zone->free_area[order].nr_free}) and
 * {@code /proc/zoneinfo} (the zone's span and its per-CPU list {@code count}, {@code high} and
 * {@code batch}). It is the parameter of the {@code buddy} placement (docs/kernel-model.md §10,
 * docs/profiles.md "Physical placement").
 *
 * @param zonePages the zone's span in base pages ({@code spanned} of /proc/zoneinfo)
 * @param nrFree    free blocks per order, order 0 first, the last the largest order
 *                  ({@code MAX_PAGE_ORDER}, 10 with 4 KiB pages)
 * @param pcpCount  pages already on the CPU's per-CPU list ({@code count}), handed out first
 * @param pcpBatch  pages a per-CPU list takes from or gives back to the buddy lists at once
 * @param pcpHigh   the per-CPU list length at which freeing gives {@code pcpBatch} pages back
 */
public record BuddyInfo(long zonePages, List<Long> nrFree, long pcpCount, int pcpBatch, int pcpHigh) {
    /**
     * The development machine of this project, measured [measured]: the Normal zone of a 24 GiB
     * Firecracker VM (kernel 6.18, 2 vCPUs) up 5 h 24 min with six agents' builds running, on
     * 2026-12-07 14:30–14:35 UTC. {@code nrFree} is the per-order median of 30 samples of
     * /proc/buddyinfo taken 10 s apart (the low orders swing by up to 50 times within a minute
     * as JVM heaps come and go; orders 5 and up hardly move); {@code zonePages} is the zone's
     * {@code spanned}; the per-CPU list values are CPU 0's in /proc/zoneinfo: the median
     * {@code count} (11,494) and {@code high} (31,749) of 17 samples taken 10 s apart at
     * 14:37–14:40 UTC, and its {@code batch} (63, what {@code zone_batchsize} gives any zone
     * above 256 MiB). Since 6.7 (51a755c56dc0) the kernel tunes {@code high} at run time between
     * {@code high_min} (8,468 here) and {@code high_max} (196,608); it read 17,157 to 83,857 in
     * those samples, and the model holds it at the median.
     */
    public static final BuddyInfo MEASURED = new BuddyInfo(5_505_024L,
            List.of(1234L, 179L, 321L, 2226L, 2748L, 2730L, 1364L, 615L, 194L, 293L, 1452L), 11_494L, 63, 31_749);

    public BuddyInfo {
        nrFree = List.copyOf(nrFree);
        if (nrFree.size() < 2 || nrFree.size() > 20) {
            throw new IllegalArgumentException("free blocks are given for 2 to 20 orders, not " + nrFree.size());
        }
        for (long n : nrFree) {
            if (n < 0) {
                throw new IllegalArgumentException("a count of free blocks cannot be negative: " + n);
            }
        }
        if (zonePages < 1L << (nrFree.size() - 1)) {
            throw new IllegalArgumentException("the zone must hold at least one block of the largest order");
        }
        if (pcpCount < 0 || pcpBatch < 1 || pcpHigh < pcpBatch) {
            throw new IllegalArgumentException("the per-CPU list needs count >= 0, batch >= 1 and high >= batch, not "
                    + pcpCount + ", " + pcpBatch + ", " + pcpHigh);
        }
        int top = nrFree.size() - 1;
        long blocks = zonePages >> top;
        long needed = nrFree.get(top);
        for (int o = 0; o < top; o++) {
            long n = nrFree.get(o) + (o == 0 ? pcpCount : 0);
            needed += (n + (1L << (top - 1 - o)) - 1) >> (top - 1 - o);
        }
        if (needed > blocks) {
            throw new IllegalArgumentException("these free blocks do not fit a zone of " + zonePages + " pages: laid out"
                    + " as docs/kernel-model.md §10 says they need " + needed + " blocks of order " + top + ", the zone has "
                    + blocks);
        }
    }

    /** Free blocks of {@code order} on the buddy lists at the start (0 above the largest order). */
    public long free(int order) {
        return order < nrFree.size() ? nrFree.get(order) : 0;
    }

    /** The largest order ({@code MAX_PAGE_ORDER}). */
    public int topOrder() {
        return nrFree.size() - 1;
    }

    /**
     * A freshly booted machine with the same zone and per-CPU list settings: every block of the
     * zone free at the largest order (memblock hands memory to the buddy allocator in
     * {@code MAX_PAGE_ORDER} blocks), the per-CPU list empty.
     */
    public BuddyInfo fresh() {
        List<Long> counts = new ArrayList<>();
        for (int o = 0; o < topOrder(); o++) {
            counts.add(0L);
        }
        counts.add(zonePages >> topOrder());
        return new BuddyInfo(zonePages, counts, 0, pcpBatch, pcpHigh);
    }

    /** The same zone and per-CPU list settings with these free blocks per order and an empty per-CPU list. */
    public BuddyInfo withFree(List<Long> counts) {
        return new BuddyInfo(zonePages, counts, 0, pcpBatch, pcpHigh);
    }
}
