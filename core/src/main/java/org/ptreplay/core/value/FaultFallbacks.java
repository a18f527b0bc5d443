package org.ptreplay.core.value;

/**
 * Large-folio faults that fell back to a smaller order because the buddy allocator had no free
 * block of the order (docs/kernel-model.md §5.1), as the kernel's vm events count them.
 *
 * @param thp  PMD THP faults that fell back to the PTE level ({@code THP_FAULT_FALLBACK},
 *             {@code thp_fault_fallback} in /proc/vmstat)
 * @param anon mTHP orders tried and dropped by {@code alloc_anon_folio}, one per order
 *             ({@code MTHP_STAT_ANON_FAULT_FALLBACK}, the per-size {@code anon_fault_fallback})
 */
public record FaultFallbacks(long thp, long anon) {
}
