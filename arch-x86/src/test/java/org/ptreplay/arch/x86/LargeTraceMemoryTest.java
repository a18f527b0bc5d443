package org.ptreplay.arch.x86;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ptreplay.arch.x86.Trace.ANON;
import static org.ptreplay.arch.x86.Trace.GiB;
import static org.ptreplay.arch.x86.Trace.MiB;
import static org.ptreplay.arch.x86.Trace.RW;

import org.junit.jupiter.api.Test;
import org.ptreplay.spi.ops.Primitive;
import org.ptreplay.core.sim.Kernel;
import org.ptreplay.trace.Flags;

/**
 * The memory target: a trace that maps 64 GiB and touches 4 GiB of it replays in a 2 GiB
 * heap. Measured with {@code -DargLine=-Xmx2g}: about 3 s, 25 MiB of heap in use after a full GC
 * with the kernel still live. The assertion is the target itself, whatever the test JVM's maximum.
 */
class LargeTraceMemoryTest {

    /** 16 mappings of 4 GiB (MAP_NORESERVE), 256 MiB written in each: 1,048,576 order-0 pages. */
    @Test
    void sixtyFourGigabytesMappedFourTouched() {
        Kernel k = new Kernel(Trace.x86().cpus(1).build());
        Trace t = new Trace();
        long base = 0x10_0000_0000L;
        for (int i = 0; i < 16; i++) {
            long a = base + i * 8 * GiB;
            t.mmap(a, 4 * GiB, RW, ANON | Flags.MAP_FIXED | Flags.MAP_NORESERVE).write(a + GiB, 256 * MiB);
        }
        t.run(k);
        System.gc();
        Runtime rt = Runtime.getRuntime();
        long used = rt.totalMemory() - rt.freeMemory();
        assertEquals(1L << 20, k.result().ledger().inclusive("fault").get(Primitive.PAGE_ZERO));
        assertTrue(k.result().divergences().isEmpty());
        assertTrue(used < 2 * GiB, "heap in use after GC: " + (used >> 20) + " MiB");
    }
}
