package org.ptreplay.core.value;

import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The outcome of replaying events through one cell.
 *
 * @param events      events replayed
 * @param ledger      counts and simulated time per path, per syscall kind and in total
 * @param divergences results that differed from the recording, in event order
 * @param ignored     accepted-but-unmodelled requests by name (e.g. {@code MADV_COLD}) and count
 * @param residentPages pages allocated at the end (folios, page tables, kernel pages)
 * @param entries     page-table entries moved, copied, zapped and faulted
 * @param unmappedTouches touches outside every VMA in a recording of real faults (not divergences)
 * @param fallbacks   large-folio faults that fell back to smaller orders (a finite physical memory)
 */
public record SimResult(long events, LedgerSnapshot ledger, List<Divergence> divergences,
                        SortedMap<String, Long> ignored, long residentPages, EntryTotals entries,
                        UnmappedTouches unmappedTouches, FaultFallbacks fallbacks) {
    public SimResult {
        divergences = List.copyOf(divergences);
        ignored = Collections.unmodifiableSortedMap(new TreeMap<>(ignored));
    }
}
