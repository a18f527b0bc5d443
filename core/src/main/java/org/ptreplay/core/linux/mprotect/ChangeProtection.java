package org.ptreplay.core.linux.mprotect;

import org.ptreplay.spi.ops.Frame;
import org.ptreplay.spi.ops.Ledger;
import org.ptreplay.spi.ops.Primitive;
import org.ptreplay.spi.ops.Pte;
import org.ptreplay.core.mem.PhysMem;
import org.ptreplay.core.state.KernelState;
import org.ptreplay.core.state.Mm;
import org.ptreplay.core.state.VmFlags;
import org.ptreplay.core.linux.huge_memory.HugePmd;
import org.ptreplay.core.linux.mmu_gather.MmuGather;

/**
 * {@code change_protection} of mprotect (mm/mprotect.c, 6.0–6.16 shape): one mmu_gather for the
 * whole syscall ({@code do_mprotect_pkey}), per VMA a {@code tlb_start_vma}/{@code tlb_end_vma}
 * bracket whose end flushes the entries recorded, and per present PTE the
 * {@code ptep_modify_prot_start}/{@code _commit} pair.
 *
 * <p>That pair is, on native x86, the generic {@code ptep_get_and_clear} + {@code set_pte_at}
 * (pv-ops default {@code __ptep_modify_prot_start}), and on arm64 its own
 * {@code ptep_modify_prot_start} in arch/arm64/mm/mmu.c, which calls the public
 * {@code ptep_get_and_clear} (unfolding a CONT block) and commits with {@code set_pte_at} (which
 * may refold it). So both arches pay one PTE_XCHG and one PTE_W per present entry, through the arch
 * primitives. Dev Jain's 6.17 mprotect batching ({@code modify_prot_start_ptes} with
 * {@code get_and_clear_full_ptes(nr)}) is not modelled.
 *
 * <p>An entry is added to the gather when {@code pte_needs_flush(old, new)}: x86 only when the
 * write, present or NX state changes (arch/x86/include/asm/tlbflush.h); the generic rule (arm64)
 * is always.
 */
public final class ChangeProtection {
    private static final Frame CHANGE_PTE_RANGE = Frame.of("change_pte_range");
    private static final Frame TLB_END_VMA = Frame.of("tlb_end_vma");

    private final KernelState cell;
    private final Ledger ledger;
    private final HugePmd huge;
    private MmuGather tlb;

    public ChangeProtection(KernelState cell, HugePmd huge) {
        this.cell = cell;
        this.ledger = cell.ledger;
        this.huge = huge;
    }

    /** {@code tlb_gather_mmu} at the start of the syscall. */
    public void begin(Mm mm) {
        tlb = new MmuGather(cell, mm, false);
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
        long page = cell.pageSize();
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
                huge.split(mm, a & -pmdSize, pmdp);
                pmd = cell.mem.peek(pmdp);
            }
            if ((pmd & Pte.TABLE) != 0) {
                changePteRange(mm, cell.mem.ptep(Pte.pfn(pmd), cell.walk.index(1, a)), a, next, page, write, shared,
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

    private void changePteRange(Mm mm, long ptep, long a, long end, long page, boolean write, boolean shared,
                                boolean hiddenBitsChange) {
        ledger.enter(CHANGE_PTE_RANGE);
        ledger.charge(Primitive.PTL);
        for (long x = a; x < end; x += page, ptep += 8) {
            long pte = cell.arch.ptepGet(ptep);
            if (!Pte.present(pte)) {
                continue;
            }
            long old = cell.arch.ptepGetAndClear(mm, x, ptep);
            long nw = write ? old : Pte.wrprotect(old);
            // MM_CP_TRY_CHANGE_WRITABLE: can_change_pte_writable.
            if (write && !Pte.write(old) && !Pte.special(old) && (shared ? Pte.dirty(old) : exclusiveAnon(old))) {
                nw = Pte.mkwrite(old);
            }
            cell.arch.setPtes(mm, x, ptep, nw, 1);
            if (hiddenBitsChange || cell.arch.pteNeedsFlush(old, nw)) {
                tlb.removeTlbEntries(x, 1);
            }
        }
        ledger.exit(CHANGE_PTE_RANGE);
    }

    /** {@code can_change_pte_writable} for a private mapping: the page is AnonExclusive. */
    private boolean exclusiveAnon(long pte) {
        long pfn = Pte.pfn(pte);
        long folio = cell.mem.pageFolio(pfn);
        if (folio < 0 || cell.phys.kind(folio) != PhysMem.KIND_ANON) {
            return false;
        }
        ledger.touch(Primitive.AE, PhysMem.vmemmap(pfn));
        return cell.phys.anonExclusive(pfn);
    }
}
