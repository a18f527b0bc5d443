package org.ptreplay.arch.arm64;

import org.ptreplay.spi.ops.ArchMmu;
import org.ptreplay.spi.ops.Ledger;
import org.ptreplay.spi.ops.MmView;
import org.ptreplay.spi.ops.MmuEnv;
import org.ptreplay.spi.ops.PageTableGeometry;
import org.ptreplay.spi.ops.Primitive;
import org.ptreplay.spi.ops.Pte;

/**
 * The public arm64 pte API of {@code asm/pgtable.h}: with contpte, thin wrappers that check the
 * entry for CONT and call into {@link ContPte}; without ({@code contpte=off}), the raw
 * {@code __ptep_*} layer. Which wrappers exist depends on the {@link ContPteMode}; see
 * docs/kernel-model.md §1.2 for the per-call counts.
 *
 * <p>arm64 TLBIs are broadcast, so the {@link MmView} (CPU masks) is not consulted. Not thread-safe:
 * one instance per replay cell.
 */
final class Arm64Mmu implements ArchMmu {

    private static final long ACCESS_BITS = Pte.DIRTY | Pte.YOUNG;
    /** The bits {@code __ptep_set_access_flags} may add: access flag, dirty and write permission. */
    private static final long ACCESS_FLAG_BITS = Pte.YOUNG | Pte.DIRTY | Pte.WRITE;

    private final MmuEnv env;
    private final Ledger ledger;
    private final PageTableGeometry geometry;
    private final Arm64Tlb tlb;
    private final ContPte cont;
    /** Any contpte layer at all (basic or batched). */
    private final boolean contPte;
    /** The 6.9+ batched helpers, pte_batch_hint and the automatic fold. */
    private final boolean batched;
    private final int contPtes;
    private final int pageShift;

    Arm64Mmu(Arm64Config config, MmuEnv env) {
        this.env = env;
        this.ledger = env.ledger();
        this.geometry = config.granule().geometry();
        this.tlb = new Arm64Tlb(ledger, geometry, config.tlbiRange(), config.kpti());
        this.cont = new ContPte(env, tlb, geometry, config.earlyExit(), config.bbml2());
        this.contPte = config.contPte() != ContPteMode.OFF;
        this.batched = config.contPte() == ContPteMode.BATCHED;
        this.contPtes = geometry.contPtes();
        this.pageShift = geometry.pageShift();
    }

    @Override
    public PageTableGeometry geometry() {
        return geometry;
    }

    @Override
    public long ptepGet(long ptep) {
        ledger.charge(Primitive.PTEP_GET);
        long pte = env.readPte(ptep);
        return contPte && ContPte.validCont(pte) ? cont.ptepGet(ptep, pte) : pte;
    }

    @Override
    public long ptepGetLockless(long ptep) {
        long pte = env.readPte(ptep);
        return contPte && ContPte.validCont(pte) ? cont.ptepGetLockless(ptep, pte) : pte;
    }

    /** Before the batched series (and without contpte) this is the generic constant 1. */
    @Override
    public int pteBatchHint(long ptep, long pte) {
        if (!batched || !ContPte.validCont(pte)) {
            return 1;
        }
        return contPtes - cont.indexInBlock(ptep);
    }

    @Override
    public void setPtes(MmView mm, long addr, long ptep, long pte, int nr) {
        // CONT may leak out of ptep_get(); the setters never take it from the caller.
        pte = Pte.mknoncont(pte);
        if (!contPte) {
            for (int i = 0; i < nr; i++) {
                env.writePte(ptep + 8L * i, Pte.advancePfn(pte, i));
            }
        } else if (nr == 1) {
            cont.tryUnfold(addr, ptep, env.readPte(ptep));
            env.writePte(ptep, pte);
            if (batched) {
                cont.tryFold(addr, ptep, pte);
            }
        } else {
            cont.setPtes(addr, ptep, pte, nr);
        }
    }

    @Override
    public long ptepGetAndClear(MmView mm, long addr, long ptep) {
        if (contPte) {
            cont.tryUnfold(addr, ptep, env.readPte(ptep));
        }
        return env.xchgPte(ptep, Pte.NONE);
    }

    /**
     * arm64 clears with an atomic swap whatever {@code full} says. Before the batched helpers the
     * generic loop of {@code ptep_get_and_clear} ran, so the first entry of each CONT block unfolds it.
     */
    @Override
    public long getAndClearFullPtes(MmView mm, long addr, long ptep, int nr, boolean full) {
        if (!contPte) {
            return clearRange(ptep, nr);
        }
        if (nr == 1 || !batched) {
            long pte = Pte.NONE;
            for (int i = 0; i < nr; i++) {
                long old = ptepGetAndClear(mm, addr + ((long) i << pageShift), ptep + 8L * i);
                pte = i == 0 ? old : pte | (old & ACCESS_BITS);
            }
            return pte;
        }
        cont.tryUnfoldPartial(addr, ptep, nr);
        return clearRange(ptep, nr);
    }

