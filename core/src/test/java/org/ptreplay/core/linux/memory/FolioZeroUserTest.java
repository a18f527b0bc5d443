package org.ptreplay.core.linux.memory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The subpage order of {@code process_huge_page}, derived by hand from mm/memory.c for 8 subpages. */
class FolioZeroUserTest {

    @Test
    void aTargetInTheFirstHalfClearsTheEndDownwardsThenClosesInOnTheTarget() {
        // n = 2: 7..4 downwards, then (0, 3), (1, 2).
        assertArrayEquals(new int[] {7, 6, 5, 4, 0, 3, 1, 2}, order(8, 2));
        // n = 0: everything downwards, the first subpage last.
        assertArrayEquals(new int[] {7, 6, 5, 4, 3, 2, 1, 0}, order(8, 0));
        // n = 4 (2n = nr, still the first half): nothing before the pairs (0, 7), (1, 6), (2, 5), (3, 4).
        assertArrayEquals(new int[] {0, 7, 1, 6, 2, 5, 3, 4}, order(8, 4));
        // An order-0 page: itself.
        assertArrayEquals(new int[] {0}, order(1, 0));
    }

    @Test
    void aTargetInTheSecondHalfClearsTheBeginningUpwardsThenClosesInOnTheTarget() {
        // n = 6: base = 8 - 2 * 2 = 4, so 0..3 upwards, then (4, 7), (5, 6).
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 7, 5, 6}, order(8, 6));
        // n = 7: 0..5, then (6, 7).
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7}, order(8, 7));
        // n = 5: base = 2: 0, 1, then (2, 7), (3, 6), (4, 5).
        assertArrayEquals(new int[] {0, 1, 2, 7, 3, 6, 4, 5}, order(8, 5));
    }

    private static int[] order(int nr, int target) {
        List<Integer> seen = new ArrayList<>();
        FolioZeroUser.processHugePage(nr, target, seen::add);
        return seen.stream().mapToInt(Integer::intValue).toArray();
    }
}
