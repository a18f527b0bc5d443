package org.ptreplay.strategies.presets;

import static org.ptreplay.strategies.presets.Names.CHANGE_PER_PTE;
import static org.ptreplay.strategies.presets.Names.COPY_FOLIO_BATCH;
import static org.ptreplay.strategies.presets.Names.MOVE_PER_PTE;
import static org.ptreplay.strategies.presets.Names.PGTABLE_PMD_PUD;
import static org.ptreplay.strategies.presets.Names.ZAP_FOLIO_BATCH;

import java.util.Map;

/**
 * Linux 6.9: fork batches PTE-mapped large folios (f8d937761d65), so does zap (10ebac4f95e7);
 * arm64 gains transparent contpte with the batched helpers; mremap still moves per PTE.
 */
public final class Linux6_9 extends LinuxRelease {
    public Linux6_9() {
        super("6.9", "Linux 6.9: batched fork (f8d937761d65) and zap (10ebac4f95e7), arm64 contpte, per-PTE mremap",
                paths(MOVE_PER_PTE, PGTABLE_PMD_PUD, COPY_FOLIO_BATCH, ZAP_FOLIO_BATCH, CHANGE_PER_PTE),
                Map.of(), ArchOptions.X86_IPI, ArchOptions.ARM64_CONTPTE);
    }
}
