package org.ptreplay.strategies.presets;

import static org.ptreplay.strategies.presets.Names.CHANGE_FOLIO_BATCH;
import static org.ptreplay.strategies.presets.Names.COPY_FOLIO_BATCH;
import static org.ptreplay.strategies.presets.Names.MOVE_FOLIO_BATCH;
import static org.ptreplay.strategies.presets.Names.PGTABLE_PMD_PUD;
import static org.ptreplay.strategies.presets.Names.ZAP_FOLIO_BATCH;

import java.util.Map;

/**
 * Linux 6.17-rc1: mremap batches with a folio lookup per present PTE (f822a9a81a31), the x86
 * bigheap regression, and mprotect batches large folios with a folio lookup per PTE (cac1db8c3aad,
 * 7efa1cd5f89b, docs/kernel-model.md §4.5). The arm64 contpte early exit (093ae7a033cf) and BBML2 convert elision
 * (83bbd6be7d17) came through the 6.17 merge window, so rc1 has them.
 */
public final class Linux6_17Rc1 extends LinuxRelease {
    public Linux6_17Rc1() {
        super("6.17-rc1", "Linux 6.17-rc1: mremap PTE batching with a folio lookup per PTE (f822a9a81a31)",
                paths(MOVE_FOLIO_BATCH, PGTABLE_PMD_PUD, COPY_FOLIO_BATCH, ZAP_FOLIO_BATCH, CHANGE_FOLIO_BATCH),
                Map.of(), ArchOptions.X86_INVLPGB, ArchOptions.ARM64_CONTPTE_6_17);
    }
}
