package org.ptreplay.spi.ops;

/**
 * The instrumented kernel API that strategies program against: the arch primitives bound to
 * the mm that owns each table, and the generic folio helpers of mm/internal.h and
 * include/linux/mm.h. A {@code ptep} is a simulated physical address (see {@link MmuEnv});
 * {@code ptep + 8 * n} is the n-th next entry. Every call charges exact primitives to the
 * current path. {@link #vmNormalFolio} and {@link #folioPteBatch}, kernel functions of their own,
 * open their frames ({@code vm_normal_folio}, {@code folio_pte_batch}) themselves, so a plugin's
 * charges land on the same paths as a built-in's; strategies enter the frames of their own
 * functions with {@code ledger().enter(FRAME)}.
 */
public interface PteOps {

    /** No folio backs the entry: none, special (zero page) or not present. */
    long NO_FOLIO = -1L;

    /** {@code folio_pte_batch} flags (6.17 naming, FPB_*): by default dirty, soft-dirty and write are ignored. */
    int FPB_RESPECT_DIRTY = 1;
    int FPB_RESPECT_SOFT_DIRTY = 1 << 1;
    /** 04d1c9d60c6e "mm/mremap: honour writable bit in mremap pte batching". */
    int FPB_RESPECT_WRITE = 1 << 2;
    /**
     * Report whether any entry of the batch is writable: 6.9's {@code any_writable} out-parameter of
     * {@code folio_pte_batch} (f8d937761d65), 6.17's FPB_MERGE_WRITE. {@code copy_present_ptes}
     * needs it to decide the parent's write-protect when the first entry is read-only. The answer
     * comes back in the result as {@link #BATCH_ANY_WRITABLE}.
     */
    int FPB_MERGE_WRITE = 1 << 3;

    /** Set in the result of {@link #folioPteBatch} under {@link #FPB_MERGE_WRITE} when an entry of the batch is writable. */
    int BATCH_ANY_WRITABLE = 1 << 30;
    /** The entry count in the result of {@link #folioPteBatch}. */
    int BATCH_NR_MASK = BATCH_ANY_WRITABLE - 1;

    Ledger ledger();

    PageTableGeometry geometry();

    long ptepGet(long ptep);

    int pteBatchHint(long ptep, long pte);

    long ptepGetAndClear(long addr, long ptep);

    long getAndClearFullPtes(long addr, long ptep, int nr, boolean full);

    void clearFullPtes(long addr, long ptep, int nr, boolean full);

    void setPtes(long addr, long ptep, long pte, int nr);

    /** {@code set_pte_at}: {@code set_ptes(nr = 1)}. */
    default void setPteAt(long addr, long ptep, long pte) {
        setPtes(addr, ptep, pte, 1);
    }

    void ptepSetWrprotect(long addr, long ptep);

    void wrprotectPtes(long addr, long ptep, int nr);

    /**
     * {@code vm_normal_folio}: the folio mapped by a present {@code pte}, or {@link #NO_FOLIO} for
     * a special entry. Charges one {@link Primitive#SP_R} on the page's struct page line
     * ({@code page_folio} reads {@code compound_head}), plus one on the head's line for a tail
     * page. The folio flags that {@link #folioTestLarge} reads are on a line this already charged.
     * Charged in the frame {@code vm_normal_folio}, which this opens.
     */
    long vmNormalFolio(long addr, long pte);

    /** {@code folio_test_large}: no charge of its own (see {@link #vmNormalFolio}). */
    boolean folioTestLarge(long folio);

    /**
     * {@code folio_test_anon}: no charge of its own ({@code folio->mapping} is on the head line that
     * {@link #vmNormalFolio} charged). A private file mapping holds anon folios after COW, so the
     * fork and zap loops decide per folio, as the kernel does.
     */
    boolean folioTestAnon(long folio);

    /** {@code folio_nr_pages}: one {@link Primitive#SP_R} (page[1]) for a large folio. */
    int folioNrPages(long folio);

    /**
     * {@code folio_pte_batch}: how many consecutive entries from {@code ptep} (whose value is
     * {@code pte}) map consecutive pages of {@code folio} with the same bits (modulo those the flags
     * ignore), at most {@code maxNr} and never past the folio's end. Steps by
     * {@code pte_batch_hint}, one {@code ptep_get} per step. Charged in the frame
     * {@code folio_pte_batch}, which this opens.
     *
     * @return the count; with {@link #FPB_MERGE_WRITE} also {@link #BATCH_ANY_WRITABLE}, so mask
     *         the count with {@link #BATCH_NR_MASK}
     */
    int folioPteBatch(long folio, long ptep, long pte, int maxNr, int flags);
}
