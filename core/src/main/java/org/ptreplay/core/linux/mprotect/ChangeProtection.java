package org.ptreplay.core.linux.mprotect;

import org.ptreplay.spi.ChangePtesStrategy;
import org.ptreplay.spi.KernelPath;
import org.ptreplay.spi.ops.Frame;
import org.ptreplay.spi.ops.Ledger;
import org.ptreplay.spi.ops.Primitive;
import org.ptreplay.spi.ops.Pte;
import org.ptreplay.core.state.KernelState;
import org.ptreplay.core.state.Mm;
import org.ptreplay.core.state.VmFlags;
import org.ptreplay.core.linux.huge_memory.HugePmd;
import org.ptreplay.core.linux.mmu_gather.MmuGather;

/**
 * {@code change_protection} of mprotect (mm/mprotect.c, 6.0–6.16 shape): one mmu_gather for the
 * whole syscall ({@code do_mprotect_pkey}), per VMA a {@code tlb_start_vma}/{@code tlb_end_vma}
 * bracket whose end flushes the entries recorded, and per PTE table one {@code change_pte_range}
 * under the PTL, whose loop over the entries is the cell's {@code change-ptes} strategy
 * (docs/kernel-model.md §4.5): per entry up to 6.16 ({@link PerPteChangePtes}), per folio batch
 * since cac1db8c3aad (6.17).
 *
 * <p>An entry is added to the gather when {@code pte_needs_flush(old, new)}: x86 only when the
 * write, present or NX state changes (arch/x86/include/asm/tlbflush.h); the generic rule (arm64)
 * is always. A PMD THP leaf that the range covers whole is changed in place by
 * {@code change_huge_pmd}; a partly covered one is split first ({@code change_pmd_range}).
 */
public final class ChangeProtection {
    private static final Frame CHANGE_PTE_RANGE = Frame.of("change_pte_range");
    private static final Frame TLB_END_VMA = Frame.of("tlb_end_vma");

    private final KernelState cell;
    private final Ledger ledger;
    private final HugePmd huge;
    private final ChangePtesCtx ctx;
    private final ChangePtesStrategy changePtes;
    private MmuGather tlb;

    public ChangeProtection(KernelState cell, HugePmd huge) {
        this.cell = cell;
        this.ledger = cell.ledger;
        this.huge = huge;
        this.ctx = new ChangePtesCtx(cell);
        this.changePtes = cell.strategy(KernelPath.CHANGE_PTES, ChangePtesStrategy.class);
    }

    /** {@code tlb_gather_mmu} at the start of the syscall. */
    public void begin(Mm mm) {
        tlb = new MmuGather(cell, mm, false, false); // mprotect gathers no pages
    }

    /** {@code tlb_finish_mmu} at the end of the syscall. */
    public void finish() {
        tlb.finish();
        tlb = null;
    }

    /**
     * Rewrites the present PTEs of [s, e), one VMA whose flags become {@code newFlags}.
     *
     * @param oldFlags the VMA's flags before; a read or exec change flips PROTNONE/NX bits that the
     *                 simulated entry does not carry, and x86 flushes for those
     */
    public void changeProtection(Mm mm, long s, long e, int oldFlags, int newFlags) {
        long pmdSize = cell.geo.pmdSize();
        boolean write = (newFlags & VmFlags.VM_WRITE) != 0;
        boolean shared = (newFlags & VmFlags.VM_SHARED) != 0;
        boolean hiddenBitsChange = ((oldFlags ^ newFlags) & (VmFlags.VM_READ | VmFlags.VM_EXEC)) != 0;
        ledger.charge(Primitive.NOTIFIER);
        for (long a = s; a < e; ) {
            long next = Math.min((a & -pmdSize) + pmdSize, e);
            long pmdp = cell.walk.entry(mm.pgd(), a, 2);
            long pmd = pmdp < 0 ? Pte.NONE : cell.mem.peek(pmdp);
            if (HugePmd.isLeaf(pmd)) {
                // change_pmd_range: a leaf the range covers whole is re-protected in place; a
                // partly covered one is split first (mprotect never needs pgtable_split_needed).
                if (next - a == pmdSize) {
                    huge.changeHugePmd(tlb, a, pmdp, write, shared, hiddenBitsChange);
                    a = next;
                    continue;
                }
                huge.split(mm, a & -pmdSize, pmdp);
                pmd = cell.mem.peek(pmdp);
            }
            if ((pmd & Pte.TABLE) != 0) {
                changePteRange(mm, cell.mem.ptep(Pte.pfn(pmd), cell.walk.index(1, a)), a, next, write, shared,
                        hiddenBitsChange);
            }
            a = next;
        }
        if (!tlb.hasRange()) {
            return;
        }
        ledger.enter(TLB_END_VMA);
        tlb.flushTlbOnly();
        ledger.exit(TLB_END_VMA);
    }

    private void changePteRange(Mm mm, long ptep, long a, long end, boolean write, boolean shared,
                                boolean hiddenBitsChange) {
        ledger.enter(CHANGE_PTE_RANGE);
        ledger.charge(Primitive.PTL);
        ctx.reset(tlb, a, end, ptep, write, shared, hiddenBitsChange);
        changePtes.changePteRange(ctx);
        ledger.exit(CHANGE_PTE_RANGE);
    }
}
