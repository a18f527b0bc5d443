package org.ptreplay.core.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.ptreplay.spi.ops.Primitive;
import org.ptreplay.trace.TraceEvent;
import org.ptreplay.core.value.LedgerSnapshot;

/** VMA work per syscall (docs/kernel-model.md §2.7); the fixtures' comments derive the counts. */
class VmaWorkTest {

    private static LedgerSnapshot replay(String fixture) {
        Kernel k = new Kernel(SimConfig.builder(new TestArch()).build());
        List<TraceEvent> events = TextFixtures.load(fixture);
        return k.replay(events).ledger();
    }

    /** VMA_WALK, VMA_STORE, VMA_ALLOC charged on {@code path} and below. */
    private static List<Long> vmaWork(LedgerSnapshot s, String path) {
        var counts = s.inclusive(path);
        return List.of(counts.get(Primitive.VMA_WALK), counts.get(Primitive.VMA_STORE),
                counts.get(Primitive.VMA_ALLOC));
    }

    @Test
    void brkExpandAndShrinkIsTheBrk2Iteration() {
        LedgerSnapshot s = replay("vma-brk2");
        // Creation (1, 1, 1) plus the iteration (2, 4, 1).
        assertEquals(List.of(3L, 5L, 2L), vmaWork(s, "brk"));
        assertEquals(4, s.inclusive("brk").get(Primitive.SYSCALL));
        // The split, the detach and the clear are inside do_vmi_munmap; the walk that finds the
        // VMA is charged to the caller, as it is when nothing is mapped.
        assertEquals(List.of(0L, 3L, 1L), vmaWork(s, "brk;do_vmi_munmap"));
    }

    @Test
    void mremapExpandsInPlaceThenMoves() {
        LedgerSnapshot s = replay("vma-mremap-expand-move");
        // Two mmaps (1, 1, 1) each.
        assertEquals(List.of(2L, 2L, 2L), vmaWork(s, "mmap"));
        // Expansion (2, 1, 0) plus the move (5, 3, 2).
        assertEquals(List.of(7L, 4L, 2L), vmaWork(s, "mremap"));
    }
}
