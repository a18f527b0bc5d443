package org.ptreplay.core.mem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.BitSet;
import org.junit.jupiter.api.Test;

class SeededPermutationTest {
    @Test
    void everyElementIsHitOnceWhateverTheSize() {
        for (long n : new long[] {1, 2, 3, 7, 8, 1000, 1025, 5376}) {
            SeededPermutation p = new SeededPermutation(n, 42);
            BitSet seen = new BitSet();
            for (long i = 0; i < n; i++) {
                seen.set((int) p.apply(i));
            }
            assertEquals(n, seen.cardinality());
            assertEquals(n, seen.length());
        }
    }

    @Test
    void theSeedDecidesTheOrder() {
        assertEquals(new SeededPermutation(1000, 1).apply(5), new SeededPermutation(1000, 1).apply(5));
        long same = 0;
        for (long i = 0; i < 1000; i++) {
            same += new SeededPermutation(1000, 1).apply(i) == new SeededPermutation(1000, 2).apply(i) ? 1 : 0;
        }
        assertNotEquals(1000, same);
    }
}
