package org.ptreplay.core.linux.rmap;

import org.ptreplay.spi.ops.Frame;
import org.ptreplay.spi.ops.Ledger;
import org.ptreplay.spi.ops.Primitive;
import org.ptreplay.core.mem.PhysMem;
import org.ptreplay.core.state.KernelState;

/**
 * The mapcount side of the PTE-level rmap calls of mm/rmap.c, for every release the presets name
 * (docs/kernel-model.md §0, MAP±). Which counters of a large folio an rmap batch touches changed
 * twice:
 * <ul>
 *   <li>up to 6.9 a large folio has per-page {@code _mapcount}s and {@code _nr_pages_mapped}, which
 *       an add or remove updates once per page whose own mapcount leaves or reaches "unmapped";
 *       a fork duplication touches the per-page counts only;</li>
 *   <li>6.10 adds the folio-wide {@code _large_mapcount}, one atomic per batch on add, duplicate
 *       and remove (05c5323b2a34, {@link KernelState#largeMapcount});</li>
 *   <li>6.12 updates {@code _nr_pages_mapped} once per batch with the sum (Message-ID
 *       20240807115515.1640951-1-david@redhat.com, {@code KernelConfig.nrPagesMappedBatched}).</li>
 * </ul>
 * Both folio-wide counters live in page[1]. Without CONFIG_PAGE_MAPCOUNT (6.15+) a large folio
 * keeps neither the per-page counts nor {@code _nr_pages_mapped}.
 */
public final class Rmap {
    private static final Frame DEFERRED_SPLIT_FOLIO = Frame.of("deferred_split_folio");

    private Rmap() {
    }

    /**
     * {@code folio_try_dup_anon_rmap_ptes} ({@code anon}) or {@code folio_dup_file_rmap_ptes}: per
     * page the AnonExclusive clear (anon: parent and child now share the page) and the per-page
     * mapcount, in one loop as the kernel does; since 6.10 the large mapcount once. None of these
     * atomics returns a value ({@code ClearPageAnonExclusive} is {@code clear_bit},
     * {@code atomic_inc(&page->_mapcount)}, {@code atomic_add(nr, &folio->_large_mapcount)} in
     * {@code __folio_try_dup_anon_rmap} / {@code __folio_dup_file_rmap}, include/linux/rmap.h),
     * so they are the posted kind: arm64 STCLR and STADD (docs/kernel-model.md §4.6).
     */
    public static void dupPtes(KernelState cell, long folio, long pagePfn, int nr, boolean anon) {
        PhysMem phys = cell.phys;
        boolean large = phys.order(folio) > 0;
        for (int i = 0; i < nr; i++) {
            if (anon) {
                cell.ledger.touch(Primitive.AE_POSTED, PhysMem.vmemmap(pagePfn + i));
                phys.setAnonExclusive(pagePfn + i, false);
            }
            if (!large || cell.config.pageMapcount()) {
                cell.ledger.touch(Primitive.MAP_POSTED, PhysMem.vmemmap(pagePfn + i));
            }
            phys.addMapcount(pagePfn + i, 1);
        }
        if (large) {
            if (cell.config.largeMapcount()) {
                cell.ledger.touch(Primitive.MAP_POSTED, PhysMem.vmemmap(folio + 1));
            }
            phys.addLargeMapcount(folio, nr);
        }
    }

    /**
     * {@code folio_remove_rmap_ptes}: the per-page counts, {@code _nr_pages_mapped}, the large
     * mapcount, the mapped-pages statistic when pages lost their last mapping (one
     * {@link Primitive#LRUVEC_STAT} per call, so per PTE before the 6.9 batching) and the
     * deferred split queueing of {@code __folio_remove_rmap}.
     */
    public static void removePtes(KernelState cell, long folio, long pagePfn, int nr) {
        PhysMem phys = cell.phys;
        if (phys.order(folio) == 0) {
            touch(cell.ledger, folio);
            phys.addMapcount(folio, -1);
            if (phys.mapcount(folio) == 0) {
                // The page's last mapping went: NR_ANON_MAPPED / NR_FILE_MAPPED less one.
                cell.ledger.charge(Primitive.LRUVEC_STAT);
            }
            return;
        }
        if (cell.config.largeMapcount()) {
            touch(cell.ledger, folio + 1);
        }
        phys.addLargeMapcount(folio, -nr);
        int last = 0;
        int unmapped = 0;
        for (int i = 0; i < nr; i++) {
            phys.addMapcount(pagePfn + i, -1);
            if (phys.mapcount(pagePfn + i) == 0) {
                unmapped++;
            }
            if (cell.config.pageMapcount()) {
                touch(cell.ledger, pagePfn + i);
                if (phys.mapcount(pagePfn + i) == 0) {
                    last++;
                    if (!cell.config.nrPagesMappedBatched()) {
                        // _nr_pages_mapped, decremented as each page's last mapping goes.
                        touch(cell.ledger, folio + 1);
                    }
                }
            }
        }
        if (last > 0 && cell.config.nrPagesMappedBatched()) {
            touch(cell.ledger, folio + 1);
        }
        if (unmapped > 0) {
            // __lruvec_stat_mod_folio(folio, NR_ANON_MAPPED or NR_FILE_MAPPED, -nr): once per call.
            cell.ledger.charge(Primitive.LRUVEC_STAT);
        }
        if (unmapped > 0 && phys.order(folio) >= 2 && phys.kind(folio) == PhysMem.KIND_ANON
                && (!cell.config.deferredSplitPartialOnly() || phys.folioMapcount(folio) > 0)) {
            deferredSplitFolio(cell, folio);
        }
    }

    /**
     * {@code deferred_split_folio} (mm/huge_memory.c), as {@code __folio_remove_rmap} calls it
     * when a PTE-level removal unmapped pages of a large anon folio: up to 6.9 always, since 6.10
     * only while the folio stays partially mapped (docs/kernel-model.md §4.6). Orders 0 and 1 have
     * no list; a queued folio returns at the {@code list_empty} test, a read of page[2]'s line,
     * which the removal's own per-page work has just touched (not charged). Otherwise the queue
     * lock and the list add on page[2], where {@code _deferred_list} lives; the queue's previous
     * tail, written too, is the folio queued just before and taken as hot. Under the lock the add
     * marks the memcg's shrinker map ({@code set_shrinker_bit}, mm/shrinker.c since 6.7: a
     * {@code set_bit} for a task outside the root memcg, {@link Primitive#SHRINKER_BIT}).
     */
    private static void deferredSplitFolio(KernelState cell, long folio) {
        if (!cell.deferredSplit.add(folio)) {
            return;
        }
        Ledger ledger = cell.ledger;
        ledger.enter(DEFERRED_SPLIT_FOLIO);
        ledger.charge(Primitive.SPLIT_QUEUE);
        ledger.touch(Primitive.SP_W, PhysMem.vmemmap(folio + 2));
        ledger.charge(Primitive.SHRINKER_BIT);
        ledger.exit(DEFERRED_SPLIT_FOLIO);
    }

    private static void touch(Ledger ledger, long pfn) {
        ledger.touch(Primitive.MAP, PhysMem.vmemmap(pfn));
    }
}
