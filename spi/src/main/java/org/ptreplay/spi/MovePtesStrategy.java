package org.ptreplay.spi;

import org.ptreplay.spi.ops.MovePtesContext;

/** The PTE loop of {@code move_ptes} (docs/kernel-model.md §2.4). */
public non-sealed interface MovePtesStrategy extends Strategy {

    @Override
    default KernelPath path() {
        return KernelPath.MOVE_PTES;
    }

    /**
     * Moves every entry of the extent from the old table to the new one.
     *
     * @return whether a present entry was moved; the caller then flushes the old extent
     *         before dropping the locks (eb66ae030829)
     */
    boolean movePtes(MovePtesContext ctx);

    /**
     * Whether {@code move_page_tables} may run consecutive extents that share a source PTE table
     * under one PTL hold, with one TLB flush covering all of them, instead of locking and flushing
     * per extent as every kernel does. No kernel has this; it is the trade-off raised in the 2018
     * discussion of the mremap speed-up (fewer flushes, longer lock hold times) and exists so that
     * strategies can explore it.
     */
    default boolean holdPtlAcrossExtents() {
        return false;
    }
}
