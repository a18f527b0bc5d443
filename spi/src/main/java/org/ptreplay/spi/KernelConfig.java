package org.ptreplay.spi;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The kernel configuration switches a release implies, typed (issue 14): each is a rule of the
 * model that kernels changed, so a {@link KernelPreset} says which side its release is on.
 *
 * @param pageMapcount         CONFIG_PAGE_MAPCOUNT: per-page mapcounts of large folios exist
 *                             (every release up to 6.14; 6.15+ unless CONFIG_NO_PAGE_MAPCOUNT),
 *                             docs/kernel-model.md §0 (MAP±)
 * @param largeMapcount        the folio-wide {@code _large_mapcount}, one atomic per rmap batch
 *                             (05c5323b2a34, 6.10)
 * @param nrPagesMappedBatched {@code _nr_pages_mapped} updated once per rmap batch (Message-ID
 *                             20240807115515.1640951-1-david@redhat.com, 6.12)
 * @param mremapRealign        {@code try_realign_addr} in {@code move_page_tables} (af8ca1c14906,
 *                             6.7), docs/kernel-model.md §2.2
 * @param forkMtDup            {@code dup_mmap} copies the parent's VMA tree with {@code __mt_dup}
 *                             and overwrites its slots, instead of storing every VMA into an
 *                             empty tree (d24062914837, 6.8), docs/kernel-model.md §2.9
 * @param deferredSplitPartialOnly a PTE-level rmap removal queues a large anon folio for deferred
 *                             split only while it stays partially mapped (Zi Yan, "mm/rmap: do not
 *                             add fully unmapped large folio to deferred split list", Message-ID
 *                             20240502132852.862138-1-zi.yan@sent.com, 6.10); before, every
 *                             removal that unmapped a page queued it, docs/kernel-model.md §4.6
 * @param freeSwapCacheBatched {@code free_pages_and_swap_cache} looks each gathered entry up once
 *                             per {@code folio_batch} and hands the folios to
 *                             {@code folios_put_refs} (Matthew Wilcox, "mm: convert
 *                             free_pages_and_swap_cache() to use folios_put()", 6.9); before, a
 *                             {@code free_swap_cache} pass over the whole gather, then
 *                             {@code release_pages} looking every entry up again,
 *                             docs/kernel-model.md §4.2
 */
public record KernelConfig(boolean pageMapcount, boolean largeMapcount, boolean nrPagesMappedBatched,
                           boolean mremapRealign, boolean forkMtDup, boolean deferredSplitPartialOnly,
                           boolean freeSwapCacheBatched) {

    /** Current kernels: every switch on. */
    public static final KernelConfig CURRENT = new KernelConfig(true, true, true, true, true, true, true);

    /** The switches under their names in the JSON output ({@code page_mapcount=true}, …), sorted. */
    public SortedMap<String, String> asMap() {
        SortedMap<String, String> m = new TreeMap<>();
        m.put("deferred_split_partial_only", String.valueOf(deferredSplitPartialOnly));
        m.put("fork_mt_dup", String.valueOf(forkMtDup));
        m.put("free_swap_cache_batched", String.valueOf(freeSwapCacheBatched));
        m.put("large_mapcount", String.valueOf(largeMapcount));
        m.put("mremap_realign", String.valueOf(mremapRealign));
        m.put("nr_pages_mapped_batched", String.valueOf(nrPagesMappedBatched));
        m.put("page_mapcount", String.valueOf(pageMapcount));
        return Collections.unmodifiableSortedMap(m);
    }
}
