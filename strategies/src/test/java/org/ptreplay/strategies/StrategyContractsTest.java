package org.ptreplay.strategies;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.ptreplay.spi.Provider;
import org.ptreplay.spi.Strategy;
import org.ptreplay.testkit.contract.StrategyContractTest;

/** Every strategy of this module runs the testkit's contract, one nested class each. */
class StrategyContractsTest {

    /** The contracts below, in service-file order. */
    private static final List<Supplier<Strategy>> COVERED = List.of(MovePtesFolioBatch::new, MovePtesHintBatch::new,
            MovePtesHintOnly::new, MovePtesPtlHold::new, PgtableMovePmd::new, PgtableMovePmdPud::new,
            CopyPtesFolioBatch::new, ZapPtesFolioBatch::new);

    @Test
    void everyListedStrategyHasAContract() {
        assertEquals(ServiceFiles.strategies().stream().map(Provider::name).toList(),
                COVERED.stream().map(s -> s.get().name()).toList());
        assertEquals(COVERED.size(), Arrays.stream(StrategyContractsTest.class.getDeclaredClasses())
                .filter(StrategyContractTest.class::isAssignableFrom).count());
    }

    @Nested
    class MovePtesFolioBatchContract extends StrategyContractTest {
        @Override
        protected Strategy strategy() {
            return new MovePtesFolioBatch();
        }
    }

    @Nested
    class MovePtesHintBatchContract extends StrategyContractTest {
        @Override
        protected Strategy strategy() {
            return new MovePtesHintBatch();
        }
    }

    @Nested
    class MovePtesHintOnlyContract extends StrategyContractTest {
        @Override
        protected Strategy strategy() {
            return new MovePtesHintOnly();
        }
    }

    @Nested
    class MovePtesPtlHoldContract extends StrategyContractTest {
        @Override
        protected Strategy strategy() {
            return new MovePtesPtlHold();
        }
    }

    @Nested
    class PgtableMovePmdContract extends StrategyContractTest {
        @Override
        protected Strategy strategy() {
            return new PgtableMovePmd();
        }
    }

    @Nested
    class PgtableMovePmdPudContract extends StrategyContractTest {
        @Override
        protected Strategy strategy() {
            return new PgtableMovePmdPud();
        }
    }

    @Nested
    class CopyPtesFolioBatchContract extends StrategyContractTest {
        @Override
        protected Strategy strategy() {
            return new CopyPtesFolioBatch();
        }
    }

    @Nested
    class ZapPtesFolioBatchContract extends StrategyContractTest {
        @Override
        protected Strategy strategy() {
            return new ZapPtesFolioBatch();
        }
    }
}
