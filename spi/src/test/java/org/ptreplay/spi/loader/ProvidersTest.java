package org.ptreplay.spi.loader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.ptreplay.spi.MovePtesStrategy;
import org.ptreplay.spi.Spi;
import org.ptreplay.spi.ops.MovePtesContext;

/** The loader's rules and lookup on providers made in the test; plugin jars are tools' tests. */
class ProvidersTest {

    /** A move_ptes strategy with the given identity. */
    private record Move(String name, String description, String spiVersion) implements MovePtesStrategy {
        @Override
        public boolean movePtes(MovePtesContext ctx) {
            throw new UnsupportedOperationException("never replayed");
        }
    }

    @Test
    void checkAppliesTheVersionAndNameRules() {
        assertEquals(Optional.empty(), Providers.check(new Move("move-ptes/x", "d", Spi.VERSION)));
        assertEquals(Optional.of("built for SPI 2.0, this ptreplay has SPI " + Spi.VERSION),
                Providers.check(new Move("move-ptes/x", "d", "2.0")));
        assertEquals(Optional.of("declares SPI version \"one\", which is not MAJOR.MINOR"),
                Providers.check(new Move("move-ptes/x", "d", "one")));
        assertEquals(Optional.of("invalid name \"zap-ptes/x\": a move-ptes strategy is named move-ptes/<variant>"),
                Providers.check(new Move("zap-ptes/x", "d", Spi.VERSION)));
        assertEquals(Optional.of("description() returned null"), Providers.check(new Move("move-ptes/x", null, Spi.VERSION)));
    }

    @Test
    void builtInsOfTheSpiAloneAreNoneAndLookupsSaySo() {
        Providers none = Providers.builtIn();
        assertEquals(0, none.names(ProviderKind.STRATEGY).size());
        UnknownProviderException e = assertThrows(UnknownProviderException.class,
                () -> none.require(ProviderKind.STRATEGY, "move-ptes/x"));
        assertEquals("unknown strategy 'move-ptes/x'; no strategies are usable", e.getMessage());
    }
}
