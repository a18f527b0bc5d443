package org.ptreplay.tools.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ptreplay.trace.Flags;
import org.ptreplay.trace.TraceEvent;
import org.ptreplay.trace.TraceEvent.Brk;
import org.ptreplay.trace.TraceEvent.Mmap;
import org.ptreplay.trace.TraceEvent.Mremap;
import org.ptreplay.trace.TraceEvent.Munmap;
import org.ptreplay.trace.TraceEvent.Touch;

/**
 * bigheap's events, derived by hand from glibc's rules ({@link GlibcHeap}) and top-down placement
 * ({@link AddressSpace}), for the default 64 KiB growth on x86-64.
 */
class BigheapTest {
    private static final long K = 1024;
    private static final long B = Bigheap.START_BRK;
    /** TASK_SIZE 2^47 − 4 KiB, minus the 128 MiB gap. */
    private static final long MMAP_BASE = 0x7fff_f7ff_f000L;
    private static final long LIBS = MMAP_BASE - (4 * K * K + 4 * K);
    private static final int RW = Flags.PROT_READ | Flags.PROT_WRITE;
    private static final int ANON = Flags.MAP_PRIVATE | Flags.MAP_ANONYMOUS;
    /** One word per page over n pages: from the first word to the end of the last. */
    private static long words(long pages) {
        return (pages - 1) * 4096 + 8;
    }

    /**
     * limit=512K: calls of 64K … 576K, then the reset.
     * <ul>
     * <li>tcache (0x290) grows the break by ALIGN_UP(0x290 + 128K + 32) = 0x21000; malloc(64K) is
     *     carved above it (chunk 0x290, user pointer 0x2a0); realloc(128K) grows into top
     *     (65552 + 68960 ≥ 131120);</li>
     * <li>realloc(192K): 131088 + 3424 &lt; 196656, and 196624 ≥ the 128K threshold: mmap of
     *     ALIGN_UP(196624 + 8) = 200704 = 3·64K + 4K right below the libraries; the freed heap
     *     chunk makes top 134512, and systrim(128K) finds ALIGN_DOWN(134479 − 131072) = 0 to give;</li>
     * <li>256K moves below (nothing is free above); 320K, 384K, 448K grow in place into the
     *     200704-byte hole (4096 left); 512K moves; 576K grows in place;</li>
     * <li>reset: munmap 593920; malloc_trim(0) lowers the break by ALIGN_DOWN(134512 − 33) = 128K.</li>
     * </ul>
     */
    @Test
    void firstCycleEventByEvent() {
        long m0 = LIBS - 200704;
        long m1 = m0 - 266240;
        long m2 = m1 - 528384;
        long p = B + 0x2a0;
        List<TraceEvent> expected = List.of(
                new Brk(1, 0, 0, B),
                new Mmap(1, 0, 0, 4 * K * K + 4 * K, Flags.PROT_READ, ANON, -1, 0, LIBS),
                new Brk(1, 0, B + 0x21000, B + 0x21000),
                new Touch(1, 0, p, words(16), true),
                new Touch(1, 0, p + 64 * K, words(16), true),
                new Mmap(1, 0, 0, 200704, RW, ANON, -1, 0, m0),
                new Touch(1, 0, m0 + 16, words(48), true),
                new Mremap(1, 0, m0, 200704, 266240, 1, 0, m1),
                new Touch(1, 0, m1 + 16, words(64), true),
                new Mremap(1, 0, m1, 266240, 331776, 1, 0, m1),
                new Touch(1, 0, m1 + 16 + 256 * K, words(16), true),
                new Mremap(1, 0, m1, 331776, 397312, 1, 0, m1),
                new Touch(1, 0, m1 + 16 + 320 * K, words(16), true),
                new Mremap(1, 0, m1, 397312, 462848, 1, 0, m1),
                new Touch(1, 0, m1 + 16 + 384 * K, words(16), true),
                new Mremap(1, 0, m1, 462848, 528384, 1, 0, m2),
                new Touch(1, 0, m2 + 16, words(128), true),
                new Mremap(1, 0, m2, 528384, 593920, 1, 0, m2),
                new Touch(1, 0, m2 + 16 + 512 * K, words(16), true),
                new Munmap(1, 0, m2, 593920, 0),
                new Brk(1, 0, B + 0x1000, B + 0x1000));
        assertEquals(expected, Generated.events(new Bigheap(), Map.of("limit", "512K")));
    }

