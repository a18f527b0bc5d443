package org.ptreplay.core.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ptreplay.core.cost.CostModel;
import org.ptreplay.core.cost.ProfileCostModel;
import org.ptreplay.core.value.SimResult;
import org.ptreplay.core.value.ThpSpec;
import org.ptreplay.spi.ops.Primitive;
import org.ptreplay.trace.TraceEvent;

/**
 * Issue #15: the ledger charges a primitive whose price is linear in its count from the price per
 * unit it took from the cost model ({@code CostModel.unitPs}) instead of asking the model each
 * time. The random traces of {@link RangePathsDifferentialTest} are replayed with the model as it
 * is (on) and behind a wrapper that offers no unit prices, so every charge asks {@code costPs}
 * (off): the whole {@link SimResult} and the served-by-level counts must be equal, and on must not
 * have asked the model for any charge it had a unit price for.
 */
class UnitPricesDifferentialTest {

    @ParameterizedTest(name = "{0}, THP {1}, seed {2}")
    @CsvSource({
        "tiny, enabled=never, 21",
        "tiny-pair-lines, 16K=always, 22",
        "wide, enabled=always, 23",
        "free, 64K=always, 24",
    })
    void unitPricesGiveWhatCostPsGives(String machine, String thp, long seed) {
        List<TraceEvent> trace = RangePathsDifferentialTest.randomTrace(new Random(seed));
        CostModel onModel = RangePathsDifferentialTest.cost(machine);
        Asking on = new Asking(onModel, true);
        CostModel offModel = RangePathsDifferentialTest.cost(machine);
        Asking off = new Asking(offModel, false);
        SimResult withUnits = replay(thp, on, trace);
        SimResult withoutUnits = replay(thp, off, trace);
        assertEquals(withoutUnits, withUnits);
        if (onModel instanceof ProfileCostModel p) {
            assertArrayEquals(((ProfileCostModel) offModel).servedByLevel(), p.servedByLevel());
        }
        assertTrue(off.linearAsked > 10_000, "charges asked of the model without unit prices: " + off.linearAsked);
        assertEquals(0, on.linearAsked, "charges with a unit price that still asked the model");
    }

    private static SimResult replay(String thp, CostModel cost, List<TraceEvent> trace) {
        Kernel k = new Kernel(SimConfig.builder(new TestArch()).thp(ThpSpec.parse(thp)).cpus(2).cost(cost).build());
        return k.replay(trace);
    }

    /** Delegates to a model, offering its unit prices or not, and counts the costPs calls it had one for. */
    private static final class Asking extends ForwardingCostModel {
        private final boolean units;
        long linearAsked;

        Asking(CostModel model, boolean units) {
            super(model);
            this.units = units;
        }

        @Override
        public long costPs(Primitive p, long n) {
            if (model.unitPs(p) >= 0) {
                linearAsked++;
            }
            return model.costPs(p, n);
        }

        @Override
        public long unitPs(Primitive p) {
            return units ? model.unitPs(p) : -1;
        }
    }
}
