package org.ptreplay.spi;

import org.ptreplay.spi.ops.ChangePtesContext;

/** The PTE loop of {@code change_pte_range} in mprotect (docs/kernel-model.md §4.5). Since SPI 1.1. */
public non-sealed interface ChangePtesStrategy extends Strategy {

    @Override
    default KernelPath path() {
        return KernelPath.CHANGE_PTES;
    }

    /** Gives every present entry of [ctx.addr(), ctx.end()) the VMA's new protection. */
    void changePteRange(ChangePtesContext ctx);
}
