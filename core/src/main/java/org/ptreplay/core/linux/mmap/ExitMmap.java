package org.ptreplay.core.linux.mmap;

import java.util.List;
import org.ptreplay.core.linux.maple_tree.MapleTree;
import org.ptreplay.core.linux.memory.Unmap;
import org.ptreplay.core.linux.vma.VmaWork;
import org.ptreplay.core.state.KernelState;
import org.ptreplay.core.state.Mm;
import org.ptreplay.core.state.Vma;
import org.ptreplay.spi.ops.Frame;
import org.ptreplay.spi.ops.Ledger;
import org.ptreplay.spi.ops.Primitive;

/**
 * {@code exit_mmap} (mm/mmap.c; docs/kernel-model.md §2.9, §4): the fullmm teardown of the page
 * tables, then {@code remove_vma} per VMA ({@code unlink_anon_vmas} and {@code vm_area_free}, as
 * munmap's {@code vms_complete_munmap_vmas} does for the VMAs it unmapped), {@code __mt_destroy}
 * of the VMA tree, and the PGD freed.
 */
public final class ExitMmap {
    private static final Frame EXIT_MMAP = Frame.of("exit_mmap");
    private static final Frame REMOVE_VMA = Frame.of("remove_vma");
    private static final Frame MT_DESTROY = Frame.of("__mt_destroy");

    private final KernelState cell;
    private final Unmap unmap;

    public ExitMmap(KernelState cell, Unmap unmap) {
        this.cell = cell;
        this.unmap = unmap;
    }

    public void exitMmap(Mm mm) {
        Ledger ledger = cell.ledger;
        ledger.enter(EXIT_MMAP);
        unmap.unmapAll(mm);
        List<Vma> all = mm.vmas().all();
        if (!all.isEmpty()) {
            ledger.enter(REMOVE_VMA);
            for (Vma v : all) {
                VmaWork.release(cell, v);
                mm.vmas().remove(v);
            }
            ledger.exit(REMOVE_VMA);
        }
        ledger.enter(MT_DESTROY);
        MapleTree.destroy(cell, mm);
        ledger.exit(MT_DESTROY);
        cell.mem.freeTable(mm.pgd());
        ledger.charge(Primitive.PT_FREE);
        ledger.exit(EXIT_MMAP);
    }
}
