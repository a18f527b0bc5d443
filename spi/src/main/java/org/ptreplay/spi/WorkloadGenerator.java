package org.ptreplay.spi;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.ptreplay.trace.TraceEvent;

/** Generates a synthetic trace (jain-mremap, bigheap, fork-bench, ...). */
public interface WorkloadGenerator extends Provider {

    /** The parameters it accepts, with defaults. */
    List<OptionSpec> parameters();

    /** THP settings the workload is meant for, as {@code --thp} takes them (e.g. {@code 64K=always}). */
    default String recommendedThp(Map<String, String> params) {
        return "";
    }

    /**
     * Emits the events in order.
     *
     * @throws IllegalArgumentException with one sentence naming a bad parameter
     */
    void generate(Map<String, String> params, Consumer<TraceEvent> out);
}
