package org.ptreplay.strategies;

import org.ptreplay.core.kernel.MovePtesContext;
import org.ptreplay.core.spi.MovePtesStrategy;
import org.ptreplay.core.spi.Spi;

/**
 * PLACEHOLDER until the strategies land: the name of the 6.17-rc1 mremap batching
 * (f822a9a81a31), so that discovery is real from the first build. It says
 * {@link Status#NOT_IMPLEMENTED} and refuses to simulate.
 */
public final class FolioBatchMovePtes implements MovePtesStrategy {

    @Override
    public String name() {
        return "move-ptes/folio-batch";
    }

    @Override
    public String description() {
        return "move_ptes with folio PTE batching, f822a9a81a31 (placeholder, not implemented yet)";
    }

    @Override
    public String spiVersion() {
        return Spi.VERSION;
    }

    @Override
    public Status status() {
        return Status.NOT_IMPLEMENTED;
    }

    @Override
    public boolean movePtes(MovePtesContext ctx) {
        throw new UnsupportedOperationException("strategy move-ptes/folio-batch is not implemented yet");
    }
}
