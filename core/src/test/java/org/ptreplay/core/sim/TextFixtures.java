package org.ptreplay.core.sim;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.ptreplay.trace.TextTrace;
import org.ptreplay.trace.TraceEvent;

/** Hand-written text traces in {@code fixtures/} beside this package's tests; their comments derive the asserted counts. */
final class TextFixtures {
    private TextFixtures() {
    }

    /** The events of {@code fixtures/NAME.txt}. */
    static List<TraceEvent> load(String name) {
        String file = "fixtures/" + name + ".txt";
        try (InputStream in = TextFixtures.class.getResourceAsStream(file)) {
            if (in == null) {
                throw new IllegalArgumentException("No test fixture " + file + " in package " + TextFixtures.class.getPackageName() + ".");
            }
            return TextTrace.parse(new InputStreamReader(in, StandardCharsets.UTF_8), file).events();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
