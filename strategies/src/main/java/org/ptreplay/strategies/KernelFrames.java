package org.ptreplay.strategies;

import org.ptreplay.spi.ops.Frame;

/**
 * The path frames the strategies enter, named after the kernel functions they model. The
 * helpers of {@code PteOps} charge primitives but enter no frames: the caller names the function
 * it is in, as a kernel profile would show it.
 */
final class KernelFrames {
    private KernelFrames() {
    }

    /** mm/mremap.c, f822a9a81a31: the batch-size decision of move_ptes. */
    static final Frame MREMAP_FOLIO_PTE_BATCH = Frame.of("mremap_folio_pte_batch");
    /** mm/memory.c: pte to folio; copy/zap reach the same code as vm_normal_page + page_folio. */
    static final Frame VM_NORMAL_FOLIO = Frame.of("vm_normal_folio");
    /** mm/internal.h: the batch scan (folio_pte_batch_flags in 6.17 is the same function). */
    static final Frame FOLIO_PTE_BATCH = Frame.of("folio_pte_batch");
    /** mm/memory.c, f8d937761d65: one present pte or batch of fork's copy. */
    static final Frame COPY_PRESENT_PTES = Frame.of("copy_present_ptes");
    /** mm/memory.c, 10ebac4f95e7: one present pte or batch of a zap. */
    static final Frame ZAP_PRESENT_PTES = Frame.of("zap_present_ptes");
}
