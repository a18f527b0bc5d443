package org.ptreplay.core.ledger;

import org.ptreplay.spi.Strategy;

/**
 * A strategy returned what its SPI contract rules out (a zap that ends outside its extent): the
 * strategy's fault, not the model's, so the replay can name it even though its frame has returned.
 */
public final class StrategyContractException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient Strategy strategy;

    public StrategyContractException(Strategy strategy, String what) {
        super(what);
        this.strategy = strategy;
    }

    public Strategy strategy() {
        return strategy;
    }
}
