package org.ptreplay.tools.validate;

import java.util.Objects;

/**
 * A published absolute number shown next to its simulated counterpart but not checked: absolute
 * rates and times include work the simulator does not price (user space, exceptions, cold VMA structures),
 * so only the ratios of a case are checked (docs/validation.md).
 *
 * @param label     e.g. {@code linux-6.16}
 * @param published the published number, in {@code figure}'s unit
 * @param figure    the simulated counterpart
 */
public record Reading(String label, double published, Figure.Value figure) {
    public Reading {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(figure, "figure");
    }
}