    /**
     * The freed 593920-byte chunk raised the mmap threshold to its size (it is at most 32 MiB),
     * so the second cycle never maps: 64K needs a break of ALIGN_UP(65552 + 128K + 32 − 3440) =
     * 196608 more; 128K and 192K grow into top; 256K grows the break by
     * ALIGN_UP(262160 + 128K + 32 − 3424) = 393216, merging in place, and so on.
     */
    @Test
    void aFreedChunkUnder32MiBRaisesTheThresholdSoTheNextCycleStaysInTheHeap() {
        List<TraceEvent> events = Generated.events(new Bigheap(), Map.of("limit", "512K", "cycles", "2"));
        List<TraceEvent> second = events.subList(21, events.size());
        assertEquals(List.of(), Generated.only(second, Mmap.class));
        assertEquals(List.of(), Generated.only(second, Mremap.class));
        List<Brk> brks = Generated.only(second, Brk.class);
        assertEquals(new Brk(1, 0, B + 0x31000, B + 0x31000), brks.get(0));
        assertEquals(new Brk(1, 0, B + 0x91000, B + 0x91000), brks.get(1));
        // The same chunk address as in cycle 1, but a new pointer for stress-ng: it writes all of it.
        assertEquals(new Touch(1, 0, B + 0x2a0, words(16), true), second.get(1));
    }

    /** Call k asks mremap for k·64K + 4K, from call 4 on (calls 1–3 are the heap and the first mmap). */
    @Test
    void mremapLengthsAreWholeGrowthStepsPlusOnePage() {
        List<Mremap> calls = Generated.only(Generated.events(new Bigheap(), Map.of("limit", "6M")), Mremap.class);
        assertEquals(97 - 3, calls.size());
        for (int i = 0; i < calls.size(); i++) {
            long k = i + 4;
            assertEquals(k * 64 * K + 4 * K, calls.get(i).newLength(), "call " + k);
            assertEquals((k - 1) * 64 * K + 4 * K, calls.get(i).oldLength(), "call " + k);
        }
    }

    /**
     * Moves over 300 calls: at 4 (hole 0), then the hole left by each move is the old length
     * plus the remainder r: 3·64K+4K feeds calls 5–7 (r = 4K), move at 8; 7·64K+8K feeds 9–15
     * (r = 8K), move at 16; then 32, 64, 128, 256: seven moves, 290 calls in place.
     */
    @Test
    void movesComeOncePerDoubling() {
        List<Long> moveCalls = new ArrayList<>();
        List<Mremap> calls = Generated.only(Generated.events(new Bigheap(), Map.of("limit", (299 * 64) + "K")), Mremap.class);
        assertEquals(297, calls.size());
        for (Mremap m : calls) {
            if (m.result() != m.oldAddr()) {
                moveCalls.add(m.newLength() / (64 * K));
                assertEquals(m.oldAddr() - m.newLength(), m.result(), "a move lands right below the old place");
            }
        }
        assertEquals(List.of(4L, 8L, 16L, 32L, 64L, 128L, 256L), moveCalls);
    }

    /** Up to 2 GiB (32,768 calls): moves at 4, 8, …, 32768, fourteen in all, as the class comment says. */
    @Test
    void aTwoGigabyteHeapMovesFourteenTimes() {
        List<Mremap> calls = Generated.only(Generated.events(new Bigheap(), Map.of("limit", (32767 * 64) + "K")), Mremap.class);
        assertEquals(14, calls.stream().filter(m -> m.result() != m.oldAddr()).count());
    }

    /** After each call the touch covers the new tail (in place) or the whole heap (moved), one word per page. */
    @Test
    void touchesCoverTheNewTailOrTheWholeHeap() {
        List<TraceEvent> events = Generated.events(new Bigheap(), Map.of("limit", "20M", "growth", "128K"));
        long size = 0;
        long ptr = 0;
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i) instanceof Mremap m) {
                size = m.newLength() - 4 * K;
                Touch t = (Touch) events.get(i + 1);
                boolean moved = m.result() != m.oldAddr();
                long expectedFrom = moved ? m.result() + 16 : ptr + size - 128 * K;
                assertEquals(expectedFrom, t.addr());
                assertEquals(words((moved ? size : 128 * K) / 4096), t.length());
                assertTrue(t.write());
                ptr = m.result() + 16;
            } else if (events.get(i) instanceof Mmap m && m.prot() == RW) {
                ptr = m.result() + 16;
            }
        }
        assertTrue(size > 20 * K * K, "the loop ran past the limit");
    }

    @Test
    void arm64LayoutPlacesTheLibrariesBelowItsMmapBase() {
        Mmap libs = (Mmap) Generated.events(new Bigheap(), Map.of("limit", "64K", "arch", "arm64")).get(1);
        assertEquals((1L << 48) - 4096 - (128L << 20) - (4 * K * K + 4 * K), libs.result());
    }
}
