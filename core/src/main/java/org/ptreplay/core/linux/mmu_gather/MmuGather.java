package org.ptreplay.core.linux.mmu_gather;

import java.util.Arrays;
import org.ptreplay.spi.ops.Frame;
import org.ptreplay.spi.ops.Ledger;
import org.ptreplay.spi.ops.Primitive;
import org.ptreplay.core.mem.PhysMem;
import org.ptreplay.core.state.KernelState;
import org.ptreplay.core.state.Mm;
import org.ptreplay.core.linux.page_alloc.FolioFree;

/**
 * The {@code mmu_gather} of one teardown (mm/mmu_gather.c, docs/kernel-model.md §4.2): the range
 * to flush, the cleared levels, the pages to free after the flush and the page tables to free.
 *
 * <p>Capacity: 8 on-stack slots ({@code MMU_GATHER_BUNDLE}) then up to
 * {@code MAX_GATHER_BATCH_COUNT = 10000 / MAX_GATHER_BATCH} batch pages of
 * {@code MAX_GATHER_BATCH = (PAGE_SIZE - 16) / 8} slots (19 pages of 510 with 4K pages). A batch
 * moves on once fewer than two slots are left, so a two-slot entry always fits (6.9,
 * {@code __tlb_remove_folio_pages_size}); when no batch page can be added the caller must flush.
 * Batch pages survive flushes and are freed in {@code tlb_finish_mmu}.
 */
public final class MmuGather {
    private static final Frame TLB_FLUSH_MMU = Frame.of("tlb_flush_mmu");
    private static final Frame TLB_FLUSH_MMU_TLBONLY = Frame.of("tlb_flush_mmu_tlbonly");
    private static final Frame TLB_BATCH_PAGES_FLUSH = Frame.of("tlb_batch_pages_flush");
    private static final Frame TLB_TABLE_FLUSH = Frame.of("tlb_table_flush");
    private static final Frame TLB_FINISH_MMU = Frame.of("tlb_finish_mmu");
    private static final int LOCAL_SLOTS = 8;
    /** {@code SWAP_CLUSTER_MAX} (include/linux/swap.h): ≤ 6.8 release_pages' lock batch. */
    private static final int SWAP_CLUSTER_MAX = 32;

    private final KernelState cell;
    private final Ledger ledger;
    private final Mm mm;
    private final boolean fullMm;
    private final boolean releasePages;
    private final int batchMax;
    private final int maxBatchCount;
    private long start;
    private long end;
    private boolean freedTables;
    private boolean clearedPtes;
    private boolean clearedPmds;
    private boolean clearedPuds;
    private boolean clearedP4ds;
    private final int[] batchNr;
    private final long[] batchPages;
    private int batchCount;
    private int active;
    /**
     * The queued pages, grown on demand up to the gather's capacity (9,698 slots with 4K pages):
     * most teardowns queue a handful, and a fixed-size pair of arrays would be 116 KB per munmap.
     */
    private long[] queuedPfn = new long[LOCAL_SLOTS];
    private int[] queuedNr = new int[LOCAL_SLOTS];
    private int queued;
    private long[] tables = new long[16];
    private int tableCount;

    /**
     * @param releasePages the flush releases through ≤ 6.8's {@code release_pages}, which looks
     *                     every entry's folio up again after the {@code free_swap_cache} pass,
     *                     holds the lruvec lock for up to {@code SWAP_CLUSTER_MAX} entries and
     *                     frees a large folio alone through {@code __folio_put_large}, with a lock
     *                     of its own; since 6.9 ("mm: convert free_pages_and_swap_cache() to use
     *                     folios_put()", "mm: allow non-hugetlb large folios to be batch
     *                     processed", Matthew Wilcox) one pass per {@code folio_batch} looks each
     *                     entry up once and hands the folios, large ones included, to
     *                     {@code folios_put_refs} (docs/kernel-model.md §4.2, §4.4)
     */
    public MmuGather(KernelState cell, Mm mm, boolean fullMm, boolean releasePages) {
        this.cell = cell;
        this.ledger = cell.ledger;
        this.mm = mm;
        this.fullMm = fullMm;
        this.releasePages = releasePages;
        this.batchMax = (int) ((cell.pageSize() - 16) / 8);
        this.maxBatchCount = 10000 / batchMax;
        this.batchNr = new int[maxBatchCount + 1];
        this.batchPages = new long[maxBatchCount + 1];
        resetRange();
    }

