package org.ptreplay.core.linux.mremap;

import org.ptreplay.spi.PgtableMoveStrategy;
import org.ptreplay.spi.Spi;

/** No page-table relinks: every mremap moves PTEs (Linux before 2c91bd4a4e2e, v5.0). */
public final class NoPgtableMove implements PgtableMoveStrategy {

    @Override
    public String name() {
        return "pgtable-move/none";
    }

    @Override
    public String description() {
        return "mremap moves every PTE; no move_normal_pmd/pud (Linux < 5.0)";
    }

    @Override
    public String spiVersion() {
        return Spi.VERSION;
    }

    @Override
    public boolean movePmd() {
        return false;
    }

    @Override
    public boolean movePud() {
        return false;
    }
}
