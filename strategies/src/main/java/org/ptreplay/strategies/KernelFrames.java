package org.ptreplay.strategies;

import org.ptreplay.spi.ops.Frame;

/**
 * The path frames the strategies enter, named after the kernel functions they model. The
 * {@code PteOps} helpers that are kernel functions of their own ({@code vm_normal_folio},
 * {@code folio_pte_batch}) open their frames themselves, for plugins and built-ins alike.
 */
final class KernelFrames {
    private KernelFrames() {
    }

    /** mm/mremap.c, f822a9a81a31: the batch-size decision of move_ptes. */
    static final Frame MREMAP_FOLIO_PTE_BATCH = Frame.of("mremap_folio_pte_batch");
    /** mm/memory.c, f8d937761d65: one present pte or batch of fork's copy. */
    static final Frame COPY_PRESENT_PTES = Frame.of("copy_present_ptes");
    /** mm/memory.c, 10ebac4f95e7: one present pte or batch of a zap. */
    static final Frame ZAP_PRESENT_PTES = Frame.of("zap_present_ptes");
}
