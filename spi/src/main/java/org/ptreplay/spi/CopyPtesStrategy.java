package org.ptreplay.spi;

import org.ptreplay.spi.ops.CopyPtesContext;

/** The PTE loop of {@code copy_pte_range} in fork (docs/kernel-model.md §3). */
public non-sealed interface CopyPtesStrategy extends Strategy {

    @Override
    default KernelPath path() {
        return KernelPath.COPY_PTES;
    }

    /** Copies every entry of [ctx.addr(), ctx.end()) from the parent's table to the child's. */
    void copyPteRange(CopyPtesContext ctx);
}
