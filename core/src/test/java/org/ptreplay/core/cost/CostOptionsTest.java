package org.ptreplay.core.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.ptreplay.core.cost.CostOptions.Prefetch;

class CostOptionsTest {

    @Test
    void defaultsAreOneCpuProfilePrefetchSmallPagesAndBlockStreams() {
        assertEquals(new CostOptions(1, 0, Prefetch.PROFILE, 4096, true), CostOptions.defaults());
        assertEquals(new CostOptions(1, 0, Prefetch.PROFILE, 4096, false), CostOptions.defaults().withBlockStreams(false));
    }

    @Test
    void badValuesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> CostOptions.defaults().withConcurrency(0));
        assertThrows(IllegalArgumentException.class, () -> CostOptions.defaults().withCpus(-1));
        assertThrows(IllegalArgumentException.class, () -> CostOptions.defaults().withPrefetch(null));
        assertThrows(IllegalArgumentException.class, () -> CostOptions.defaults().withPageBytes(8192));
    }
}
