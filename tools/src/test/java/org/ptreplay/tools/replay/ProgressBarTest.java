package org.ptreplay.tools.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ProgressBarTest {
    @Test
    void barWhenTheTotalIsKnown() {
        // 1/4 of 30 columns: 7 '=' then the head; 1 M events in 0.5 s, so 3 M more take 1.5 s: 2 s rounded up.
        assertEquals("[=======>                      ] 25% 1000000/4000000 events, 2.0 M events/s, ETA 2s",
                ProgressBar.line(1_000_000, 4_000_000, 500_000_000L));
        assertEquals("[==============================] 100% 4/4 events, 4 events/s", ProgressBar.line(4, 4, 1_000_000_000L));
        // 1000 events/s with 99,000 to go: 99 s.
        assertEquals("[>                             ] 1% 1000/100000 events, 1000 events/s, ETA 1m39s",
                ProgressBar.line(1_000, 100_000, 1_000_000_000L));
        assertEquals("2h05m", ProgressBar.duration(7500));
    }

    @Test
    void countOnlyWhenTheHeaderDoesNotKnowTheTotal() {
        assertEquals("1500000 events, 1.5 M events/s", ProgressBar.line(1_500_000, 0, 1_000_000_000L));
        assertEquals("0 events, 0 events/s", ProgressBar.line(0, 0, 0));
    }
}
