package org.ptreplay.strategies.presets;

import static org.ptreplay.strategies.presets.Names.CHANGE_FOLIO_BATCH;
import static org.ptreplay.strategies.presets.Names.COPY_FOLIO_BATCH;
import static org.ptreplay.strategies.presets.Names.MOVE_HINT_BATCH;
import static org.ptreplay.strategies.presets.Names.PGTABLE_PMD_PUD;
import static org.ptreplay.strategies.presets.Names.ZAP_FOLIO_BATCH;

import java.util.Map;

/**
 * Linux 6.18: 6.17 with mremap's PTE batches ending where the write bit changes (04d1c9d60c6e,
 * "mm/mremap: honour writable bit in mremap pte batching", Dev Jain, merged during 6.18-rc and
 * backported to 6.17.y). The 6.18 mm pull (Andrew Morton, mm-stable for the 6.18 merge window:
 * swap cluster scan, kexec handover, PR_SET_THP_DISABLE, huge zero folio, zpool removal, swap
 * tables, OOM killer) changes none of the paths modelled here: move_ptes, the page-table moves,
 * copy_pte_range, zap_pte_range and change_pte_range batch as in 6.17, and the arm64 contpte and x86 INVLPGB
 * options are 6.17's.
 */
public final class Linux6_18 extends LinuxRelease {
    public Linux6_18() {
        super("6.18", "Linux 6.18: 6.17 with mremap batches that respect the write bit (04d1c9d60c6e)",
                paths(MOVE_HINT_BATCH + ":respect-write=on", PGTABLE_PMD_PUD, COPY_FOLIO_BATCH, ZAP_FOLIO_BATCH,
                        CHANGE_FOLIO_BATCH),
                Map.of(), ArchOptions.X86_INVLPGB, ArchOptions.ARM64_CONTPTE_6_17);
    }
}
