package org.ptreplay.spi.ops;

/**
 * What the simulated kernel gives an architecture: raw page-table memory that charges one
 * primitive per access at the entry's simulated physical address, struct-page reads for the
 * contpte fold check, and the ledger for the arch's own primitives (TLBI, DSB, INVLPG, IPI,
 * FOLD, UNFOLD) and frames ({@code contpte_convert}, {@code flush_tlb_mm_range}).
 *
 * <p>A {@code ptep} is the simulated physical address of an entry: table page address plus
 * 8 &times; index, so {@code ptep + 8 * n} is the n-th next entry of the same table and a
 * contpte block starts at {@code ptep & ~(8 * CONT_PTES - 1)}, as in the kernel.
 */
public interface MmuEnv {

    Ledger ledger();

    /** {@code __ptep_get}: one {@link Primitive#PTE_R}. */
    long readPte(long ptep);

    /** {@code __set_pte}: one {@link Primitive#PTE_W}. */
    void writePte(long ptep, long pte);

    /** {@code __ptep_get_and_clear}: one {@link Primitive#PTE_XCHG}; returns the old entry. */
    long xchgPte(long ptep, long pte);

    /**
     * One {@link Primitive#PTE_RMW}: atomically clears {@code clearBits} and sets {@code setBits}
     * (write-protect, access-flag updates); returns the old entry.
     */
    long rmwPte(long ptep, long clearBits, long setBits);

    /**
     * {@code page_folio(pfn_to_page(pfn))}: one {@link Primitive#SP_R} on the page's struct page
     * line (plus one on the head's line for a tail page). Returns the folio's head pfn, or
     * {@link PteOps#NO_FOLIO} when no folio backs the pfn (zero page, page-table pages).
     */
    long pageFolio(long pfn);

    /** {@code folio_nr_pages}: free for a small folio, one {@link Primitive#SP_R} (page[1]) for a large one. */
    int folioNrPages(long folio);
}
