package org.ptreplay.tools;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.ptreplay.spi.loader.DidYouMean;
import org.ptreplay.trace.Codec;

/** The {@code --codec} value of generate, convert and record, with the one did-you-mean of every name. */
final class CodecOption {
    private static final List<String> KEYS = Arrays.stream(Codec.values()).map(Codec::key).toList();

    private CodecOption() {
    }

    /** The codec named {@code key} (any case), or null for none given: the command's default. */
    static Codec parse(String key) {
        if (key == null) {
            return null;
        }
        String k = key.strip().toLowerCase(Locale.ROOT);
        if (!KEYS.contains(k)) {
            throw CommandFailure.badUsage("unknown codec '" + key + "'" + DidYouMean.hint(k, KEYS)
                    + "; codecs: " + String.join(", ", KEYS));
        }
        return Codec.fromKey(k);
    }
}