    public boolean fullMm() {
        return fullMm;
    }

    public Mm mm() {
        return mm;
    }

    /** {@code tlb_remove_tlb_entries}: PTEs of [addr, addr + nr pages) were cleared. */
    public void removeTlbEntries(long addr, int nr) {
        adjust(addr, addr + ((long) nr << cell.pageShift()));
        clearedPtes = true;
    }

    /** {@code tlb_remove_pmd_tlb_entry}: a PMD leaf was cleared. */
    public void removePmdEntry(long addr) {
        flushPmdRange(addr);
    }

    /** {@code tlb_flush_pmd_range(tlb, addr, HPAGE_PMD_SIZE)}: a PMD leaf changed (cleared or re-protected). */
    public void flushPmdRange(long addr) {
        adjust(addr, addr + cell.geo.pmdSize());
        clearedPmds = true;
    }

    /**
     * {@code __tlb_remove_folio_pages}: one slot for a single page, two for a batch.
     *
     * @return true when the gather is full and must be flushed before more pages are added
     */
    public boolean removeFolioPages(long pagePfn, int nr) {
        if (queued == queuedPfn.length) {
            // Never past the capacity: the batch accounting below stops the caller first.
            queuedPfn = Arrays.copyOf(queuedPfn, queued * 2);
            queuedNr = Arrays.copyOf(queuedNr, queued * 2);
        }
        queuedPfn[queued] = pagePfn;
        queuedNr[queued++] = nr;
        batchNr[active] += nr == 1 ? 1 : 2;
        int max = active == 0 ? LOCAL_SLOTS : batchMax;
        if (batchNr[active] >= max - 1) {
            return !nextBatch();
        }
        return false;
    }

    /**
     * {@code pte_free_tlb} and friends: the table of {@code tableLevel} (1 = PTE table) mapping
     * {@code addr} was unlinked; it is freed after the TLB flush.
     */
    public void freeTable(long addr, long pfn, int tableLevel) {
        adjust(addr, addr + cell.pageSize());
        freedTables = true;
        switch (tableLevel) {
            case 1 -> clearedPmds = true;
            case 2 -> clearedPuds = true;
            default -> clearedP4ds = true;
        }
        if (tableCount == tables.length) {
            tables = Arrays.copyOf(tables, tableCount * 2);
        }
        tables[tableCount++] = pfn;
    }

    /** Something was cleared or freed since the last flush: {@link #flushTlbOnly} would flush. */
    public boolean hasRange() {
        return freedTables || clearedPtes || clearedPmds || clearedPuds || clearedP4ds;
    }

    /** {@code tlb_flush_mmu_tlbonly}: the arch flush over the gathered range, if anything was cleared. */
    public void flushTlbOnly() {
        if (!hasRange()) {
            return;
        }
        ledger.enter(TLB_FLUSH_MMU_TLBONLY);
        cell.arch.tlbFlush(mm, start, end, unmapShift(), freedTables, fullMm);
        ledger.exit(TLB_FLUSH_MMU_TLBONLY);
        resetRange();
    }

    /** {@code tlb_flush_mmu}: flush, then free the gathered tables and pages. */
    public void flush() {
        ledger.enter(TLB_FLUSH_MMU);
        flushTlbOnly();
        freeGathered();
        ledger.exit(TLB_FLUSH_MMU);
    }

    /** {@code tlb_finish_mmu}: the final flush and free, then the batch pages go back. */
    public void finish() {
        ledger.enter(TLB_FINISH_MMU);
        flush();
        for (int i = 1; i <= batchCount; i++) {
            cell.phys.free(batchPages[i]);
        }
        batchCount = 0;
        ledger.exit(TLB_FINISH_MMU);
    }

