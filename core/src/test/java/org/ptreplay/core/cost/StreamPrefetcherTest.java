package org.ptreplay.core.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Hand-derived line sequences: degree 4, 64-byte lines, so 64 lines per 4 KiB page. */
class StreamPrefetcherTest {
    private final StreamPrefetcher p = new StreamPrefetcher(4, 6);

    @Test
    void anAscendingPairAsksForTheNextLinesAndThenOneMorePerAccess() {
        assertFalse(p.train(100));
        assertEquals(List.of(102L, 103L, 104L, 105L), issued(101));
        assertEquals(List.of(106L), issued(102));
    }

    @Test
    void aDescendingPairAsksForTheLinesBelowNearestFirst() {
        assertFalse(p.train(200));
        assertEquals(List.of(198L, 197L, 196L, 195L), issued(199));
        assertEquals(List.of(194L), issued(198));
    }

    @Test
    void aDescendingStreamStopsAtItsPagesFirstLine() {
        // Lines 192..255 are one 4 KiB page.
        assertFalse(p.train(194));
        assertEquals(List.of(192L), issued(193));
        assertFalse(p.train(192));
        // Line 191 is another page: a new stream.
        assertFalse(p.train(191));
    }

    @Test
    void aStreamThatTurnsAsksAgainInItsNewDirection() {
        assertFalse(p.train(10));
        assertEquals(List.of(12L, 13L, 14L, 15L), issued(11));
        assertEquals(List.of(9L, 8L, 7L, 6L), issued(10));
    }

    @Test
    void aJumpRestartsTheStreamFromTheNewLine() {
        assertFalse(p.train(300));
        assertFalse(p.train(302));
        assertEquals(List.of(304L, 305L, 306L, 307L), issued(303));
        assertFalse(p.train(303));
    }

    private List<Long> issued(long line) {
        assertTrue(p.train(line), "line " + line + " should trigger a prefetch");
        List<Long> out = new ArrayList<>();
        for (int k = 0; k < p.issueCount(); k++) {
            out.add(p.issueLine(k));
        }
        return out;
    }
}
