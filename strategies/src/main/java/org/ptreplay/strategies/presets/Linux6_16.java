package org.ptreplay.strategies.presets;

import static org.ptreplay.strategies.presets.Names.CHANGE_PER_PTE;
import static org.ptreplay.strategies.presets.Names.COPY_FOLIO_BATCH;
import static org.ptreplay.strategies.presets.Names.MOVE_PER_PTE;
import static org.ptreplay.strategies.presets.Names.PGTABLE_PMD_PUD;
import static org.ptreplay.strategies.presets.Names.ZAP_FOLIO_BATCH;

import java.util.Map;

/**
 * Linux 6.16: the last per-PTE mremap (the parent of f822a9a81a31 in the LKP report, Message-ID
 * 202508071609.4e743d7c-lkp@intel.com); x86 INVLPGB since 6.15 (4afeb0ed1753).
 */
public final class Linux6_16 extends LinuxRelease {
    public Linux6_16() {
        super("6.16", "Linux 6.16: per-PTE mremap before the 6.17 batching, batched fork/zap, x86 INVLPGB (4afeb0ed1753)",
                paths(MOVE_PER_PTE, PGTABLE_PMD_PUD, COPY_FOLIO_BATCH, ZAP_FOLIO_BATCH, CHANGE_PER_PTE),
                Map.of(), ArchOptions.X86_INVLPGB, ArchOptions.ARM64_CONTPTE);
    }
}
