package org.ptreplay.tools.local;

import java.util.Map;
import java.util.Objects;

/**
 * One generated workload of {@code validate --local}, executed natively and simulated under the
 * same THP settings.
 *
 * @param id        names it in the figures, e.g. {@code fork-64K}
 * @param generator a built-in workload generator
 * @param params    its parameters
 * @param thp       THP settings as {@code --thp} takes them; empty for the kernel defaults
 */
public record Workload(String id, String generator, Map<String, String> params, String thp) {
    public Workload {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(generator, "generator");
        params = Map.copyOf(params);
        Objects.requireNonNull(thp, "thp");
    }
}
