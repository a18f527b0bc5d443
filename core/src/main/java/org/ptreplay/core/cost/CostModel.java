package org.ptreplay.core.cost;

import org.ptreplay.core.kernel.Primitive;

/**
 * Turns charges into simulated time, in picoseconds (integers, so sums are exact and
 * deterministic). Built from a machine profile and the cell's cache model; the ledger calls it
 * once per charge.
 */
public interface CostModel {

    /** A model that prices everything at zero: counts only. */
    CostModel FREE = new CostModel() {
        @Override
        public long costPs(Primitive p, long n) {
            return 0;
        }

        @Override
        public long accessPs(Primitive p, long pa) {
            return 0;
        }

        @Override
        public long streamPs(long pa, long length, boolean write) {
            return 0;
        }
    };

    /** One charge of {@code p} with multiplicity {@code n} that touches no modelled memory. */
    long costPs(Primitive p, long n);

    /** One memory-touching {@code p} at simulated physical address {@code pa}, through the cache model. */
    long accessPs(Primitive p, long pa);

    /** User data [pa, pa + length) streamed through the caches by the workload (touch events). */
    long streamPs(long pa, long length, boolean write);
}
