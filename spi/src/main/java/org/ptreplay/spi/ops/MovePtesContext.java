package org.ptreplay.spi.ops;

/**
 * One {@code move_ptes} extent as a strategy sees it (docs/kernel-model.md §2.4): the source and
 * destination tables are mapped and locked, lazy MMU is on, and the caller issues the extent
 * flush afterwards if the strategy moved a present entry. The extent never crosses a table.
 */
public interface MovePtesContext extends PteOps {

    long oldAddr();

    /** End of the extent in the old range (exclusive). */
    long oldEnd();

    long newAddr();

    /** Entry of {@link #oldAddr()} in the source table. */
    long oldPtep();

    /** Entry of {@link #newAddr()} in the destination table. */
    long newPtep();

    /** {@code move_soft_dirty_pte}: marks the moved entry soft-dirty when CONFIG_MEM_SOFT_DIRTY is on. */
    long moveSoftDirtyPte(long pte);
}
