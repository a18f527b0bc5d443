package org.ptreplay.spi;

/** The kernel paths whose behaviour differs between kernels, one strategy each (docs/kernel-model.md §2–§4). */
public enum KernelPath {
    /** The PTE loop of move_ptes (mremap). */
    MOVE_PTES("move-ptes"),
    /** Page-table-level moves in move_page_tables: none, PMD, PMD+PUD. */
    PGTABLE_MOVE("pgtable-move"),
    /** The PTE loop of copy_pte_range (fork). */
    COPY_PTES("copy-ptes"),
    /** The PTE loop of zap_pte_range (munmap, MADV_DONTNEED, exit). */
    ZAP_PTES("zap-ptes");

    private final String prefix;

    KernelPath(String prefix) {
        this.prefix = prefix;
    }

    /** The name prefix of this path's strategies, e.g. {@code move-ptes} in {@code move-ptes/per-pte}. */
    public String prefix() {
        return prefix;
    }
}
