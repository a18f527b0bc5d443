package org.ptreplay.spi;

import java.util.List;
import java.util.Map;

/**
 * A PTE-batching strategy for one kernel path. Its name is {@code <path prefix>/<variant>}, e.g.
 * {@code move-ptes/folio-batch}. Implement one of the permitted sub-interfaces.
 */
public sealed interface Strategy extends Provider
        permits MovePtesStrategy, PgtableMoveStrategy, CopyPtesStrategy, ZapPtesStrategy, ChangePtesStrategy {

    KernelPath path();

    /** Options this strategy accepts (e.g. {@code respect-write=true}); none by default. */
    default List<OptionSpec> options() {
        return List.of();
    }

    /**
     * This strategy with {@code options} applied; {@code this} when there are none.
     *
     * @throws IllegalArgumentException with one sentence naming an unknown option or bad value
     */
    default Strategy configure(Map<String, String> options) {
        if (!options.isEmpty()) {
            throw new IllegalArgumentException("strategy " + name() + " takes no options, got " + options.keySet());
        }
        return this;
    }
}
