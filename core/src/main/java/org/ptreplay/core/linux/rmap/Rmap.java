package org.ptreplay.core.linux.rmap;

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
    private Rmap() {
    }

    /**
     * {@code folio_try_dup_anon_rmap_ptes} ({@code anon}) or {@code folio_dup_file_rmap_ptes}: per
     * page the AnonExclusive clear (anon: parent and child now share the page) and the per-page
     * mapcount, in one loop as the kernel does; since 6.10 the large mapcount once.
     */
    public static void dupPtes(KernelState cell, long folio, long pagePfn, int nr, boolean anon) {
        PhysMem phys = cell.phys;
        boolean large = phys.order(folio) > 0;
        for (int i = 0; i < nr; i++) {
            if (anon) {
                cell.ledger.touch(Primitive.AE, PhysMem.vmemmap(pagePfn + i));
                phys.setAnonExclusive(pagePfn + i, false);
            }
            if (!large || cell.config.pageMapcount()) {
                touch(cell.ledger, pagePfn + i);
            }
            phys.addMapcount(pagePfn + i, 1);
        }
        if (large) {
            if (cell.config.largeMapcount()) {
                touch(cell.ledger, folio + 1);
            }
            phys.addLargeMapcount(folio, nr);
        }
    }

    /** {@code folio_remove_rmap_ptes}: the per-page counts, {@code _nr_pages_mapped}, the large mapcount. */
    public static void removePtes(KernelState cell, long folio, long pagePfn, int nr) {
        PhysMem phys = cell.phys;
        if (phys.order(folio) == 0) {
            touch(cell.ledger, folio);
            phys.addMapcount(folio, -1);
            return;
        }
        if (cell.config.largeMapcount()) {
            touch(cell.ledger, folio + 1);
        }
        phys.addLargeMapcount(folio, -nr);
        int last = 0;
        for (int i = 0; i < nr; i++) {
            phys.addMapcount(pagePfn + i, -1);
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
    }

    private static void touch(Ledger ledger, long pfn) {
        ledger.touch(Primitive.MAP, PhysMem.vmemmap(pfn));
    }
}
