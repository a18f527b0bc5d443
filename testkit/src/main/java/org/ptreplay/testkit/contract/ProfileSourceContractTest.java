package org.ptreplay.testkit.contract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.ptreplay.spi.MachineProfileSource;
import org.ptreplay.spi.Provider;
import org.ptreplay.spi.loader.Providers;
import org.ptreplay.trace.Printable;

/**
 * What every machine-profile source must do, checked without the simulator: extend it and return
 * the source from {@link #source()}. The profile's numbers are core's to check (its profile
 * loader refuses a number without a source); this suite checks the provider around them: the
 * loader's rules, a resource that opens every time with the same bytes in UTF-8, and a text whose
 * top-level {@code name} and {@code arch} are the provider's, so that {@code plugins} and the
 * replay report one name for one profile.
 */
public abstract class ProfileSourceContractTest {

    /** For subclasses: one per profile source under test. */
    protected ProfileSourceContractTest() {
    }

    /** The source under test, as its no-argument constructor makes it. */
    protected abstract MachineProfileSource source();

    @Test
    public void passesTheLoadersRules() {
        assertEquals(Optional.empty(), Providers.check(source()), "Providers.check");
        assertTrue(Provider.NAME.matcher(source().arch()).matches(), "arch " + source().arch());
    }

    @Test
    public void describesItselfOnOnePrintableLine() {
        String description = source().description();
        assertFalse(description.isBlank(), "description is blank");
        assertEquals(description, Printable.of(description), "description has control characters");
    }

    @Test
    public void opensTheSameUtf8TextEveryTime() throws IOException {
        byte[] first = read();
        assertTrue(first.length > 0, "empty profile");
        assertArrayEquals(first, read(), "a second open() gives other bytes");
        try {
            StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(first));
        } catch (CharacterCodingException e) {
            throw new AssertionError("the profile text is not UTF-8", e);
        }
    }

    @Test
    public void theTextNamesTheProvidersNameAndArch() throws IOException {
        String text = new String(read(), StandardCharsets.UTF_8);
        assertEquals(source().name(), field(text, "name"), "name: in the text");
        assertEquals(source().arch(), field(text, "arch"), "arch: in the text");
    }

    private byte[] read() throws IOException {
        try (InputStream in = source().open()) {
            return in.readAllBytes();
        }
    }

    /** A top-level string field of the text format, {@code key: "value"} at the start of a line. */
    private static String field(String text, String key) {
        Matcher m = Pattern.compile("(?m)^" + key + ":\\s*\"([^\"]*)\"").matcher(text);
        return m.find() ? m.group(1) : null;
    }
}