    private void freeGathered() {
        if (tableCount > 0) {
            ledger.enter(TLB_TABLE_FLUSH);
            for (int i = 0; i < tableCount; i++) {
                cell.mem.freeTable(tables[i]);
                ledger.charge(Primitive.PT_FREE);
            }
            tableCount = 0;
            ledger.exit(TLB_TABLE_FLUSH);
        }
        if (queued > 0) {
            ledger.enter(TLB_BATCH_PAGES_FLUSH);
            PhysMem phys = cell.phys;
            int chunk = cell.lruAdd.capacity();
            // free_pages_and_swap_cache (mm/swap_state.c): free_swap_cache over the entries, then
            // the release. ≤ 6.8 runs the first pass over every entry of the gather before
            // release_pages; since 6.9 both run per folio_batch.
            int span = releasePages ? queued : chunk;
            boolean locked = false;
            int lockBatch = 0;
            for (int from = 0; from < queued; from += span) {
                int to = Math.min(queued, from + span);
                freeSwapCache(phys, from, to);
                for (int i = from; i < to; i++) {
                    if (releasePages) {
                        // release_pages drops the lruvec lock once SWAP_CLUSTER_MAX entries went
                        // by under it, freed or not.
                        if (locked && ++lockBatch == SWAP_CLUSTER_MAX) {
                            locked = false;
                        }
                        // page_folio of the gathered page again, on its own line.
                        ledger.touch(Primitive.SP_R, PhysMem.vmemmap(queuedPfn[i]));
                    } else if (i % chunk == 0) {
                        // folios_put_refs: one lock per folio_batch in which a folio is freed,
                        // kept to the batch's end (docs/kernel-model.md §4.4).
                        locked = false;
                    }
                    // One refcount drop of nr per entry, on the head's line; the last reference
                    // frees the folio.
                    long head = phys.head(queuedPfn[i]);
                    ledger.touch(Primitive.REF, PhysMem.vmemmap(head));
                    if (phys.addRef(head, -queuedNr[i]) == 0) {
                        if (releasePages && phys.order(head) > 0) {
                            // ≤ 6.8 release_pages hands a large folio to __folio_put_large on its
                            // own: the held lock is dropped, __page_cache_release takes and drops
                            // the lruvec lock for this folio alone, and destroy_large_folio's
                            // mem_cgroup_uncharge runs an uncharge_batch for it alone
                            // (docs/kernel-model.md §4.4).
                            locked = false;
                            ledger.charge(Primitive.LRU_LOCK);
                            ledger.charge(Primitive.UNCHARGE_BATCH);
                        } else if (!locked) {
                            ledger.charge(Primitive.LRU_LOCK);
                            locked = true;
                            lockBatch = 0;
                        }
                        FolioFree.free(cell, head);
                    }
                }
            }
            queued = 0;
            ledger.exit(TLB_BATCH_PAGES_FLUSH);
        }
        Arrays.fill(batchNr, 0);
        active = 0;
    }

    /**
     * {@code free_swap_cache} of entries [from, to): {@code page_folio} reads the gathered page's
     * own struct page ({@code compound_head}), {@code folio_test_swapcache} its head's flags — one
     * line for a head or order-0 page, two for a tail page. An anon folio outside the swap cache
     * goes no further (docs/kernel-model.md §4.2).
     */
    private void freeSwapCache(PhysMem phys, int from, int to) {
        for (int i = from; i < to; i++) {
            long page = queuedPfn[i];
            long head = phys.head(page);
            ledger.touch(Primitive.SWAP_CACHE_R, PhysMem.vmemmap(page));
            if (head != page) {
                ledger.touch(Primitive.SWAP_CACHE_R, PhysMem.vmemmap(head));
            }
        }
    }

    /** {@code tlb_next_batch}: move to the next batch page, allocating one if allowed. */
    private boolean nextBatch() {
        if (active < batchCount) {
            active++;
            return true;
        }
        if (batchCount == maxBatchCount) {
            return false;
        }
        batchPages[++batchCount] = cell.phys.alloc(0, PhysMem.KIND_KERNEL);
        ledger.charge(Primitive.PAGE_ALLOC);
        active = batchCount;
        return true;
    }

    /** {@code tlb_get_unmap_shift}: the smallest level that was cleared. */
    private int unmapShift() {
        if (clearedPtes) {
            return cell.pageShift();
        }
        if (clearedPmds) {
            return cell.geo.pmdShift();
        }
        if (clearedPuds) {
            return cell.geo.pudShift();
        }
        if (clearedP4ds) {
            return cell.geo.pudShift() + cell.geo.tableBits();
        }
        return cell.pageShift();
    }

    private void adjust(long s, long e) {
        start = Math.min(start, s);
        end = Math.max(end, e);
    }

    private void resetRange() {
        start = Long.MAX_VALUE;
        end = 0;
        freedTables = false;
        clearedPtes = false;
        clearedPmds = false;
        clearedPuds = false;
        clearedP4ds = false;
    }
}
