package org.ptreplay.strategies.presets;

import static org.ptreplay.strategies.presets.Names.CHANGE_PER_PTE;
import static org.ptreplay.strategies.presets.Names.COPY_PER_PTE;
import static org.ptreplay.strategies.presets.Names.MOVE_PER_PTE;
import static org.ptreplay.strategies.presets.Names.PGTABLE_PMD_PUD;
import static org.ptreplay.strategies.presets.Names.ZAP_PER_PTE;

import java.util.Map;

/**
 * Linux 6.8: the last release before fork/zap batching (f8d937761d65, 10ebac4f95e7) and arm64
 * contpte, both in 6.9; the baseline of David Hildenbrand's fork numbers (v6.8-rc1).
 */
public final class Linux6_8 extends LinuxRelease {
    public Linux6_8() {
        super("6.8", "Linux 6.8: per-PTE fork and zap, page-table moves, no arm64 contpte",
                paths(MOVE_PER_PTE, PGTABLE_PMD_PUD, COPY_PER_PTE, ZAP_PER_PTE, CHANGE_PER_PTE),
                Map.of(), ArchOptions.X86_IPI, ArchOptions.ARM64_NO_CONTPTE);
    }
}
