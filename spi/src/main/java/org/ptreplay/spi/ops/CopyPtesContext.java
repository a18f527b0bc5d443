package org.ptreplay.spi.ops;

/**
 * One {@code copy_pte_range} call of fork as a strategy sees it (docs/kernel-model.md §3): both
 * PTE tables are mapped and locked (dst, then src nested), covering [addr, end) within one PMD.
 * Non-present entries are not modelled (no swap). Pinned pages are not modelled, so anon rmap
 * duplication never fails and the copy-a-page fallback never runs.
 */
public interface CopyPtesContext extends PteOps {

    long addr();

    long end();

    long srcPtep();

    long dstPtep();

    /** {@code is_cow_mapping}: private and may be written; the parent's entries get write-protected. */
    boolean cow();

    /** VM_SHARED: the child's entries are made clean. */
    boolean shared();


    /** Soft-dirty tracking is enabled for the VMA (decides FPB_RESPECT_SOFT_DIRTY in 6.17+). */
    boolean softDirtyTracking();

    /** {@code folio_get}: one {@link Primitive#REF}. */
    void folioGet(long folio);

    /** {@code folio_ref_add}: one {@link Primitive#REF}, whatever {@code nr}. */
    void folioRefAdd(long folio, int nr);

    /**
     * {@code folio_try_dup_anon_rmap_ptes}: per subpage an {@link Primitive#AE} test and, with
     * CONFIG_PAGE_MAPCOUNT, a {@link Primitive#MAP}; plus one large-mapcount {@link Primitive#MAP}
     * for a large folio.
     */
    void folioDupAnonRmapPtes(long folio, long pagePfn, int nr);

    /** {@code folio_dup_file_rmap_ptes}: per-subpage MAP (CONFIG_PAGE_MAPCOUNT) plus the large mapcount. */
    void folioDupFileRmapPtes(long folio, long pagePfn, int nr);

    /** RSS accounting of the child (a local array in the kernel: no primitive). */
    void addRss(int nr);
}
