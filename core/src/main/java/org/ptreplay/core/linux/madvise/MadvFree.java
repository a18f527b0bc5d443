package org.ptreplay.core.linux.madvise;

import org.ptreplay.spi.ops.Frame;
import org.ptreplay.spi.ops.Primitive;
import org.ptreplay.spi.ops.Pte;
import org.ptreplay.spi.ops.PteOps;
import org.ptreplay.core.mem.PhysMem;
import org.ptreplay.core.state.KernelState;
import org.ptreplay.core.state.Mm;

/**
 * MADV_FREE ({@code madvise_free_pte_range}, mm/madvise.c). Unlike MADV_DONTNEED it frees nothing
 * now: for each present entry mapping a small anon folio mapped only here, a young or dirty entry
 * is cleared and rewritten old and clean ({@code ptep_get_and_clear_full} + {@code set_pte_at})
 * and the folio is marked lazyfree; the TLB range is flushed at the end. Reclaim would later free
 * clean lazyfree folios, but the model has no reclaim, so the pages stay mapped. Entries of large
 * folios are left alone (the kernel tries to split them first; not modelled).
 */
final class MadvFree {
    private static final Frame MADVISE_FREE_PTE_RANGE = Frame.of("madvise_free_pte_range");

    private final KernelState cell;

    MadvFree(KernelState cell) {
        this.cell = cell;
    }

    void free(Mm mm, long start, long end) {
        var ledger = cell.ledger;
        ledger.enter(MADVISE_FREE_PTE_RANGE);
        ledger.charge(Primitive.NOTIFIER);
        long page = cell.pageSize();
        long flushStart = Long.MAX_VALUE;
        long flushEnd = 0;
        for (long a = start; a < end; a += page) {
            long ptep = cell.walk.entry(mm.pgd(), a, 1);
            if (ptep < 0) {
                a = (a | (cell.geo.pmdSize() - 1)) + 1 - page;
                continue;
            }
            if (cell.mem.indexOf(ptep) == 0 || a == start) {
                ledger.charge(Primitive.PTL);
            }
            long pte = cell.arch.ptepGet(ptep);
            if (!Pte.present(pte) || Pte.special(pte)) {
                continue;
            }
            long folio = cell.mem.pageFolio(Pte.pfn(pte));
            if (folio == PteOps.NO_FOLIO || cell.phys.kind(folio) != PhysMem.KIND_ANON
                    || cell.phys.order(folio) != 0 || cell.phys.folioMapcount(folio) != 1) {
                continue;
            }
            if (Pte.young(pte) || Pte.dirty(pte)) {
                long old = cell.arch.getAndClearFullPtes(mm, a, ptep, 1, false);
                cell.arch.setPtes(mm, a, ptep, Pte.mkclean(Pte.mkold(old)), 1);
                flushStart = Math.min(flushStart, a);
                flushEnd = a + page;
            }
            // folio_mark_lazyfree: clears the swap-backed flag and moves the folio to the file LRU.
            ledger.touch(Primitive.SP_ATOM, PhysMem.vmemmap(folio));
        }
        if (flushEnd > 0) {
            cell.arch.flushTlbRange(mm, flushStart, flushEnd, cell.pageShift(), true, false);
        }
        ledger.exit(MADVISE_FREE_PTE_RANGE);
    }
}
