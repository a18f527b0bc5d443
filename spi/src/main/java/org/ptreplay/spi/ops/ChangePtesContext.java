package org.ptreplay.spi.ops;

/**
 * One {@code change_pte_range} call of mprotect as a strategy sees it (docs/kernel-model.md §4.5):
 * the table is mapped and locked, lazy MMU is on, and the VMA already has its new flags. The
 * mmu_gather is the caller's; {@link #tlbFlushPteRange} records entries in it and the caller
 * flushes at {@code tlb_end_vma}. Since SPI 1.1.
 */
public interface ChangePtesContext extends PteOps {

    long addr();

    long end();

    long ptep();

    /** {@code pte_modify(pte, vma->vm_page_prot)}: the entry with the VMA's new protection (no charge). */
    long pteModify(long pte);

    /**
     * {@code MM_CP_TRY_CHANGE_WRITABLE}: the VMA is now writable and needs no write-notify, so an
     * entry may be made writable without a write fault ({@code vma_wants_manual_pte_write_upgrade}).
     */
    boolean tryChangeWritable();

    /** The VMA is {@code VM_SHARED}: {@code can_change_shared_pte_writable} decides by the dirty bit. */
    boolean shared();

    /**
     * {@code PageAnonExclusive} of the page {@code pfn}: one {@link Primitive#AE} on its struct page;
     * false for a page that is not anonymous ({@code can_change_private_pte_writable}).
     */
    boolean pageAnonExclusive(long pfn);

    /** {@code ptep_modify_prot_start}: the single-entry start (arm64 unfolds a CONT block). */
    long ptepModifyProtStart(long addr, long ptep);

    /** {@code ptep_modify_prot_commit}: the single-entry commit ({@code set_pte_at}). */
    void ptepModifyProtCommit(long addr, long ptep, long oldPte, long pte);

    /**
     * {@code modify_prot_start_ptes} (0aa3657df3ec, 6.17): starts {@code nr} entries of one folio and
     * returns the first with the access and dirty bits of all ORed in; arch-specific
     * ({@link ArchMmu#modifyProtStartPtes}).
     */
    long modifyProtStartPtes(long addr, long ptep, int nr);

    /** {@code modify_prot_commit_ptes} (0aa3657df3ec, 6.17): commits {@code nr} entries from {@code pte}. */
    void modifyProtCommitPtes(long addr, long ptep, long oldPte, long pte, int nr);

    /** {@code pte_needs_flush}: x86 only for changes that would not fault spuriously; arm64 always. */
    boolean pteNeedsFlush(long oldPte, long newPte);

    /** {@code tlb_flush_pte_range}: adds {@code nr} pages from {@code addr} to the gathered range. */
    void tlbFlushPteRange(long addr, int nr);
}
