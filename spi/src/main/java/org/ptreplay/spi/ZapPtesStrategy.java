package org.ptreplay.spi;

import org.ptreplay.spi.ops.ZapPtesContext;

/** The PTE loop of {@code zap_pte_range} (docs/kernel-model.md §4). */
public non-sealed interface ZapPtesStrategy extends Strategy {

    @Override
    default KernelPath path() {
        return KernelPath.ZAP_PTES;
    }

    /**
     * Zaps entries from {@code ctx.addr()} on.
     *
     * @return the address up to which entries were zapped: {@code ctx.end()}, or less when the
     *         gather filled up; the caller then flushes and calls again for the rest
     */
    long zapPteRange(ZapPtesContext ctx);
}
