package org.ptreplay.core.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.ptreplay.core.linux.memory.PerPteCopyPtes;
import org.ptreplay.core.linux.memory.PerPteZapPtes;
import org.ptreplay.core.linux.mprotect.PerPteChangePtes;
import org.ptreplay.core.linux.mremap.NoPgtableMove;
import org.ptreplay.core.linux.mremap.PerPteMovePtes;
import org.ptreplay.spi.Strategy;
import org.ptreplay.testkit.contract.StrategyContractTest;

/** Core's reference loops run the testkit's strategy contract like every other strategy. */
class ReferenceStrategyContractsTest {

    @Test
    void everyStrategyCoreProvidesHasAContract() {
        long declared = PerPteMovePtes.class.getModule().getDescriptor().provides().stream()
                .filter(p -> p.service().equals(Strategy.class.getName()))
                .mapToLong(p -> p.providers().size()).sum();
        assertEquals(declared, Arrays.stream(ReferenceStrategyContractsTest.class.getDeclaredClasses())
                .filter(StrategyContractTest.class::isAssignableFrom).count());
    }

    @Nested
    class PerPteMovePtesContract extends StrategyContractTest {
        @Override
        protected Strategy strategy() {
            return new PerPteMovePtes();
        }
    }

    @Nested
    class NoPgtableMoveContract extends StrategyContractTest {
        @Override
        protected Strategy strategy() {
            return new NoPgtableMove();
        }
    }

    @Nested
    class PerPteCopyPtesContract extends StrategyContractTest {
        @Override
        protected Strategy strategy() {
            return new PerPteCopyPtes();
        }
    }

    @Nested
    class PerPteZapPtesContract extends StrategyContractTest {
        @Override
        protected Strategy strategy() {
            return new PerPteZapPtes();
        }
    }

    @Nested
    class PerPteChangePtesContract extends StrategyContractTest {
        @Override
        protected Strategy strategy() {
            return new PerPteChangePtes();
        }
    }
}
