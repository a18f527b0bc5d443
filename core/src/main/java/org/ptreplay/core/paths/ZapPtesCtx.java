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

    /**
     * Every iteration of the loop over a present entry looks its folio up exactly once, per entry
     * or per batch (zap_present_ptes), so the iteration's instruction work is charged here: one
     * {@link Primitive#PTE_ITER} (docs/kernel-model.md §0).
     */
    @Override
    public long vmNormalFolio(long a, long pte) {
        ledger.charge(Primitive.PTE_ITER);
        return super.vmNormalFolio(a, pte);
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
        Rmap.removePtes(cell, folio, pagePfn, nr);
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
