package org.example.ptreplay.plugin;

import org.ptreplay.spi.Strategy;
import org.ptreplay.testkit.contract.StrategyContractTest;

/**
 * What ptreplay requires of every strategy (the loader's name and SPI rules, options, the kernel
 * contract of move_ptes on a hand-derived layout, determinism), from the testkit.
 */
class FolioCacheMovePtesContractTest extends StrategyContractTest {
    @Override
    protected Strategy strategy() {
        return new FolioCacheMovePtes();
    }
}
