package org.ptreplay.spi;

/** The kernel paths whose behaviour differs between kernels, one strategy each (docs/kernel-model.md §2–§4.5). */
public enum KernelPath {
    /** The PTE loop of move_ptes (mremap). */
    MOVE_PTES("move-ptes"),
    /** Page-table-level moves in move_page_tables: none, PMD, PMD+PUD. */
    PGTABLE_MOVE("pgtable-move"),
    /** The PTE loop of copy_pte_range (fork). */
    COPY_PTES("copy-ptes"),
    /** The PTE loop of zap_pte_range (munmap, MADV_DONTNEED, exit). */
    ZAP_PTES("zap-ptes"),
    /**
     * The PTE loop of change_pte_range (mprotect), since SPI 1.1. A preset written against SPI 1.0
     * names no strategy for it and runs the reference one.
     */
    CHANGE_PTES("change-ptes", 1);

    private final String prefix;
    private final int sinceMinor;

    KernelPath(String prefix) {
        this(prefix, 0);
    }

    KernelPath(String prefix, int sinceMinor) {
        this.prefix = prefix;
        this.sinceMinor = sinceMinor;
    }

    /** The SPI minor version (of major 1) that added this path. */
    public int sinceMinor() {
        return sinceMinor;
    }

    /** The name prefix of this path's strategies, e.g. {@code move-ptes} in {@code move-ptes/per-pte}. */
    public String prefix() {
        return prefix;
    }
}
