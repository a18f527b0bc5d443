package org.ptreplay.core.linux.mremap;

import org.ptreplay.core.state.Vma;

/**
 * {@code struct pagetable_move_control} (mm/internal.h of the mremap.c tree docs/kernel-model.md
 * §2 reads): what {@code move_page_tables} is asked to move. The kernel's {@code for_stack} (the exec-time
 * stack move) is left out: traces have no exec stack. {@code try_realign_addr} moves the start
 * within {@link MovePageTables#movePageTables}, where the kernel writes it back into the struct.
 *
 * @param oldVma        the VMA being moved from (still in the tree)
 * @param newVma        the VMA {@code copy_vma} created or merged at the destination
 * @param oldAddr       where the move begins
 * @param newAddr       where the page tables move to
 * @param lenIn         the bytes to move, as the caller asked
 * @param needRmapLocks from {@code copy_vma}: the new VMA may precede the old one in rmap order
 */
public record PagetableMoveControl(Vma oldVma, Vma newVma, long oldAddr, long newAddr, long lenIn,
                                   boolean needRmapLocks) {

    /** {@code old_end}: where the old range ends (exclusive). */
    public long oldEnd() {
        return oldAddr + lenIn;
    }
}
