package org.ptreplay.spi.ops;

/**
 * The architecture's page-table and TLB primitives for one replay cell
 * (docs/kernel-model.md §1 and §6). The kernel paths and the strategies reach page tables only
 * through these methods (via {@link PteOps}), and every method charges exactly what the
 * architecture does: x86 reads one entry in {@code ptep_get}; arm64 reads a whole contpte block,
 * unfolds on single-entry changes to CONT entries, and paints CONT in {@code set_ptes}.
 *
 * <p>Implementations get an {@link MmuEnv} when they are created and use only it to touch
 * simulated memory. Not thread-safe: one instance per cell.
 */
public interface ArchMmu {

    PageTableGeometry geometry();

    /** {@code ptep_get}: charges one {@link Primitive#PTE_R}-reading call of {@link Primitive#PTEP_GET}. */
    long ptepGet(long ptep);

    /** {@code ptep_get_lockless} (the fault path's all-none scans). */
    long ptepGetLockless(long ptep);

    /** {@code pte_batch_hint}: x86 always 1; arm64 the entries left to the end of a CONT block, else 1. */
    int pteBatchHint(long ptep, long pte);

    /**
     * {@code set_ptes}: writes {@code nr} entries starting at {@code pte}, advancing the pfn.
     * The targets are none (the kernel's contract).
     */
    void setPtes(MmView mm, long addr, long ptep, long pte, int nr);

    /** {@code ptep_get_and_clear}: the single-entry clear (arm64 unfolds a CONT block first). */
    long ptepGetAndClear(MmView mm, long addr, long ptep);

    /**
     * {@code get_and_clear_full_ptes}: clears {@code nr} entries, returns the first with the
     * access/dirty bits of all ORed in. {@code full}: the whole mm is being torn down (exit).
     */
    long getAndClearFullPtes(MmView mm, long addr, long ptep, int nr, boolean full);

    /** {@code clear_full_ptes}: as {@link #getAndClearFullPtes} when the old entries are not needed. */
    void clearFullPtes(MmView mm, long addr, long ptep, int nr, boolean full);

    /** {@code ptep_set_wrprotect}: the single-entry write-protect (arm64 unfolds a CONT block). */
    void ptepSetWrprotect(MmView mm, long addr, long ptep);

    /** {@code wrprotect_ptes}: write-protects {@code nr} entries. */
    void wrprotectPtes(MmView mm, long addr, long ptep, int nr);

    /**
     * {@code modify_prot_start_ptes} (mprotect's batched start, 0aa3657df3ec "mm: add batched versions
     * of ptep_modify_prot_start/commit", 6.17): clears {@code nr} entries of one folio and returns the
     * first with the access and dirty bits of all ORed in. The generic version, which x86 keeps, is one
     * {@code ptep_modify_prot_start} ({@code ptep_get_and_clear} natively) per entry. Since SPI 1.1.
     */
    default long modifyProtStartPtes(MmView mm, long addr, long ptep, int nr) {
        long page = geometry().pageSize();
        long pte = ptepGetAndClear(mm, addr, ptep);
        for (int i = 1; i < nr; i++) {
            long old = ptepGetAndClear(mm, addr + i * page, ptep + 8L * i);
            pte |= old & (Pte.DIRTY | Pte.YOUNG);
        }
        return pte;
    }

    /**
     * {@code modify_prot_commit_ptes} (0aa3657df3ec, 6.17): writes {@code nr} cleared entries from
     * {@code pte}, advancing the pfn. The generic version is one {@code ptep_modify_prot_commit}
     * ({@code set_pte_at}) per entry. Since SPI 1.1.
     */
    default void modifyProtCommitPtes(MmView mm, long addr, long ptep, long pte, int nr) {
        long page = geometry().pageSize();
        for (int i = 0; i < nr; i++) {
            setPtes(mm, addr + i * page, ptep + 8L * i, Pte.advancePfn(pte, i), 1);
        }
    }

    /**
     * {@code ptep_set_access_flags}: makes the entry at least as permissive as {@code entry}
     * (the COW-reuse path sets write and dirty); returns whether the entry changed. Any TLB
     * maintenance is the architecture's, inside this call: arm64 invalidates the stale entry
     * ({@code __ptep_set_access_flags}) and unfolds a CONT block when the write bit changes; x86
     * issues none (a stale read-only entry only causes a spurious fault). Callers never flush.
     */
    boolean ptepSetAccessFlags(MmView mm, long addr, long ptep, long entry);

    /**
     * {@code pte_needs_flush}: whether changing a present entry from {@code oldPte} to
     * {@code newPte} (mprotect) must be flushed. The generic answer, which arm64 keeps, is always;
     * x86 flushes only for changes that would not fault spuriously (arch/x86/include/asm/tlbflush.h).
     */
    default boolean pteNeedsFlush(long oldPte, long newPte) {
        return true;
    }

    /**
     * Whether {@code pmdp_invalidate_ad} (mprotect's {@code change_huge_pmd}, mm/huge_memory.c)
     * flushes the PMD range itself. The generic version, which arm64 keeps, is
     * {@code pmdp_invalidate}: the exchange, then {@code flush_pmd_tlb_range} (mm/pgtable-generic.c).
     * x86 defines its own (arch/x86/mm/pgtable.c): the exchange only, since an invalid entry's
     * access and dirty bits can no longer be set, and the caller's gather flushes. Since SPI 1.2.
     */
    default boolean pmdpInvalidateAdFlushes() {
        return true;
    }

    /**
     * {@code flush_tlb_range} / {@code flush_tlb_mm_range}: invalidates [start, end) at a stride
     * of {@code 1 << strideShift}. {@code lastLevel}: only leaf entries changed (arm64 VALE1IS);
     * {@code freedTables}: page tables were freed (x86 also flushes lazy CPUs).
     */
    void flushTlbRange(MmView mm, long start, long end, int strideShift, boolean lastLevel, boolean freedTables);

    /** {@code flush_tlb_mm}: the whole mm (fork's final flush of the parent). */
    void flushTlbMm(MmView mm);

    /**
     * The mmu_gather's arch {@code tlb_flush} over the gathered range (§1.4, §4.2).
     * {@code fullMm}: exit teardown; arm64 issues nothing then unless tables were freed.
     */
    void tlbFlush(MmView mm, long start, long end, int strideShift, boolean freedTables, boolean fullMm);
}
