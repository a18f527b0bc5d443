package org.ptreplay.trace;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Thousands of random mutations of a small valid trace, binary or text: the reader reads the file
 * or throws a {@link TraceException}, never anything else. The timeout only guards against a hang (it is
 * minutes, for a test that takes about a second).
 */
class CorruptionFuzzTest {

    private static final int MUTATIONS = 1500;

    @ParameterizedTest
    @EnumSource(Codec.class)
    @Timeout(value = 5, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void mutatedFilesReadOrFailCleanly(Codec codec) throws Exception {
        byte[] valid = TraceTestFiles.write(codec, Fixtures.HEADER, Fixtures.EVERY_KIND);
        Random r = new Random(0x5eed + codec.ordinal());
        int rejected = 0;
        for (int i = 0; i < MUTATIONS; i++) {
            byte[] bad = mutate(valid, r);
            try {
                TraceTestFiles.readAll(new ByteArrayInputStream(bad), "fuzz.ptrace");
            } catch (TraceException e) {
                rejected++;
                assertTrue(e.getMessage().startsWith("fuzz.ptrace: "), e::getMessage);
                assertTrue(e.getMessage().endsWith("."), e::getMessage);
            } catch (Throwable t) {
                fail("mutation " + i + " of the " + codec.key() + " file: " + t, t);
            }
        }
        // Most mutations must be caught; a reader that accepted everything would pass the loop above.
        assertTrue(rejected > MUTATIONS / 2, "only " + rejected + " of " + MUTATIONS + " mutations were rejected");
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void mutatedTextTracesParseOrFailCleanly() {
        String valid = TextTrace.format(Fixtures.HEADER, Fixtures.EVERY_KIND);
        String alphabet = " \t\n#@=+-|\"\\0123456789abcdefxKMGTrwp_EINVAL?";
        Random r = new Random(0x7e57);
        int rejected = 0;
        for (int i = 0; i < MUTATIONS; i++) {
            StringBuilder text = new StringBuilder(valid);
            for (int n = 1 + r.nextInt(3); n > 0; n--) {
                int at = r.nextInt(text.length());
                switch (r.nextInt(3)) {
                    case 0 -> text.setCharAt(at, alphabet.charAt(r.nextInt(alphabet.length())));
                    case 1 -> text.insert(at, alphabet.charAt(r.nextInt(alphabet.length())));
                    default -> text.deleteCharAt(at);
                }
            }
            try {
                TextTrace.parse(new StringReader(text.toString()), "fuzz.txt");
            } catch (TraceException e) {
                rejected++;
                assertTrue(e.getMessage().startsWith("fuzz.txt: line "), e::getMessage);
            } catch (Throwable t) {
                fail("text mutation " + i + ": " + t + "\n" + text, t);
            }
        }
        assertTrue(rejected > MUTATIONS / 4, "only " + rejected + " of " + MUTATIONS + " mutations were rejected");
    }

    /** One to three bit flips, a truncation, an insertion of random bytes, or a deleted range. */
    private static byte[] mutate(byte[] valid, Random r) {
        byte[] b = valid.clone();
        switch (r.nextInt(4)) {
            case 0 -> {
                for (int n = 1 + r.nextInt(3); n > 0; n--) {
                    int at = r.nextInt(b.length);
                    b[at] ^= (byte) (1 << r.nextInt(8));
                }
                return b;
            }
            case 1 -> {
                return Arrays.copyOf(b, r.nextInt(b.length));
            }
            case 2 -> {
                int at = r.nextInt(b.length + 1);
                byte[] junk = new byte[1 + r.nextInt(16)];
                r.nextBytes(junk);
                byte[] out = new byte[b.length + junk.length];
                System.arraycopy(b, 0, out, 0, at);
                System.arraycopy(junk, 0, out, at, junk.length);
                System.arraycopy(b, at, out, at + junk.length, b.length - at);
                return out;
            }
            default -> {
                int at = r.nextInt(b.length);
                int len = 1 + r.nextInt(Math.min(16, b.length - at));
                byte[] out = new byte[b.length - len];
                System.arraycopy(b, 0, out, 0, at);
                System.arraycopy(b, at + len, out, at, b.length - at - len);
                return out;
            }
        }
    }
}
