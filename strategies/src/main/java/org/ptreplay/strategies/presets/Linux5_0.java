package org.ptreplay.strategies.presets;

import static org.ptreplay.strategies.presets.Names.CHANGE_PER_PTE;
import static org.ptreplay.strategies.presets.Names.COPY_PER_PTE;
import static org.ptreplay.strategies.presets.Names.MOVE_PER_PTE;
import static org.ptreplay.strategies.presets.Names.PGTABLE_NONE;
import static org.ptreplay.strategies.presets.Names.PGTABLE_PMD;
import static org.ptreplay.strategies.presets.Names.ZAP_PER_PTE;

import java.util.Map;
import org.ptreplay.spi.KernelPath;

/**
 * Linux 5.0: x86 selects HAVE_MOVE_PMD (2c91bd4a4e2e, Joel Fernandes); arm64 does not until 5.10
 * (45544eee9606), so it still moves every PTE.
 */
public final class Linux5_0 extends LinuxRelease {
    public Linux5_0() {
        super("5.0", "Linux 5.0: x86 moves whole PTE tables in mremap (2c91bd4a4e2e), arm64 does not yet",
                paths(MOVE_PER_PTE, PGTABLE_NONE, COPY_PER_PTE, ZAP_PER_PTE, CHANGE_PER_PTE),
                Map.of("x86", Map.of(KernelPath.PGTABLE_MOVE, PGTABLE_PMD)),
                ArchOptions.X86_IPI, ArchOptions.ARM64_NO_CONTPTE);
    }
}
