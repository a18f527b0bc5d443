package org.ptreplay.core.state;

/**
 * How many page-table entries the kernel paths handled in one cell: the denominator of the "ns
 * per PTE" metrics and of the PTE-operations throughput. Counted by the paths from the tables
 * themselves (present entries of each extent before the strategy runs), so the numbers do not
 * depend on the strategy and cost no ledger charge. Not thread-safe, like the cell.
 */
public final class EntryCounts {
    /** Present entries in the extents {@code move_ptes} ran on (entries carried by a page-table move are not touched, so not counted). */
    public long moved;
    /** Present source entries in the ranges {@code copy_pte_range} ran on. */
    public long copied;
    /** Present entries in the ranges {@code zap_pte_range} ran on. */
    public long zapped;
    /** Entries the fault path installed: PTEs (a folio of n pages mapped at once counts n) and PMD leaves. */
    public long faulted;
    /** PMD THP faults whose folio could not be allocated and went to the PTE level ({@code THP_FAULT_FALLBACK}). */
    public long thpFaultFallback;
    /** mTHP orders {@code alloc_anon_folio} could not allocate and dropped ({@code MTHP_STAT_ANON_FAULT_FALLBACK}). */
    public long anonFaultFallback;
}
