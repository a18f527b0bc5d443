package org.ptreplay.core.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ptreplay.core.value.SimResult;
import org.ptreplay.core.value.VmaInfo;

/** MREMAP_DONTUNMAP as Linux does it: the source stays mapped and empty; overlaps are EINVAL. */
class MremapDontunmapTest {
    private static final long A = 0x4000_0000L;
    private static final long B = 0x5000_0000L;

    @Test
    void sourceStaysMappedAndEmpty() {
        Kernel k = new Kernel(SimConfig.builder(new TestArch()).build());
        SimResult r = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> k.replay(TextFixtures.load("mremap-dontunmap")));
        assertTrue(r.divergences().isEmpty(), r.divergences().toString());
        List<VmaInfo> vmas = k.vmas(1);
        assertEquals(2, vmas.size(), vmas.toString());
        assertEquals(A, vmas.get(0).start());
        assertEquals(A + (128 << 10), vmas.get(0).end());
        assertEquals(B, vmas.get(1).start());
        assertEquals(B + (64 << 10), vmas.get(1).end());
        assertEquals(16, r.entries().moved());
        assertEquals(32, r.entries().faulted(), "16 before the move, 16 again in the emptied source");
    }

    @Test
    void overlappingOrResizingDontunmapIsEinval() {
        Kernel k = new Kernel(SimConfig.builder(new TestArch()).build());
        SimResult r = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> k.replay(TextFixtures.load("mremap-dontunmap-overlap")));
        assertTrue(r.divergences().isEmpty(), r.divergences().toString());
        assertEquals(1, k.vmas(1).size());
    }
}
