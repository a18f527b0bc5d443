package org.ptreplay.tools.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.ptreplay.core.value.ThpSpec;
import org.ptreplay.tools.nativeexec.NativeRun;
import org.ptreplay.tools.text.Json;

/**
 * A row of validate --local from its native runs: the real value is their median, the spread
 * (max - min) / median, and the row is noisy when a run lies outside the tolerance of the median;
 * a noisy row passes only when the median is within tolerance of the simulation.
 */
class LocalResultTest {
    private static final LocalFigure RATIO = new LocalFigure("fork 16K/4K", "a ratio", true, t -> t.ns("a", "fork") / t.ns("b", "fork"));
    private static final LocalFigure TIME = new LocalFigure("fork 4K ns/PTE", "a time", false, t -> t.ns("a", "fork"));

    @Test
    void theRealValueIsTheMedianOfTheRunsAndTheSpreadTheirRange() {
        LocalResult.Row row = new LocalResult.Row(RATIO, List.of(0.80, 0.70, 0.74), 0.75);
        assertEquals(0.74, row.real());
        // (0.80 - 0.70) / 0.74
        assertEquals(0.1351, row.spread(), 1e-4);
        // ±0.05 around 0.74: 0.80 and 0.70 are both beyond 0.69..0.79 only for 0.80.
        assertTrue(row.noisy());
        assertTrue(row.passed(), "0.75 is within 0.05 of the median 0.74");
    }

    @Test
    void runsWithinTheToleranceOfTheMedianAreNotNoisy() {
        LocalResult.Row row = new LocalResult.Row(TIME, List.of(100.0, 110.0, 120.0, 90.0, 105.0), 140.0);
        assertEquals(105.0, row.real());
        // ±25 % of 105 is 78.75..131.25: every run is inside.
        assertFalse(row.noisy());
        // 140 is +33 % of 105.
        assertFalse(row.passed());
    }

    @Test
    void aNoisyRowOutsideToleranceStillFails() {
        LocalResult.Row row = new LocalResult.Row(TIME, List.of(100.0, 300.0, 110.0), 200.0);
        assertTrue(row.noisy());
        assertFalse(row.passed(), "200 is +82 % of the median 110, whatever the 300 of one run says");
    }

    @Test
    void theTableMarksNoisyRowsAndCountsThem() {
        LocalResult r = new LocalResult(List.of(new LocalResult.Row(RATIO, List.of(0.80, 0.70, 0.74), 0.75),
                new LocalResult.Row(TIME, List.of(100.0, 110.0, 120.0), 112.0)), "calibrated-vm", "linux-6.18", 3, List.of());
        String text = LocalOutput.text(r);
        assertTrue(text.contains("pass (noisy)"), text);
        assertTrue(text.contains("14 %"), text);
        assertTrue(text.contains("2 of 2 figures within tolerance."), text);
        assertTrue(text.contains("1 noisy: a native run of theirs lies outside the tolerance"), text);
        String json = Json.write(LocalOutput.json(r));
        assertTrue(json.contains("\"noisy\": true"), json);
        assertTrue(json.contains("\"real_runs\": ["), json);
        assertEquals(1L, LocalOutput.json(r).get("noisy"));
    }

    @Test
    void theWarmUpRunIsDroppedFromEveryKindAndTheWallTimes() {
        NativeRun three = new NativeRun(4, "6.18.0", ThpSpec.parse(""), new TreeMap<>(Map.of("fork", 1L)),
                new TreeMap<>(Map.of("fork", List.of(900L, 100L, 110L))), new TreeMap<>(Map.of("fork", List.of(800L, 90L, 95L))),
                List.of(1000L, 200L, 210L), List.of("a note"));
        NativeRun kept = three.withoutFirstRun();
        assertEquals(2, kept.runs());
        assertEquals(List.of(100L, 110L), kept.nsRuns().get("fork"));
        assertEquals(List.of(90L, 95L), kept.cpuRuns().get("fork"));
        assertEquals(List.of("a note"), kept.notes());
        assertThrows(IllegalStateException.class, () -> kept.withoutFirstRun().withoutFirstRun());
    }
}