    /**
     * arm64's {@code modify_prot_start_ptes} (7efa1cd5f89b "arm64: add batched versions of
     * ptep_modify_prot_start/commit", Dev Jain, 6.17; arch/arm64/mm/mmu.c): one
     * {@code get_and_clear_full_ptes(nr, full = 0)}, so a CONT block the batch covers is cleared
     * without an unfold; only partial end blocks unfold. The Cortex-A510 erratum 2645198 flush for
     * executable entries is not modelled (no affected profile).
     */
    @Override
    public long modifyProtStartPtes(MmView mm, long addr, long ptep, int nr) {
        return getAndClearFullPtes(mm, addr, ptep, nr, false);
    }

    /** arm64's {@code modify_prot_commit_ptes} (7efa1cd5f89b): one {@code set_ptes(nr)}, CONT painted where aligned. */
    @Override
    public void modifyProtCommitPtes(MmView mm, long addr, long ptep, long pte, int nr) {
        setPtes(mm, addr, ptep, pte, nr);
    }

    @Override
    public void clearFullPtes(MmView mm, long addr, long ptep, int nr, boolean full) {
        getAndClearFullPtes(mm, addr, ptep, nr, full);
    }

    @Override
    public void ptepSetWrprotect(MmView mm, long addr, long ptep) {
        wrprotectPtes(mm, addr, ptep, 1);
    }

    /**
     * One {@link Primitive#PTE_RMW} per entry (the cmpxchg loop moving hardware dirty to software
     * dirty). Single entries, and every entry before the batched series, are read first and unfold
     * a CONT block; the batched helper unfolds only partial end blocks and issues no TLBI: the
     * later mmu_gather flush or fork's {@code flush_tlb_mm} does (Arm ARM "Misprogramming the
     * Contiguous bit" relaxation, docs/kernel-model.md §1.2).
     */
    @Override
    public void wrprotectPtes(MmView mm, long addr, long ptep, int nr) {
        if (contPte && (nr == 1 || !batched)) {
            for (int i = 0; i < nr; i++) {
                long p = ptep + 8L * i;
                cont.tryUnfold(addr + ((long) i << pageShift), p, env.readPte(p));
                env.rmwPte(p, Pte.WRITE, 0);
            }
            return;
        }
        if (contPte) {
            cont.tryUnfoldPartial(addr, ptep, nr);
        }
        for (int i = 0; i < nr; i++) {
            env.rmwPte(ptep + 8L * i, Pte.WRITE, 0);
        }
    }

    /**
     * {@code ptep_set_access_flags}. The kernel's {@code dirty} argument is true exactly when the
     * fault path made {@code entry} dirty (write faults, COW reuse), so it is taken from the entry.
     * arm64 flushes inside: a dirty upgrade invalidates the stale read-only entry
     * ({@code flush_tlb_page} in {@code __ptep_set_access_flags}). On a CONT entry
     * ({@code contpte_ptep_set_access_flags}) an unchanged write bit updates every entry of the block
     * and flushes the block once if dirty; a changed write bit unfolds the block first.
     */
    @Override
    public boolean ptepSetAccessFlags(MmView mm, long addr, long ptep, long entry) {
        entry = Pte.mknoncont(entry);
        boolean dirty = Pte.dirty(entry);
        if (!contPte) {
            return setAccessFlags(ptep, entry, dirty);
        }
        long orig = env.readPte(ptep);
        if (!ContPte.validCont(orig)) {
            return setAccessFlags(ptep, entry, dirty);
        }
        long gathered = Pte.mknoncont(ptepGet(ptep));
        if (gathered == entry) {
            return false;
        }
        if (Pte.write(gathered) != Pte.write(entry)) {
            cont.unfold(addr, ptep, gathered);
            return setAccessFlags(ptep, entry, dirty);
        }
        long firstPtep = ptep - 8L * cont.indexInBlock(ptep);
        for (int i = 0; i < contPtes; i++) {
            setAccessFlags(firstPtep + 8L * i, entry, false);
        }
        if (dirty) {
            long start = addr & -geometry.contSize();
            tlb.flushTlbRange(start, start + geometry.contSize(), pageShift);
        }
        return true;
    }

    @Override
    public void flushTlbRange(MmView mm, long start, long end, int strideShift, boolean lastLevel,
                              boolean freedTables) {
        tlb.flushTlbRange(start, end, strideShift);
    }

    @Override
    public void flushTlbMm(MmView mm) {
        tlb.flushTlbMm();
    }

    @Override
    public void tlbFlush(MmView mm, long start, long end, int strideShift, boolean freedTables, boolean fullMm) {
        tlb.tlbFlush(start, end, strideShift, freedTables, fullMm);
    }

    /** {@code __get_and_clear_full_ptes}: one swap per entry, young/dirty ORed into the first. */
    private long clearRange(long ptep, int nr) {
        long pte = env.xchgPte(ptep, Pte.NONE);
        for (int i = 1; i < nr; i++) {
            pte |= env.xchgPte(ptep + 8L * i, Pte.NONE) & ACCESS_BITS;
        }
        return pte;
    }

    /**
     * {@code __ptep_set_access_flags}: a read; if the entry differs, one cmpxchg that adds the
     * access flag, dirty and write bits of {@code entry}; then, if {@code dirty}, one page flush.
     */
    private boolean setAccessFlags(long ptep, long entry, boolean dirty) {
        if (env.readPte(ptep) == entry) {
            return false;
        }
        env.rmwPte(ptep, 0, entry & ACCESS_FLAG_BITS);
        if (dirty) {
            tlb.flushTlbPage();
        }
        return true;
    }
}
