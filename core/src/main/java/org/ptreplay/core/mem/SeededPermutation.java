package org.ptreplay.core.mem;

/**
 * A seeded bijection of [0, n): a mixing bijection of the smallest power of two that holds n
 * (odd multiplications, additions and right xor-shifts are invertible modulo a power of two),
 * applied again while the result falls outside [0, n) ("cycle walking", which keeps it a
 * bijection and takes fewer than two steps on average). O(1) memory, whatever n is.
 */
final class SeededPermutation {
    private final long n;
    private final int bits;
    private final long mask;
    private final long mul1;
    private final long add;
    private final long mul2;

    SeededPermutation(long n, long seed) {
        if (n < 1) {
            throw new IllegalArgumentException("a permutation needs at least one element, not " + n);
        }
        this.n = n;
        this.bits = Math.max(1, 64 - Long.numberOfLeadingZeros(n - 1));
        this.mask = bits == 64 ? -1L : (1L << bits) - 1;
        long s = seed;
        this.mul1 = splitMix(s += 0x9E3779B97F4A7C15L) | 1;
        this.add = splitMix(s += 0x9E3779B97F4A7C15L);
        this.mul2 = splitMix(s + 0x9E3779B97F4A7C15L) | 1;
    }

    /** The image of {@code i}, 0 ≤ i &lt; n. */
    long apply(long i) {
        long x = i;
        do {
            x = mix(x);
        } while (x >= n);
        return x;
    }

    private long mix(long x) {
        x = (x * mul1 + add) & mask;
        x ^= x >>> ((bits + 1) / 2);
        x = (x * mul2) & mask;
        x ^= x >>> ((bits + 2) / 3);
        return x;
    }

    private static long splitMix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
