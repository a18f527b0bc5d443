package org.ptreplay.tools.validate;

import java.util.Objects;
import java.util.Optional;

/**
 * One published number and its simulated counterpart.
 *
 * @param id        short and unique within its case, e.g. {@code 6.17-rc1/6.16}
 * @param published the published figure, as the source gives it (or derived from its numbers, as
 *                  {@code quote} shows)
 * @param quote     the published numbers it comes from, e.g. {@code 81,503 / 143,857}
 * @param figure    how the simulated figure is formed
 * @param tolerance how close it must come
 * @param knownGap  why the model is expected to miss it, naming the missing model feature; empty
 *                  when it is expected to pass
 */
public record Check(String id, double published, String quote, Figure figure, Tolerance tolerance,
                    Optional<String> knownGap) {
    public Check {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(quote, "quote");
        Objects.requireNonNull(figure, "figure");
        Objects.requireNonNull(tolerance, "tolerance");
        Objects.requireNonNull(knownGap, "knownGap");
    }

    /** A check expected to pass. */
    static Check of(String id, double published, String quote, Figure figure, Tolerance tolerance) {
        return new Check(id, published, quote, figure, tolerance, Optional.empty());
    }

    /** The same check, expected to fail for {@code reason}. */
    Check knownGap(String reason) {
        return new Check(id, published, quote, figure, tolerance, Optional.of(reason));
    }
}
