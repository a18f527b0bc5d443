package org.ptreplay.strategies.presets;

import static org.ptreplay.strategies.presets.Names.CHANGE_PER_PTE;
import static org.ptreplay.strategies.presets.Names.COPY_PER_PTE;
import static org.ptreplay.strategies.presets.Names.MOVE_PER_PTE;
import static org.ptreplay.strategies.presets.Names.PGTABLE_NONE;
import static org.ptreplay.strategies.presets.Names.ZAP_PER_PTE;

import java.util.Map;

/**
 * Linux 4.19: per-PTE everywhere; move_ptes flushes inside the PTLs whenever a present entry
 * moved (eb66ae030829, CVE-2018-18281); no page-table moves yet (HAVE_MOVE_PMD came in 5.0).
 */
public final class Linux4_19 extends LinuxRelease {
    public Linux4_19() {
        super("4.19", "Linux 4.19: per-PTE mremap/fork/zap, in-PTL mremap flush (eb66ae030829), no page-table moves",
                paths(MOVE_PER_PTE, PGTABLE_NONE, COPY_PER_PTE, ZAP_PER_PTE, CHANGE_PER_PTE),
                Map.of(), ArchOptions.X86_IPI, ArchOptions.ARM64_NO_CONTPTE);
    }
}
