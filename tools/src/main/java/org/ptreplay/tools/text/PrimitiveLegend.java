package org.ptreplay.tools.text;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One line per primitive name, for readers of the tables: {@code ptreplay primitives},
 * {@code replay --help} and the HTML report. The authoritative definitions are the javadoc of
 * {@code Primitive} and docs/kernel-model.md §0; these are their short forms, and a test checks
 * that every primitive has one.
 */
public final class PrimitiveLegend {

    private static final Map<String, String> LINES = new LinkedHashMap<>();

    static {
        line("PTE_R", "plain load of one page-table entry (any level)");
        line("PTE_W", "plain store of one page-table entry");
        line("PTE_XCHG", "atomic get-and-clear of one entry (x86 xchg, arm64 SWP)");
        line("PTE_RMW", "atomic read-modify-write of one entry (write-protect)");
        line("SP_R", "read of a struct page / folio field through the vmemmap");
        line("SP_ATOM", "other atomic on a struct page / folio field (flags)");
        line("REF", "folio refcount atomic that returns a value (a put)");
        line("MAP", "mapcount atomic (_mapcount, _large_mapcount, _nr_pages_mapped), fork's excepted");
        line("AE", "PageAnonExclusive test, clear or set on one subpage");
        line("PTL", "page-table spinlock taken and released");
        line("RMAPLOCK", "anon_vma / i_mmap rwsem taken for write");
        line("TLBI_VA", "arm64 broadcast TLBI of one page");
        line("TLBI_RANGE", "arm64 range TLBI (FEAT_TLBIRANGE)");
        line("TLBI_ASID", "arm64 TLBI of the whole mm (ASIDE1IS)");
        line("DSB", "arm64 dsb ish waiting for broadcast TLBIs");
        line("INVLPG", "x86 invalidation of one page on one CPU");
        line("X86_FULL", "x86 full flush of the mm on one CPU");
        line("IPI", "x86 shootdown IPI, one per other CPU");
        line("INVLPGB", "AMD INVLPGB broadcast invalidation");
        line("TLBSYNC", "AMD TLBSYNC waiting for this CPU's INVLPGBs");
        line("FOLD", "arm64 contpte_convert to CONT");
        line("UNFOLD", "arm64 contpte_convert to non-CONT");
        line("NOTIFIER", "mmu_notifier invalidate_range start/end pair");
        line("PTEP_GET", "calls of ptep_get (their loads count as PTE_R)");
        line("PAGE_ALLOC", "page allocation (a folio or page-table page)");
        line("PAGE_ZERO", "base page zeroed");
        line("PT_ALLOC", "page-table page allocated");
        line("PT_FREE", "page-table page freed");
        line("SYSCALL", "syscall entry and exit");
        line("VMA_WALK", "descent of the VMA tree from its root");
        line("VMA_STORE", "write of the VMA tree, with its node work");
        line("VMA_ALLOC", "VMA or anon_vma_chain slab object, its free included");
        line("PTE_ITER", "loop work of one fork/zap iteration over a present entry");
        line("PTE_ENTRY", "loop work per entry of a fork/zap iteration");
        line("PTE_BATCH", "loop work of one folio_pte_batch call");
        line("FOLIO_FREE", "folio given back to the page allocator");
        line("TAIL_FREE", "check and reset of one tail page when its folio is freed");
        line("EXC", "exception entry and exit of one user page fault");
        line("VMA_LOCK", "per-VMA read lock of a fault, taken and released");
        line("MEMCG", "memcg charge or uncharge of one folio");
        line("MM_COUNTER", "per-CPU add to the mm's RSS counter");
        line("LRU_LOCK", "lruvec LRU lock, taken and released");
        line("ZONE_LOCK", "zone free-list lock of the buddy allocator, taken and released");
        line("SP_W", "plain store to a struct page (LRU link or unlink)");
        line("BUDDY", "buddy allocator split or merge step on a buddy's struct page");
        line("TAIL_PREP", "set-up of one tail page of a new large folio");
        line("VMA_LINE", "load or store of a VMA, anon_vma or anon_vma_chain line");
        line("MT_LINE", "load or store of a maple-tree node line of the VMA tree");
        line("SPLIT_QUEUE", "deferred split queue lock with one folio's list add or delete");
        line("SHADOW_FILL", "first access through a leaf entry a fault wrote (a hypervisor's shadow fill)");
        line("SHADOW_SYNC", "present entry changed by mprotect's clear-then-set (shadow resync)");
        line("LRUVEC_STAT", "node and memcg statistic of a folio (NR_ANON_MAPPED, ...) updated");
        line("MMAP_LOCK", "mmap lock of a mapping syscall, taken and released");
        line("KOBJ_LINE", "load or store of an mm_struct, struct file or address_space line");
        line("FILE_REF", "get_file or fput: an atomic on a file's reference count");
        line("SWAP_CACHE_R", "free_swap_cache's read of a gathered page's or its folio's struct page line");
        line("REF_POSTED", "folio refcount atomic without a return (folio_get, folio_ref_add; arm64 STADD)");
        line("MAP_POSTED", "mapcount atomic without a return (fork's duplication; arm64 STADD)");
        line("AE_POSTED", "PageAnonExclusive clear without a return (fork; arm64 STCLR)");
        line("SHADOW_SYNC_RMW", "present entry changed by one locked update: fork's write-protect (shadow resync)");
        line("UNCHARGE_BATCH", "memcg uncharge_batch of a folio freed alone (page_counter atomics per level)");
        line("SHRINKER_BIT", "set_shrinker_bit's atomic when a folio is queued for deferred split");
        line("SHADOW_LEAF_RMW", "PMD leaf write-protected by fork (shadow resync beyond one entry's)");
    }

    private PrimitiveLegend() {
    }

    private static void line(String name, String meaning) {
        LINES.put(name, meaning);
    }

    /** The meaning of a primitive name, or null for a name without one. */
    public static String of(String name) {
        return LINES.get(name);
    }

    /** Names and meanings in the order of {@code Primitive}. */
    public static Map<String, String> all() {
        return java.util.Collections.unmodifiableMap(LINES);
    }

    /** {@code NAME  meaning} lines, names padded to one column, each line indented. */
    public static String text(String indent) {
        int width = LINES.keySet().stream().mapToInt(String::length).max().orElse(0);
        StringBuilder out = new StringBuilder();
        LINES.forEach((k, v) -> out.append(indent).append(k).append(" ".repeat(width - k.length() + 2)).append(v).append('\n'));
        return out.toString();
    }
}
