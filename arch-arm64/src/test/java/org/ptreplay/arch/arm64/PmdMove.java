package org.ptreplay.arch.arm64;

import org.ptreplay.spi.PgtableMoveStrategy;
import org.ptreplay.spi.Spi;

/** Test strategy: CONFIG_HAVE_MOVE_PMD on, PUD moves off (arm64 5.10). */
final class PmdMove implements PgtableMoveStrategy {
    public String name() { return "pgtable-move/pmd-test"; }
    public String description() { return "test: move_normal_pmd only"; }
    public String spiVersion() { return Spi.VERSION; }
    public boolean movePmd() { return true; }
    public boolean movePud() { return false; }
}
