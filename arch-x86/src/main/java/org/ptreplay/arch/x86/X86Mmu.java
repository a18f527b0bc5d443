package org.ptreplay.arch.x86;

import org.ptreplay.spi.ops.ArchMmu;
import org.ptreplay.spi.ops.Ledger;
import org.ptreplay.spi.ops.MmView;
import org.ptreplay.spi.ops.MmuEnv;
import org.ptreplay.spi.ops.PageTableGeometry;
import org.ptreplay.spi.ops.Primitive;
import org.ptreplay.spi.ops.Pte;

/**
 * The x86-64 page-table primitives (docs/kernel-model.md §1.2): every batch helper is the
 * generic per-entry loop, {@code pte_batch_hint} is the constant 1, and there is no contpte.
 */
final class X86Mmu implements ArchMmu {
    private final MmuEnv env;
    private final Ledger ledger;
    private final PageTableGeometry geometry;
    private final X86TlbFlush flush;

    X86Mmu(MmuEnv env, PageTableGeometry geometry, X86TlbFlush flush) {
        this.env = env;
        this.ledger = env.ledger();
        this.geometry = geometry;
        this.flush = flush;
    }

    @Override
    public PageTableGeometry geometry() {
        return geometry;
    }

    @Override
    public long ptepGet(long ptep) {
        ledger.charge(Primitive.PTEP_GET);
        return env.readPte(ptep);
    }

    @Override
    public long ptepGetLockless(long ptep) {
        // Without PAE a single load: no ptep_get call of its own.
        return env.readPte(ptep);
    }

    @Override
    public int pteBatchHint(long ptep, long pte) {
        return 1;
    }

    @Override
    public void setPtes(MmView mm, long addr, long ptep, long pte, int nr) {
        for (int i = 0; i < nr; i++) {
            env.writePte(ptep + 8L * i, Pte.advancePfn(pte, i));
        }
    }

    @Override
    public long ptepGetAndClear(MmView mm, long addr, long ptep) {
        return env.xchgPte(ptep, Pte.NONE);
    }

    @Override
    public long getAndClearFullPtes(MmView mm, long addr, long ptep, int nr, boolean full) {
        long first = clearOne(ptep, full);
        for (int i = 1; i < nr; i++) {
            long old = clearOne(ptep + 8L * i, full);
            first |= old & (Pte.DIRTY | Pte.YOUNG);
        }
        return first;
    }

    @Override
    public void clearFullPtes(MmView mm, long addr, long ptep, int nr, boolean full) {
        for (int i = 0; i < nr; i++) {
            clearOne(ptep + 8L * i, full);
        }
    }

    /**
     * {@code ptep_get_and_clear_full}: with {@code full} (exit_mmap) no other user of the mm can
     * set the accessed/dirty bits concurrently, so x86 reads and clears with plain accesses
     * (native_ptep_get_and_clear_full); otherwise a LOCK'd xchg.
     */
    private long clearOne(long ptep, boolean full) {
        if (full) {
            long old = env.readPte(ptep);
            env.writePte(ptep, Pte.NONE);
            return old;
        }
        return env.xchgPte(ptep, Pte.NONE);
    }

    @Override
    public void ptepSetWrprotect(MmView mm, long addr, long ptep) {
        env.rmwPte(ptep, Pte.WRITE, 0);
    }

    @Override
    public void wrprotectPtes(MmView mm, long addr, long ptep, int nr) {
        for (int i = 0; i < nr; i++) {
            env.rmwPte(ptep + 8L * i, Pte.WRITE, 0);
        }
    }

    /** x86 {@code ptep_set_access_flags}: a plain store when the entry changes, and no flush (spurious faults are fixed up). */
    @Override
    public boolean ptepSetAccessFlags(MmView mm, long addr, long ptep, long entry) {
        long old = env.readPte(ptep);
        if (old == entry) {
            return false;
        }
        env.writePte(ptep, entry);
        return true;
    }

    /**
     * x86 {@code pte_needs_flush} (arch/x86/include/asm/tlbflush.h): a non-present old entry never
     * needs it; a pfn change does; otherwise only flags whose change could not be fixed up by a
     * spurious fault: write among those the simulated entry carries (present and dirty are
     * flush-on-clear, but mprotect never clears them here; the accessed bit is ignored).
     */
    @Override
    public boolean pteNeedsFlush(long oldPte, long newPte) {
        if (!Pte.present(oldPte)) {
            return false;
        }
        return Pte.pfn(oldPte) != Pte.pfn(newPte) || Pte.write(oldPte) != Pte.write(newPte)
                || !Pte.present(newPte) || (Pte.dirty(oldPte) && !Pte.dirty(newPte));
    }

    /**
     * x86's own {@code pmdp_invalidate_ad} (arch/x86/mm/pgtable.c, {@code __HAVE_ARCH_PMDP_INVALIDATE_AD}):
     * {@code pmdp_establish} only, no flush; mprotect's gather flushes when {@code huge_pmd_needs_flush}.
     */
    @Override
    public boolean pmdpInvalidateAdFlushes() {
        return false;
    }

    @Override
    public void flushTlbRange(MmView mm, long start, long end, int strideShift, boolean lastLevel, boolean freedTables) {
        flush.flushTlbMmRange(mm, start, end, strideShift, freedTables);
    }

    @Override
    public void flushTlbMm(MmView mm) {
        flush.flushTlbMmRange(mm, 0, X86TlbFlush.FLUSH_ALL, geometry.pageShift(), false);
    }

    /** x86 {@code tlb_flush}: the gathered range, or everything for a fullmm teardown. */
    @Override
    public void tlbFlush(MmView mm, long start, long end, int strideShift, boolean freedTables, boolean fullMm) {
        if (fullMm) {
            flush.flushTlbMmRange(mm, 0, X86TlbFlush.FLUSH_ALL, strideShift, freedTables);
        } else {
            flush.flushTlbMmRange(mm, start, end, strideShift, freedTables);
        }
    }
}
