package org.ptreplay.strategies.presets;

import static org.ptreplay.strategies.presets.Names.CHANGE_PER_PTE;
import static org.ptreplay.strategies.presets.Names.COPY_PER_PTE;
import static org.ptreplay.strategies.presets.Names.MOVE_PER_PTE;
import static org.ptreplay.strategies.presets.Names.PGTABLE_PMD_PUD;
import static org.ptreplay.strategies.presets.Names.ZAP_PER_PTE;

import java.util.Map;

/**
 * Linux 5.11: HAVE_MOVE_PMD on arm64 since 5.10 (45544eee9606) and HAVE_MOVE_PUD on both
 * arches (c49dd3401802 move_normal_pud, be37c98d1134 x86, f5308c896d5d arm64).
 */
public final class Linux5_11 extends LinuxRelease {
    public Linux5_11() {
        super("5.11", "Linux 5.11: mremap moves PTE and PMD tables on x86 and arm64 (c49dd3401802, be37c98d1134, f5308c896d5d)",
                paths(MOVE_PER_PTE, PGTABLE_PMD_PUD, COPY_PER_PTE, ZAP_PER_PTE, CHANGE_PER_PTE),
                Map.of(), ArchOptions.X86_IPI, ArchOptions.ARM64_NO_CONTPTE);
    }
}
