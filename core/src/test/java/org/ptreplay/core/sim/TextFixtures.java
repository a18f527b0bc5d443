package org.ptreplay.core.sim;

import java.util.List;
import org.ptreplay.trace.TraceEvent;

/** Hand-written text traces in {@code fixtures/} beside this package's tests; their comments derive the asserted counts. */
final class TextFixtures {
    private TextFixtures() {
    }

    /** The events of {@code fixtures/NAME.txt}, read by the testkit's loader. */
    static List<TraceEvent> load(String name) {
        return org.ptreplay.testkit.TextFixtures.events(TextFixtures.class::getResourceAsStream, name);
    }
}
