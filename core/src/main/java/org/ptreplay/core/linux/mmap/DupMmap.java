package org.ptreplay.core.linux.mmap;

import org.ptreplay.core.linux.maple_tree.MapleTree;
import org.ptreplay.core.linux.memory.CopyPageRange;
import org.ptreplay.core.linux.rmap.AnonVmas;
import org.ptreplay.core.linux.vma.VmaWork;
import org.ptreplay.core.state.KernelState;
import org.ptreplay.core.state.Mm;
import org.ptreplay.core.state.Vma;
import org.ptreplay.core.state.VmFlags;
import org.ptreplay.spi.ops.Frame;
import org.ptreplay.spi.ops.Ledger;
import org.ptreplay.spi.ops.Primitive;

/**
 * {@code dup_mmap} (kernel/fork.c; mm/mmap.c since 6.16; docs/kernel-model.md §2.9, §3): the
 * child's VMA tree, then per parent VMA its write lock, {@code vm_area_dup},
 * {@code anon_vma_fork}, the store into the child's tree and {@code copy_page_range} where
 * {@code vma_needs_copy} (an anon_vma exists); it ends with the one {@code flush_tlb_mm(oldmm)}
 * that covers the write-protected parent entries.
 *
 * <p>How the child's tree is built is the release's ({@code KernelConfig.forkMtDup}): since
 * d24062914837 (6.8) {@code __mt_dup} copies the parent's tree and each VMA's slot is
 * overwritten in place; before, each VMA was stored into an empty tree
 * ({@code vma_iter_bulk_store} from 6.1, {@code __vma_link_rb} before), one tree write each.
 */
public final class DupMmap {
    private static final Frame DUP_MMAP = Frame.of("dup_mmap");
    private static final Frame MT_DUP = Frame.of("__mt_dup");
    private static final Frame VM_AREA_DUP = Frame.of("vm_area_dup");
    private static final Frame ANON_VMA_FORK = Frame.of("anon_vma_fork");
    private static final Frame BULK_STORE = Frame.of("vma_iter_bulk_store");
    private static final Frame CLEAR = Frame.of("vma_iter_clear_gfp");

    private final KernelState cell;
    private final CopyPageRange copy;

    public DupMmap(KernelState cell, CopyPageRange copy) {
        this.cell = cell;
        this.copy = copy;
    }

    public void dupMmap(Mm parent, Mm child) {
        Ledger ledger = cell.ledger;
        boolean mtDup = cell.config.forkMtDup();
        ledger.enter(DUP_MMAP);
        if (mtDup) {
            ledger.enter(MT_DUP);
            MapleTree.dup(cell, parent, child);
            ledger.exit(MT_DUP);
        }
        for (Vma v : parent.vmas().all()) {
            // vma_start_write(mpnt) (per-VMA locks, 6.4+; older releases read the flags on the
            // same line): the parent VMA's line 0.
            ledger.touch(Primitive.VMA_LINE, cell.vmaAddress(v));
            if (v.has(VmFlags.VM_DONTCOPY)) {
                if (mtDup) {
                    // The copied tree still holds the VMA: its range is cleared, one tree write,
                    // its lines approximated by the slot's (the model's child tree is not yet whole).
                    ledger.enter(CLEAR);
                    ledger.charge(Primitive.VMA_STORE);
                    MapleTree.slotStore(cell, child, v.start());
                    ledger.exit(CLEAR);
                }
                continue;
            }
            boolean wipe = v.has(VmFlags.VM_WIPEONFORK);
            Vma c = new Vma(v.start(), v.end(), v.flags(), v.pgoff(), v.file(), null);
            child.vmas().insert(c);
            ledger.enter(VM_AREA_DUP);
            VmaWork.vmAreaDup(cell, c, v);
            ledger.exit(VM_AREA_DUP);
            if (!wipe) {
                // WIPEONFORK: a clean slate, the anon_vma comes at the child's first fault.
                ledger.enter(ANON_VMA_FORK);
                AnonVmas.fork(cell, c, v);
                ledger.exit(ANON_VMA_FORK);
            }
            ledger.enter(BULK_STORE);
            if (mtDup) {
                MapleTree.slotStore(cell, child, c.start());
            } else {
                VmaWork.store(cell, child, c.start(), null);
            }
            ledger.exit(BULK_STORE);
            if (!wipe && v.anonVma() != null) {
                copy.copyPageRange(parent, child, v);
            }
        }
        cell.arch.flushTlbMm(parent);
        ledger.exit(DUP_MMAP);
    }
}
