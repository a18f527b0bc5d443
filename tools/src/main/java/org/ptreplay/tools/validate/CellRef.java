package org.ptreplay.tools.validate;

import java.util.Objects;

/** A cell of an experiment: its arch argument and strategy argument as written in the experiment. */
public record CellRef(String experiment, String arch, String strategy) {
    public CellRef {
        Objects.requireNonNull(experiment, "experiment");
        Objects.requireNonNull(arch, "arch");
        Objects.requireNonNull(strategy, "strategy");
    }

    @Override
    public String toString() {
        return experiment + ":" + arch + "/" + strategy;
    }
}
