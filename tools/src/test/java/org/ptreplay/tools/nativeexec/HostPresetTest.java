package org.ptreplay.tools.nativeexec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HostPresetTest {
    private static final List<String> PRESETS = List.of("linux-4.19", "linux-6.16", "linux-6.17-rc1", "linux-6.17", "linux-6.18");

    @Test
    void theRunningKernelPicksItsReleaseOrTheNewestOlderOne() {
        assertEquals(Optional.of("linux-6.18"), HostPreset.of("6.18.44-fc-v1272", PRESETS));
        assertEquals(Optional.of("linux-6.17"), HostPreset.of("6.17.0-rc3", PRESETS));
        assertEquals(Optional.of("linux-6.18"), HostPreset.of("7.1.0", PRESETS));
        assertEquals(Optional.of("linux-4.19"), HostPreset.of("5.4.0-150-generic", PRESETS));
        assertEquals(Optional.empty(), HostPreset.of("4.4.0", PRESETS));
    }
}
