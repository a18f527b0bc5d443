package org.ptreplay.core.spi;

import org.ptreplay.core.kernel.MovePtesContext;

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
}
