package org.ptreplay.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ptreplay.tools.calibrate.Calibration;
import org.ptreplay.tools.calibrate.HostFacts;
import org.ptreplay.tools.calibrate.Samples;

/** calibrate's noisy-measurement warnings carry the "ptreplay: warning:" prefix of every other command's warnings. */
class CalibrateWarningsTest {

    @Test
    void aNoisyMeasurementIsWarnedAboutLikeEveryOtherWarning() {
        HostFacts facts = new HostFacts("x86", 2, 4096, "6.18.44", "Test CPU",
                List.of(new HostFacts.Cache(1, 48 << 10, 12, 64)), "cpuid (test)", List.of());
        // xchg: (6.0 - 5.0) / 5.5 = 18 % spread, above the 10 % limit; syscall: 2 %, quiet;
        // a share is how often a mode was seen, so its spread is never noise.
        Calibration c = new Calibration(facts, Map.of(
                "xchg", new Samples("xchg", "ns", List.of(5.0, 5.5, 6.0)),
                "syscall", new Samples("syscall", "ns", List.of(100.0, 101.0, 102.0)),
                "shadow_fill.whole_tables", new Samples("shadow_fill.whole_tables", "share", List.of(0.0, 0.25, 0.0))),
                Instant.parse("2026-12-07T09:00:00Z"), Duration.ofSeconds(12), 3, true);
        StringWriter err = new StringWriter();
        CalibrateCommand.warnNoisy(c, new PrintWriter(err));
        assertEquals("ptreplay: warning: xchg spread 18 % over 3 samples (above 10 %): the machine was busy"
                + System.lineSeparator(), err.toString());
    }
}
