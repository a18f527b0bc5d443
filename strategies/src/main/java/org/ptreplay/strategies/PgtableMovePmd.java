package org.ptreplay.strategies;

import org.ptreplay.spi.PgtableMoveStrategy;
import org.ptreplay.spi.Spi;

/**
 * {@code pgtable-move/pmd}: CONFIG_HAVE_MOVE_PMD, {@code move_normal_pmd} relinks a whole PTE
 * table when an extent covers an aligned PMD. x86 since 5.0 (2c91bd4a4e2e, Joel Fernandes,
 * "mm: speed up mremap by 20x on large regions"); arm64 since 5.10 (45544eee9606, Kalesh Singh).
 */
public final class PgtableMovePmd implements PgtableMoveStrategy {

    @Override
    public String name() {
        return "pgtable-move/pmd";
    }

    @Override
    public String description() {
        return "mremap relinks PTE tables of PMD-aligned extents (HAVE_MOVE_PMD: x86 2c91bd4a4e2e, 5.0; arm64 45544eee9606, 5.10)";
    }

    @Override
    public String spiVersion() {
        return Spi.VERSION;
    }

    @Override
    public boolean movePmd() {
        return true;
    }

    @Override
    public boolean movePud() {
        return false;
    }
}
