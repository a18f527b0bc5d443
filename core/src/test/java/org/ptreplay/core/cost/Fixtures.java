package org.ptreplay.core.cost;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.ptreplay.core.profile.InvalidProfileException;
import org.ptreplay.core.profile.MachineProfile;
import org.ptreplay.core.profile.MachineProfiles;

/** The hand-priced test machines of the profile package's test resources. */
final class Fixtures {
    private Fixtures() {
    }

    /**
     * tiny-x86: L1 2 KiB, 4-way, 64 B lines (8 sets), 1 ns; L2 8 KiB, 8-way (16 sets), 4 ns;
     * memory 100 ns; prefetcher off (degree 2, fills L2).
     */
    static MachineProfile tinyX86() {
        return load("tiny-x86.txtpb");
    }

    /**
     * tiny-x86 with its prefetcher on, the pair-line prefetcher on and a stream prefetcher of
     * {@code degree} lines (0: none).
     */
    static MachineProfile tinyX86PairLines(int degree) {
        String text = text("tiny-x86.txtpb");
        String pair = text.replace("    enabled: false\n",
                        "    enabled: true\n    pair_lines: true\n    pair_lines_source: \"fixture\"\n")
                .replace("degree { value: 2 ", "degree { value: " + degree + " ");
        if (pair.equals(text)) {
            throw new IllegalStateException("tiny-x86.txtpb changed: no prefetcher switch to turn on");
        }
        return parse(pair, "tiny-x86 with pair lines");
    }

    /** tiny-arm64: L1 2 KiB, 4-way (8 sets), 2 ns; memory 102 ns; prefetcher on (degree 2, fills L1); 4 CPUs. */
    static MachineProfile tinyArm64() {
        return load("tiny-arm64.txtpb");
    }

    private static MachineProfile load(String name) {
        return parse(text(name), name);
    }

    private static String text(String name) {
        try (InputStream in = MachineProfile.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static MachineProfile parse(String text, String origin) {
        try {
            return MachineProfiles.parse(text, origin);
        } catch (InvalidProfileException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
