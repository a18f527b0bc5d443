package org.ptreplay.core.paths;

import org.ptreplay.core.kernel.Primitive;
import org.ptreplay.core.kernel.ZapPtesContext;
import org.ptreplay.core.mm.Cell;

/** The {@link ZapPtesContext} of one {@code zap_pte_range} call; reused across calls. */
final class ZapPtesCtx extends PteOpsBase implements ZapPtesContext {
    private long addr;
    private long end;
    private long ptep;
    private MmuGather tlb;

    ZapPtesCtx(Cell cell) {
        super(cell);
    }

    void reset(MmuGather gather, long addr, long end, long ptep) {
        this.tlb = gather;
        this.mm = gather.mm();
        this.addr = addr;
        this.end = end;
        this.ptep = ptep;
    }

    @Override
    public long addr() {
        return addr;
    }

    @Override
    public long end() {
        return end;
    }

    @Override
    public long ptep() {
        return ptep;
    }

    @Override
    public boolean fullMm() {
        return tlb.fullMm();
    }


    @Override
    public void tlbRemoveTlbEntries(long a, int nr) {
        tlb.removeTlbEntries(a, nr);
    }

    @Override
    public void folioRemoveRmapPtes(long folio, long pagePfn, int nr) {
        if (phys.order(folio) == 0) {
            touchPage(Primitive.MAP, folio);
            phys.addMapcount(folio, -1);
            return;
        }
        for (int i = 0; i < nr; i++) {
            if (cell.pageMapcount) {
                touchPage(Primitive.MAP, pagePfn + i);
            }
            phys.addMapcount(pagePfn + i, -1);
        }
        // _large_mapcount, plus _nr_pages_mapped with CONFIG_PAGE_MAPCOUNT, both in page[1].
        touchPage(Primitive.MAP, folio + 1);
        if (cell.pageMapcount) {
            touchPage(Primitive.MAP, folio + 1);
        }
        phys.addLargeMapcount(folio, -nr);
    }

    @Override
    public boolean tlbRemoveFolioPages(long pagePfn, int nr) {
        return tlb.removeFolioPages(pagePfn, nr);
    }

    @Override
    public void addRss(int nr) {
        // A local counter array in the kernel: nothing to count.
    }

}
