package org.ptreplay.core.linux.memory;

import org.ptreplay.spi.ops.Primitive;
import org.ptreplay.spi.ops.ZapPtesContext;
import org.ptreplay.core.state.KernelState;
import org.ptreplay.core.linux.mmu_gather.MmuGather;
import org.ptreplay.core.linux.pgtable.PteOpsBase;
import org.ptreplay.core.linux.rmap.Rmap;

/** The {@link ZapPtesContext} of one {@code zap_pte_range} call; reused across calls. */
final class ZapPtesCtx extends PteOpsBase implements ZapPtesContext {
    private long addr;
    private long end;
    private long ptep;
    private MmuGather tlb;

    ZapPtesCtx(KernelState cell) {
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
    protected long normalFolio(long a, long pte) {
        ledger.charge(Primitive.PTE_ITER);
        return super.normalFolio(a, pte);
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


    /**
     * Every iteration over a present entry gathers its {@code nr} cleared entries exactly once
     * (per entry in 6.8, per batch since 6.9), so the per-entry instruction work of the iteration
     * is charged here: one {@link Primitive#PTE_ENTRY} of {@code nr}.
     */
    @Override
    public void tlbRemoveTlbEntries(long a, int nr) {
        ledger.charge(Primitive.PTE_ENTRY, nr);
        tlb.removeTlbEntries(a, nr);
    }

    /** {@code folio_pte_batch}'s set-up: one {@link Primitive#PTE_BATCH} per call. */
    @Override
    protected int pteBatch(long folio, long ptep, long pte, int maxNr, int flags) {
        ledger.charge(Primitive.PTE_BATCH);
        return super.pteBatch(folio, ptep, pte, maxNr, flags);
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
