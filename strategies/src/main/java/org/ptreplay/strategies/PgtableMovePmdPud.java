package org.ptreplay.strategies;

import org.ptreplay.spi.PgtableMoveStrategy;
import org.ptreplay.spi.Spi;

/**
 * {@code pgtable-move/pmd+pud}: CONFIG_HAVE_MOVE_PMD and CONFIG_HAVE_MOVE_PUD, as in 5.11 (Kalesh
 * Singh: c49dd3401802 adds {@code move_normal_pud}, be37c98d1134 selects it on x86, f5308c896d5d
 * on arm64): a PUD-aligned extent relinks a whole PMD table.
 */
public final class PgtableMovePmdPud implements PgtableMoveStrategy {

    @Override
    public String name() {
        return "pgtable-move/pmd+pud";
    }

    @Override
    public String description() {
        return "mremap relinks PTE and PMD tables of aligned extents (HAVE_MOVE_PUD: c49dd3401802, be37c98d1134, f5308c896d5d, 5.11)";
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
        return true;
    }
}
