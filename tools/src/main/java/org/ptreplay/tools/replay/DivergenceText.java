package org.ptreplay.tools.replay;

import org.ptreplay.core.value.Divergence;
import org.ptreplay.trace.Flags;

/**
 * Divergences as the outputs say them, with the one known to be expected labelled so: an
 * {@code mprotect} that succeeded in the recording but finds nothing mapped in the model. Right
 * after start-up ld.so write-protects the RELRO of the program and of itself, memory that execve
 * mapped inside the kernel, so a trace from strace never shows it mapped (examples/traces/README.md;
 * two per program run in the bundled recordings).
 */
public final class DivergenceText {
    private DivergenceText() {
    }

    public static boolean expected(Divergence d) {
        return d.what().equals("mprotect result") && d.recorded() == 0 && d.model() == -Flags.ENOMEM;
    }

    public static String describe(Divergence d) {
        return expected(d)
                ? d.describe() + " Expected: ld.so's RELRO mprotect on memory execve mapped, which the trace does not show."
                : d.describe();
    }
}
