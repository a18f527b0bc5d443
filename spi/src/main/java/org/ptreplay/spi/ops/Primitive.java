package org.ptreplay.spi.ops;

import java.util.Locale;

/**
 * The primitive operations that every kernel path is counted in (docs/kernel-model.md §0).
 * Counts are exact; a machine profile turns them into time.
 *
 * <p>{@link #memory()} marks primitives that touch simulated memory: they are charged with the
 * address they touch ({@link Ledger#touch}) so that the cache model can price them.
 */
public enum Primitive {
    /** Plain load of one page-table entry (any level). */
    PTE_R(true),
    /** Plain store of one page-table entry. */
    PTE_W(true),
    /** Atomic get-and-clear of one entry (x86 LOCK xchg; arm64 SWP). */
    PTE_XCHG(true),
    /** Atomic read-modify-write of one entry (write-protect). */
    PTE_RMW(true),
    /** Read of a struct page / folio field through the vmemmap. */
    SP_R(true),
    /** Atomic RMW of a struct page / folio field that is not a refcount, mapcount or AnonExclusive op. */
    SP_ATOM(true),
    /** Folio refcount atomic that returns a value (a put); those without are {@link #REF_POSTED}. */
    REF(true),
    /**
     * Mapcount atomic (per-page _mapcount, _large_mapcount, _nr_pages_mapped, _entire_mapcount)
     * other than fork's duplication, which is {@link #MAP_POSTED}.
     */
    MAP(true),
    /** PageAnonExclusive test, clear or set on one subpage, other than fork's clear ({@link #AE_POSTED}). */
    AE(true),
    /** Acquire plus release of a page-table spinlock. */
    PTL(false),
    /** anon_vma (and i_mmap) rwsem taken for write. */
    RMAPLOCK(false),
    /** One arm64 per-page broadcast TLBI. */
    TLBI_VA(false),
    /** One arm64 range TLBI (FEAT_TLBIRANGE). */
    TLBI_RANGE(false),
    /** One arm64 ASIDE1IS: flush the whole mm. */
    TLBI_ASID(false),
    /** One dsb ish waiting for broadcast TLBI completion. */
    DSB(false),
    /** One x86 single-page invalidation on one CPU. */
    INVLPG(false),
    /** One x86 full non-global flush of the mm on one CPU. */
    X86_FULL(false),
    /** x86 shootdown IPIs; one charge of n is one shootdown to n other CPUs. */
    IPI(false),
    /** One AMD INVLPGB broadcast invalidation (a page range or a whole PCID); 6.15+, 4afeb0ed1753. */
    INVLPGB(false),
    /** One AMD TLBSYNC waiting for this CPU's INVLPGBs to complete everywhere. */
    TLBSYNC(false),
    /** arm64 contpte_convert to CONT (its xchg, TLBI, DSB and writes are charged separately). */
    FOLD(false),
    /** arm64 contpte_convert to non-CONT (its xchg, TLBI, DSB and writes are charged separately). */
    UNFOLD(false),
    /** One mmu_notifier invalidate_range start/end pair. */
    NOTIFIER(false),
    /** Calls of ptep_get (each call also charges its PTE_R reads). */
    PTEP_GET(false),
    /** Page allocations (one per folio or page-table page, whatever its order). */
    PAGE_ALLOC(false),
    /** Base pages zeroed. */
    PAGE_ZERO(false),
    /** Page-table pages allocated. */
    PT_ALLOC(false),
    /** Page-table pages freed. */
    PT_FREE(false),
    /** Syscall entries (with their exits). */
    SYSCALL(false),
    /**
     * One descent of the mm's VMA tree from its root: {@code vma_lookup}, {@code find_vma},
     * {@code vma_find} on a fresh iterator, the gap search of {@code get_unmapped_area}
     * (docs/kernel-model.md §2.7).
     */
    VMA_WALK(false),
    /**
     * One write of the VMA tree ({@code vma_iter_store}, {@code vma_iter_clear}, the store into
     * munmap's detached tree) with what the kernel does around it: node preallocation and release,
     * the RCU-deferred free of replaced nodes, {@code vma_start_write} (§2.7).
     */
    VMA_STORE(false),
    /**
     * One slab object of the VMA layer allocated, its later free included: a {@code vm_area_struct}
     * ({@code vm_area_alloc}, {@code vm_area_dup}) or an {@code anon_vma_chain} ({@code anon_vma_clone}) (§2.7).
     */
    VMA_ALLOC(false),
    /**
     * Instruction work of one iteration of the fork or zap PTE loop over a present entry
     * ({@code copy_present_ptes}, {@code zap_present_ptes}; per entry, or per batch where the
     * kernel batches), beyond the memory operations charged as their own primitives.
     */
    PTE_ITER(false),
    /**
     * Instruction work per entry of a fork or zap iteration (the per-page rmap loop and the
     * per-entry PTE loops of a batch); one charge of n for an iteration over n entries.
     */
    PTE_ENTRY(false),
    /** Instruction work of one {@code folio_pte_batch} call of fork or zap beyond its per-entry reads. */
    PTE_BATCH(false),
    /** A folio given back to the page allocator (per-CPU or buddy lists), whatever its order. */
    FOLIO_FREE(false),
    /** {@code free_tail_page_prepare}: the check and reset of one tail page's struct page. */
    TAIL_FREE(true),
    /** Exception entry and exit of one user page fault (docs/kernel-model.md §5). */
    EXC(false),
    /**
     * The per-VMA read lock of a fault, {@code vma_start_read} in {@code lock_vma_under_rcu} and
     * {@code vma_end_read} (before 6.4 the mmap read lock): one acquire and one release (§5).
     */
    VMA_LOCK(false),
    /** One memcg charge ({@code mem_cgroup_charge}) or uncharge of a folio, whatever its order (§4.4, §5). */
    MEMCG(false),
    /** One {@code add_mm_counter}: a per-CPU {@code percpu_counter} add on the mm's RSS (§5). */
    MM_COUNTER(false),
    /** One acquire plus release of a lruvec's LRU lock, irqs disabled (§4.4, §5). */
    LRU_LOCK(false),
    /** One acquire plus release of a zone's free-list lock for the buddy allocator (§4.4, §5). */
    ZONE_LOCK(false),
    /** A plain store to a struct page field (the LRU list link or unlink of a folio). */
    SP_W(true),
    /**
     * One step of the buddy allocator on the struct page of the buddy: a split in {@code expand}
     * (the split-off half is linked to a free list) or a merge in {@code __free_one_page} (the
     * free buddy is checked and unlinked) (§4.4, §5).
     */
    BUDDY(true),
    /** {@code prep_compound_tail}: one tail page's struct page set up for a new large folio (§5). */
    TAIL_PREP(true),
    /**
     * A load or store of one 64-byte line of a VMA-layer slab object: a {@code vm_area_struct},
     * an {@code anon_vma} or an {@code anon_vma_chain} (docs/kernel-model.md §2.8).
     */
    VMA_LINE(true),
    /** A load or store of one 64-byte line of a maple-tree node of the VMA tree (§2.8). */
    MT_LINE(true),
    /**
     * One hold of a deferred split queue's {@code split_queue_lock}, irqs saved, with the list add
     * of a large anon folio ({@code deferred_split_folio}) or its delete when the folio is freed
     * ({@code folio_undo_large_rmappable}); the folio's list line is an {@link #SP_W} (§4.6).
     */
    SPLIT_QUEUE(false),
    /**
     * The first user access through a leaf entry a fault wrote (one per PTE or PMD leaf the fault
     * maps or makes writable, the accessing one included): a page walk that sets the accessed bit,
     * and under shadow paging the hypervisor's fill of its shadow entry (docs/kernel-model.md §5).
     */
    SHADOW_FILL(false),
    /**
     * A present entry changed in place by a clear-then-set transaction, staying present:
     * mprotect's {@code ptep_modify_prot_start} (an xchg to 0) and commit, and
     * {@code change_huge_pmd}'s: under shadow paging the hypervisor's resync of it at the next
     * flush (docs/kernel-model.md §5.0a). A single locked update is {@link #SHADOW_SYNC_RMW};
     * clears (zap, mremap's moves) are not counted.
     */
    SHADOW_SYNC(false),
    /**
     * One {@code __lruvec_stat_mod_folio}: a folio's node and memcg statistic updated in per-CPU
     * counters, with {@code memcg_rstat_updated}'s per-CPU update at every level of the memcg
     * hierarchy; an rmap add or removal that changes the mapped pages charges one per statistic
     * (NR_ANON_MAPPED, NR_ANON_THPS) (§4.6).
     */
    LRUVEC_STAT(false),
    /**
     * {@code mmap_write_lock} and {@code mmap_write_unlock} (or the read pair) of one mapping
     * syscall: the rwsem's acquire and release on the {@code mm_struct}'s {@code mmap_lock} line,
     * through the cache model (docs/kernel-model.md §2.10).
     */
    MMAP_LOCK(true),
    /**
     * A load or store of one line of an {@code mm_struct} (its VM counters), a {@code struct file}
     * or an {@code address_space} (its {@code i_mmap} root and {@code i_mmap_rwsem}) (§2.10).
     */
    KOBJ_LINE(true),
    /** {@code get_file} or {@code fput}: one atomic on a {@code struct file}'s {@code f_count} (§2.10). */
    FILE_REF(true),
    /**
     * {@code free_swap_cache}'s read of one line of a gathered entry at an mmu_gather flush: the
     * gathered page's own struct page ({@code page_folio}) or its folio's head
     * ({@code folio_test_swapcache}); once per gather entry, before the release (§4.2, §4.4).
     */
    SWAP_CACHE_R(true),
    /**
     * A {@link #REF} whose atomic returns no value: {@code folio_get} ({@code atomic_inc}) or
     * {@code folio_ref_add} ({@code atomic_add}) in fork and in {@code folio_add_lru}
     * (include/linux/page_ref.h). On arm64 with LSE an atomic without a return is the store-only
     * {@code STADD} ({@code ATOMIC_OP} in arch/arm64/include/asm/atomic_lse.h), which Arm Ltd cores
     * usually execute far, as a posted operation; every x86 atomic is one LOCK-prefixed kind
     * (docs/kernel-model.md §4.6, "Atomics by kind").
     */
    REF_POSTED(true),
    /**
     * A {@link #MAP} whose atomic returns no value: fork's duplication, {@code atomic_inc} of a
     * page's {@code _mapcount}, {@code atomic_inc} of {@code _entire_mapcount} or
     * {@code atomic_add} to {@code _large_mapcount} ({@code __folio_dup_file_rmap},
     * {@code __folio_try_dup_anon_rmap}, include/linux/rmap.h): arm64 {@code STADD} (§4.6).
     */
    MAP_POSTED(true),
    /**
     * An {@link #AE} clear without a return: fork's {@code ClearPageAnonExclusive}
     * ({@code clear_bit}, include/asm-generic/bitops/atomic.h: {@code atomic_long_andnot}),
     * arm64 {@code STCLR} (§4.6).
     */
    AE_POSTED(true),
    /**
     * A present entry changed in place by a single locked read-modify-write, staying present:
     * fork's write-protect ({@code ptep_set_wrprotect}, {@code wrprotect_ptes},
     * {@code pmdp_set_wrprotect}: x86 {@code clear_bit} of the RW bit, arm64 a cmpxchg loop) and
     * arm64's access-flag update. Under shadow paging the hypervisor's work for it, priced apart
     * from {@link #SHADOW_SYNC} because it is another instruction, which a hypervisor may handle
     * at another cost (docs/kernel-model.md §5.0a).
     */
    SHADOW_SYNC_RMW(false),
    /**
     * One {@code uncharge_batch} for a folio uncharged alone ({@code mem_cgroup_uncharge}: up to
     * 6.8 every large folio the gather's release frees, through {@code __folio_put_large}, and
     * any folio {@code __folio_put} frees): {@code page_counter_uncharge}'s value-returning atomic
     * at every level of the memcg hierarchy and the batch's per-CPU event counters. Batched
     * uncharges share one per batch, inside {@link #MEMCG} (docs/kernel-model.md §4.4).
     */
    UNCHARGE_BATCH(false),
    /**
     * {@code set_shrinker_bit}'s {@code set_bit} on the memcg's shrinker map when
     * {@code deferred_split_folio} queues a folio: an atomic without a return (arm64 STSET),
     * after {@code smp_mb__before_atomic} (docs/kernel-model.md §4.6).
     */
    SHRINKER_BIT(false),
    /**
     * A present PMD leaf changed in place by a single locked update, staying present: fork's
     * write-protect of the parent's leaf ({@code copy_huge_pmd}: {@code pmdp_set_wrprotect}),
     * charged beside the entry's own {@link #SHADOW_SYNC_RMW}. Under shadow paging the
     * hypervisor's further work for the shadow entries behind an accessed 2 MiB guest leaf
     * (docs/kernel-model.md §5.0a); 0 on bare metal.
     */
    SHADOW_LEAF_RMW(false);

    private static final Primitive[] VALUES = values();
    private final boolean memory;

    Primitive(boolean memory) {
        this.memory = memory;
    }

    /** Whether this primitive touches simulated memory and goes through the cache model. */
    public boolean memory() {
        return memory;
    }

    /** The name used in JSON and tables: the enum name, e.g. {@code PTE_R}. */
    public String key() {
        return name();
    }

    public static Primitive ofKey(String key) {
        return valueOf(key.toUpperCase(Locale.ROOT));
    }

    /** Cached {@code values()}, for loops over counters without allocation. */
    public static Primitive byOrdinal(int ordinal) {
        return VALUES[ordinal];
    }

    public static int count() {
        return VALUES.length;
    }
}
