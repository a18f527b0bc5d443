package org.ptreplay.spi.ops;

/**
 * One {@code zap_pte_range} call as a strategy sees it (docs/kernel-model.md §4): the table is
 * mapped and locked, lazy MMU is on. The mmu_gather is the caller's; a strategy adds to it with
 * {@link #tlbRemoveTlbEntries} and {@link #tlbRemoveFolioPages} and returns early when the gather
 * is full, so the caller can flush inside the lock and retry the rest (the kernel's
 * {@code force_flush}).
 */
public interface ZapPtesContext extends PteOps {

    long addr();

    long end();

    long ptep();

    /** The whole mm is being torn down (exit_mmap): x86 clears without atomics, arm64 skips TLBIs. */
    boolean fullMm();


    /** {@code tlb_remove_tlb_entries}: extends the gathered range by {@code nr} pages (no primitive). */
    void tlbRemoveTlbEntries(long addr, int nr);

    /**
     * {@code folio_remove_rmap_ptes}: per-subpage {@link Primitive#MAP} with CONFIG_PAGE_MAPCOUNT,
     * plus the large-folio counters.
     */
    void folioRemoveRmapPtes(long folio, long pagePfn, int nr);

    /**
     * {@code __tlb_remove_folio_pages}: queues the pages for freeing after the flush, one gather
     * slot for {@code nr == 1} and two for a batch. Returns true when the gather is full: the
     * strategy must stop and return the address after this batch.
     */
    boolean tlbRemoveFolioPages(long pagePfn, int nr);

    /** RSS accounting (a local array in the kernel: no primitive). */
    void addRss(int nr);
}
