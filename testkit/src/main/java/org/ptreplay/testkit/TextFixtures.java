package org.ptreplay.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;
import org.ptreplay.trace.TextTrace;
import org.ptreplay.trace.TraceEvent;

/**
 * Text-form traces kept as test resources, {@code fixtures/NAME.txt} beside the test class, whose
 * comment lines derive the counts the test asserts (trace-format/README.md has the grammar).
 */
public final class TextFixtures {
    private TextFixtures() {
    }

    /**
     * The events of {@code fixtures/NAME.txt}. Pass the test class's resource opener,
     * {@code MyTest.class::getResourceAsStream}: resource lookup is checked against the caller's
     * module, so the test's own class must open it.
     *
     * @throws IllegalArgumentException when there is no such fixture
     */
    public static List<TraceEvent> events(Function<String, InputStream> resources, String name) {
        String file = "fixtures/" + name + ".txt";
        try (InputStream in = resources.apply(file)) {
            if (in == null) {
                throw new IllegalArgumentException("No test fixture " + file + " beside the test class.");
            }
            return TextTrace.parse(new InputStreamReader(in, StandardCharsets.UTF_8), file).events();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
