package org.ptreplay.core.replay;

/**
 * How fast this host replayed: not deterministic, reported apart from the results.
 *
 * @param wallNanos     wall time of the replay (decoding and all cells)
 * @param events        trace events decoded
 * @param pteOps        PTE operations summed over all cells: entries moved + copied + zapped + faulted
 *                      ({@link org.ptreplay.core.value.EntryTotals#total()})
 * @param peakHeapBytes the sum of the heap memory pools' peak usage since the replay started (an
 *                      upper bound of the peak heap: pools peak at different moments); -1 when
 *                      the JVM does not report it
 * @param threads       worker threads the cells ran on
 * @param cells         cells replayed
 */
public record HostStats(long wallNanos, long events, long pteOps, long peakHeapBytes, int threads, int cells) {

    public double wallSeconds() {
        return wallNanos / 1e9;
    }

    /** Events decoded per second of wall time (each event is applied by every cell). */
    public double eventsPerSecond() {
        return wallNanos == 0 ? 0 : events * 1e9 / wallNanos;
    }

    /** PTE operations of all cells per second of wall time. */
    public double pteOpsPerSecond() {
        return wallNanos == 0 ? 0 : pteOps * 1e9 / wallNanos;
    }
}
