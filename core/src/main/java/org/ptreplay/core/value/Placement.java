package org.ptreplay.core.value;

/**
 * Where the folio allocator puts order-0 pages; it decides how local the vmemmap lines of
 * neighbouring PTEs are (docs/kernel-model.md §9 item 10).
 */
public enum Placement {
    /** A fresh machine: consecutive allocations get consecutive pfns. */
    SEQUENTIAL,
    /** After long uptime: order-0 pages are spread over a 1 GiB arena by a seeded permutation. */
    SCATTERED
}
