package org.ptreplay.core.value;

/**
 * Page-table entries the kernel paths handled in one replay: present entries in the extents
 * {@code move_ptes} moved, {@code copy_pte_range} copied and {@code zap_pte_range} zapped, and
 * entries the fault path installed (a PMD leaf counts one). Independent of the strategy: the
 * paths count them from the tables, not from the charges.
 */
public record EntryTotals(long moved, long copied, long zapped, long faulted) {

    /** "PTE operations": moved + copied + zapped + faulted, the unit of replay throughput. */
    public long total() {
        return moved + copied + zapped + faulted;
    }
}
