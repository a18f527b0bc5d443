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
 * @param fit       the profile parameter fitted to this figure (or to a published number it is formed
 *                  from), e.g. {@code apple-m3 arm64.tlbi_va.base_ns}; empty for a prediction. A fit
 *                  is shown as such and does not count as a prediction (docs/profiles.md, Calibration)
 */
public record Check(String id, double published, String quote, Figure figure, Tolerance tolerance,
                    Optional<String> knownGap, Optional<String> fit) {
    public Check {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(quote, "quote");
        Objects.requireNonNull(figure, "figure");
        Objects.requireNonNull(tolerance, "tolerance");
        Objects.requireNonNull(knownGap, "knownGap");
        Objects.requireNonNull(fit, "fit");
    }

    /** A check expected to pass. */
    static Check of(String id, double published, String quote, Figure figure, Tolerance tolerance) {
        return new Check(id, published, quote, figure, tolerance, Optional.empty(), Optional.empty());
    }

    /** The same check, expected to fail for {@code reason}. */
    Check knownGap(String reason) {
        return new Check(id, published, quote, figure, tolerance, Optional.of(reason), fit);
    }

    /** The same check, with {@code parameter} fitted to it: not a prediction. */
    Check fittedBy(String parameter) {
        return new Check(id, published, quote, figure, tolerance, knownGap, Optional.of(parameter));
    }

    /** Whether the check is a prediction: no profile parameter was fitted to its figure. */
    public boolean prediction() {
        return fit.isEmpty();
    }
}
