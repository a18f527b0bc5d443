package org.ptreplay.strategies.presets;

import static org.ptreplay.strategies.presets.Names.CHANGE_FOLIO_BATCH;
import static org.ptreplay.strategies.presets.Names.COPY_FOLIO_BATCH;
import static org.ptreplay.strategies.presets.Names.MOVE_HINT_BATCH;
import static org.ptreplay.strategies.presets.Names.PGTABLE_PMD_PUD;
import static org.ptreplay.strategies.presets.Names.ZAP_FOLIO_BATCH;

import java.util.Map;

/**
 * Linux 6.17: the folio lookup of mremap batching is gated by pte_batch_hint (0b5be138ce00,
 * 6.17-rc2), without the write-bit fix (04d1c9d60c6e reached 6.17.y only, as the
 * {@code respect-write} option); arm64 contpte_ptep_get exits early (093ae7a033cf) and
 * contpte_convert elides its TLBI under BBML2 (83bbd6be7d17); mprotect batches as in 6.17-rc1
 * (cac1db8c3aad).
 */
public final class Linux6_17 extends LinuxRelease {
    public Linux6_17() {
        super("6.17", "Linux 6.17: hint-gated mremap batching (0b5be138ce00), arm64 contpte early exit and BBML2",
                paths(MOVE_HINT_BATCH, PGTABLE_PMD_PUD, COPY_FOLIO_BATCH, ZAP_FOLIO_BATCH, CHANGE_FOLIO_BATCH),
                Map.of(), ArchOptions.X86_INVLPGB, ArchOptions.ARM64_CONTPTE_6_17);
    }
}
