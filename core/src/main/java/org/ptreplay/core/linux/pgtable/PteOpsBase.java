package org.ptreplay.core.linux.pgtable;

import org.ptreplay.spi.ops.ArchMmu;
import org.ptreplay.spi.ops.Frame;
import org.ptreplay.spi.ops.Ledger;
import org.ptreplay.spi.ops.MmView;
import org.ptreplay.spi.ops.PageTableGeometry;
import org.ptreplay.spi.ops.Primitive;
import org.ptreplay.spi.ops.Pte;
import org.ptreplay.spi.ops.PteOps;
import org.ptreplay.core.mem.PhysMem;
import org.ptreplay.core.state.KernelState;

/**
 * {@link PteOps} over a cell: the arch primitives bound to an mm, and the generic folio helpers
 * of include/linux/mm.h and mm/internal.h with their struct-page charges. Contexts extend it and
 * are reused from call to call, so a path allocates nothing per extent.
 */
public abstract class PteOpsBase implements PteOps {
    /*
     * The helpers that are kernel functions of their own open their frame here, not in the
     * strategies, so a plugin's charges land on the same paths as a built-in's doing the same
     * work (issue 17). The path then reads as a kernel profile shows it: move_ptes;...;vm_normal_folio.
     */
    /** mm/memory.c: pte to folio; copy, zap and mprotect reach the same code as vm_normal_page + page_folio. */
    private static final Frame VM_NORMAL_FOLIO = Frame.of("vm_normal_folio");
    /** mm/internal.h: the batch scan (folio_pte_batch_flags in 6.17 is the same function). */
    private static final Frame FOLIO_PTE_BATCH = Frame.of("folio_pte_batch");

    protected final KernelState cell;
    protected final ArchMmu arch;
    protected final PhysMem phys;
    protected final Ledger ledger;
    protected MmView mm;

    protected PteOpsBase(KernelState cell) {
        this.cell = cell;
        this.arch = cell.arch;
        this.phys = cell.phys;
        this.ledger = cell.ledger;
    }

    /** The mm that owns the table {@code ptep} is in; copy contexts span two mms. */
    protected MmView mmOf(long ptep) {
        return mm;
    }

    @Override
    public Ledger ledger() {
        return ledger;
    }

    @Override
    public PageTableGeometry geometry() {
        return cell.geo;
    }

    @Override
    public long ptepGet(long ptep) {
        return arch.ptepGet(ptep);
    }

    @Override
    public int pteBatchHint(long ptep, long pte) {
        return arch.pteBatchHint(ptep, pte);
    }

    @Override
    public long ptepGetAndClear(long addr, long ptep) {
        return arch.ptepGetAndClear(mmOf(ptep), addr, ptep);
    }

    @Override
    public long getAndClearFullPtes(long addr, long ptep, int nr, boolean full) {
        return arch.getAndClearFullPtes(mmOf(ptep), addr, ptep, nr, full);
    }

    @Override
    public void clearFullPtes(long addr, long ptep, int nr, boolean full) {
        arch.clearFullPtes(mmOf(ptep), addr, ptep, nr, full);
    }

    @Override
    public void setPtes(long addr, long ptep, long pte, int nr) {
        arch.setPtes(mmOf(ptep), addr, ptep, pte, nr);
    }

    @Override
    public void ptepSetWrprotect(long addr, long ptep) {
        arch.ptepSetWrprotect(mmOf(ptep), addr, ptep);
    }

    @Override
    public void wrprotectPtes(long addr, long ptep, int nr) {
        arch.wrprotectPtes(mmOf(ptep), addr, ptep, nr);
    }

    @Override
    public final long vmNormalFolio(long addr, long pte) {
        ledger.enter(VM_NORMAL_FOLIO);
        long folio = normalFolio(addr, pte);
        ledger.exit(VM_NORMAL_FOLIO);
        return folio;
    }

    /** {@code vm_normal_folio}'s work, charged inside its frame; a context adds its per-call charges here. */
    protected long normalFolio(long addr, long pte) {
        if (!Pte.present(pte) || Pte.special(pte)) {
            // pte_special is tested before the struct page is looked at (the zero page).
            return NO_FOLIO;
        }
        return cell.mem.pageFolio(Pte.pfn(pte));
    }

    @Override
    public boolean folioTestLarge(long folio) {
        return phys.order(folio) > 0;
    }

    @Override
    public boolean folioTestAnon(long folio) {
        return phys.kind(folio) == PhysMem.KIND_ANON;
    }

    @Override
    public int folioNrPages(long folio) {
        return cell.mem.folioNrPages(folio);
    }

    /**
     * {@code folio_pte_batch} (6.9 with its {@code any_writable} out-parameter, f8d937761d65; 6.17
     * {@code folio_pte_batch_flags} with FPB_MERGE_WRITE): with {@link #FPB_MERGE_WRITE} the write bit
     * of the first entry and of every entry the batch takes is ORed into {@link #BATCH_ANY_WRITABLE}.
     * Entries a {@code pte_batch_hint} step skips are CONT siblings with the same permissions.
     */
    @Override
    public final int folioPteBatch(long folio, long ptep, long pte, int maxNr, int flags) {
        ledger.enter(FOLIO_PTE_BATCH);
        int nr = pteBatch(folio, ptep, pte, maxNr, flags);
        ledger.exit(FOLIO_PTE_BATCH);
        return nr;
    }

    /** {@code folio_pte_batch}'s work, charged inside its frame; a context adds its per-call charges here. */
    protected int pteBatch(long folio, long ptep, long pte, int maxNr, int flags) {
        // max_nr is clipped to the pages left in the folio (the May 2025 fix, Fixes f8d937761d65).
        long left = folio + folioNrPages(folio) - Pte.pfn(pte);
        int max = (int) Math.min(maxNr, left);
        long ignore = Pte.YOUNG;
        if ((flags & FPB_RESPECT_DIRTY) == 0) ignore |= Pte.DIRTY;
        if ((flags & FPB_RESPECT_SOFT_DIRTY) == 0) ignore |= Pte.SOFT_DIRTY;
        if ((flags & FPB_RESPECT_WRITE) == 0) ignore |= Pte.WRITE;
        boolean mergeWrite = (flags & FPB_MERGE_WRITE) != 0;
        boolean anyWritable = Pte.write(pte);
        int nr = pteBatchHint(ptep, pte);
        long expected = Pte.advancePfn(pte & ~ignore, nr);
        long p = ptep + 8L * nr;
        while (nr < max) {
            long next = ptepGet(p);
            if ((next & ~ignore) != expected) {
                break;
            }
            anyWritable |= Pte.write(next);
            int step = pteBatchHint(p, next);
            expected = Pte.advancePfn(expected, step);
            p += 8L * step;
            nr += step;
        }
        nr = Math.min(nr, max);
        return mergeWrite && anyWritable ? nr | BATCH_ANY_WRITABLE : nr;
    }

    /** One charge of {@code p} on the struct page line of {@code pfn}. */
    protected final void touchPage(Primitive p, long pfn) {
        ledger.touch(p, PhysMem.vmemmap(pfn));
    }
}
