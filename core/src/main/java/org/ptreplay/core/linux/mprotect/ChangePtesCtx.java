package org.ptreplay.core.linux.mprotect;

import org.ptreplay.core.linux.mmu_gather.MmuGather;
import org.ptreplay.core.linux.pgtable.PteOpsBase;
import org.ptreplay.core.mem.PhysMem;
import org.ptreplay.core.state.KernelState;
import org.ptreplay.spi.ops.ChangePtesContext;
import org.ptreplay.spi.ops.Primitive;
import org.ptreplay.spi.ops.Pte;

/** The {@link ChangePtesContext} of one {@code change_pte_range} call (docs/kernel-model.md §4.5); reused across calls. */
final class ChangePtesCtx extends PteOpsBase implements ChangePtesContext {
    private long addr;
    private long end;
    private long ptep;
    private boolean write;
    private boolean shared;
    private boolean hiddenBitsChange;
    private MmuGather tlb;

    ChangePtesCtx(KernelState cell) {
        super(cell);
    }

    /**
     * @param hiddenBitsChange a read or exec change flips PROTNONE/NX bits that the simulated entry
     *                         does not carry, and x86's {@code pte_needs_flush} flushes for those
     */
    void reset(MmuGather gather, long addr, long end, long ptep, boolean write, boolean shared,
               boolean hiddenBitsChange) {
        this.tlb = gather;
        this.mm = gather.mm();
        this.addr = addr;
        this.end = end;
        this.ptep = ptep;
        this.write = write;
        this.shared = shared;
        this.hiddenBitsChange = hiddenBitsChange;
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

    /** The simulated entry carries only the write permission of the VMA's protection. */
    @Override
    public long pteModify(long pte) {
        return write ? pte : Pte.wrprotect(pte);
    }

    /**
     * mprotect passes MM_CP_TRY_CHANGE_WRITABLE when the new VMA is writable (no write-notify in
     * the model; docs/kernel-model.md §4.5).
     */
    @Override
    public boolean tryChangeWritable() {
        return write;
    }

    @Override
    public boolean shared() {
        return shared;
    }

    @Override
    public boolean pageAnonExclusive(long pfn) {
        if (!phys.isFolio(pfn) || phys.kind(phys.head(pfn)) != PhysMem.KIND_ANON) {
            return false;
        }
        touchPage(Primitive.AE, pfn);
        return phys.anonExclusive(pfn);
    }

    @Override
    public long ptepModifyProtStart(long a, long p) {
        return arch.ptepGetAndClear(mm, a, p);
    }

    @Override
    public void ptepModifyProtCommit(long a, long p, long oldPte, long pte) {
        arch.setPtes(mm, a, p, pte, 1);
        // The entry was present before ptep_modify_prot_start and is again: changed in place.
        ledger.charge(Primitive.SHADOW_SYNC);
    }

    @Override
    public long modifyProtStartPtes(long a, long p, int nr) {
        return arch.modifyProtStartPtes(mm, a, p, nr);
    }

    @Override
    public void modifyProtCommitPtes(long a, long p, long oldPte, long pte, int nr) {
        arch.modifyProtCommitPtes(mm, a, p, pte, nr);
        ledger.charge(Primitive.SHADOW_SYNC, nr);
    }

    @Override
    public boolean pteNeedsFlush(long oldPte, long newPte) {
        return hiddenBitsChange || arch.pteNeedsFlush(oldPte, newPte);
    }

    @Override
    public void tlbFlushPteRange(long a, int nr) {
        tlb.removeTlbEntries(a, nr);
    }

    /** {@code folio_pte_batch}'s set-up: one {@link Primitive#PTE_BATCH} per call, as in fork and zap. */
    @Override
    public int folioPteBatch(long folio, long p, long pte, int maxNr, int flags) {
        ledger.charge(Primitive.PTE_BATCH);
        return super.folioPteBatch(folio, p, pte, maxNr, flags);
    }
}
