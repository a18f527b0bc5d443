package org.ptreplay.core.replay;

import java.util.Objects;
import org.ptreplay.core.value.SimResult;

/**
 * What one cell produced.
 *
 * @param spec        what was asked for
 * @param archOptions the arch options it ran with, and why
 * @param cpus        logical CPUs of the simulated machine (the profile's, or {@code --cpus})
 * @param result      the simulation result
 */
public record CellResult(CellSpec spec, EffectiveArchOptions archOptions, int cpus, SimResult result) {
    public CellResult {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(archOptions, "archOptions");
        Objects.requireNonNull(result, "result");
    }
}
