package org.ptreplay.core.linux.memory;

import org.ptreplay.spi.ops.CopyPtesContext;
import org.ptreplay.spi.ops.MmView;
import org.ptreplay.spi.ops.Primitive;
import org.ptreplay.core.state.KernelState;
import org.ptreplay.core.state.Mm;
import org.ptreplay.core.linux.pgtable.PteOpsBase;
import org.ptreplay.core.linux.rmap.Rmap;

/** The {@link CopyPtesContext} of one {@code copy_pte_range} call; reused across calls. */
final class CopyPtesCtx extends PteOpsBase implements CopyPtesContext {
    private long addr;
    private long end;
    private long srcPtep;
    private long dstPtep;
    private long dstTable;
    private boolean cow;
    private boolean shared;
    private Mm child;

    CopyPtesCtx(KernelState cell) {
        super(cell);
    }

    void reset(Mm parent, Mm child, long addr, long end, long srcPtep, long dstPtep, boolean cow, boolean shared) {
        this.mm = parent;
        this.child = child;
        this.addr = addr;
        this.end = end;
        this.srcPtep = srcPtep;
        this.dstPtep = dstPtep;
        this.dstTable = cell.mem.tablePfnOf(dstPtep);
        this.cow = cow;
        this.shared = shared;
    }

    @Override
    protected MmView mmOf(long ptep) {
        return cell.mem.tablePfnOf(ptep) == dstTable ? child : mm;
    }

    /**
     * Every iteration of the loop over a present entry looks its folio up exactly once, per entry
     * or per batch (copy_present_ptes), so the iteration's instruction work is charged here: one
     * {@link Primitive#PTE_ITER} (docs/kernel-model.md §0).
     */
    @Override
    protected long normalFolio(long a, long pte) {
        ledger.charge(Primitive.PTE_ITER);
        return super.normalFolio(a, pte);
    }

    /**
     * Every iteration ends in exactly one {@code set_ptes} of its {@code nr} child entries (per
     * entry in 6.8, per batch since 6.9), so the per-entry instruction work of the iteration is
     * charged here: one {@link Primitive#PTE_ENTRY} of {@code nr}.
     */
    @Override
    public void setPtes(long a, long ptep, long pte, int nr) {
        ledger.charge(Primitive.PTE_ENTRY, nr);
        super.setPtes(a, ptep, pte, nr);
    }

    /** {@code folio_pte_batch}'s set-up: one {@link Primitive#PTE_BATCH} per call. */
    @Override
    protected int pteBatch(long folio, long ptep, long pte, int maxNr, int flags) {
        ledger.charge(Primitive.PTE_BATCH);
        return super.pteBatch(folio, ptep, pte, maxNr, flags);
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
    public long srcPtep() {
        return srcPtep;
    }

    @Override
    public long dstPtep() {
        return dstPtep;
    }

    @Override
    public boolean cow() {
        return cow;
    }

    @Override
    public boolean shared() {
        return shared;
    }


    @Override
    public boolean softDirtyTracking() {
        // Soft-dirty tracking is only on after a clear_refs write, which traces do not carry.
        return false;
    }

    // folio_get and folio_ref_add are atomic_inc and atomic_add (include/linux/page_ref.h): no
    // return value, the posted kind (arm64 STADD, docs/kernel-model.md §4.6).
    @Override
    public void folioGet(long folio) {
        touchPage(Primitive.REF_POSTED, folio);
        phys.addRef(folio, 1);
    }

    @Override
    public void folioRefAdd(long folio, int nr) {
        touchPage(Primitive.REF_POSTED, folio);
        phys.addRef(folio, nr);
    }

    @Override
    public void folioDupAnonRmapPtes(long folio, long pagePfn, int nr) {
        Rmap.dupPtes(cell, folio, pagePfn, nr, true);
    }

    @Override
    public void folioDupFileRmapPtes(long folio, long pagePfn, int nr) {
        Rmap.dupPtes(cell, folio, pagePfn, nr, false);
    }

    @Override
    public void addRss(int nr) {
        // A local counter array in the kernel: nothing to count.
    }
}
