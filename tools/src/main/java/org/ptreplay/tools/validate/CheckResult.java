package org.ptreplay.tools.validate;

/**
 * A check with its simulated figure.
 *
 * @param check     the published figure and its tolerance
 * @param simulated the simulated figure
 */
public record CheckResult(Check check, double simulated) {

    public boolean passed() {
        return check.tolerance().accepts(check.published(), simulated);
    }

    public double error() {
        return check.tolerance().error(check.published(), simulated);
    }
}
