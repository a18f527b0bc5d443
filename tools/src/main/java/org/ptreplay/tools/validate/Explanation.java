package org.ptreplay.tools.validate;

import java.util.Objects;

/**
 * A simulated number that shows where a case's difference comes from (the path and primitive
 * behind it and what one of them costs), printed by {@code ptreplay demo} and in validate's
 * JSON; it has no published counterpart and is not checked.
 *
 * @param label  e.g. {@code SP_R per mremap in move_ptes, 6.17-rc1}
 * @param figure the simulated number
 */
public record Explanation(String label, Figure.Value figure) {
    public Explanation {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(figure, "figure");
    }
}
