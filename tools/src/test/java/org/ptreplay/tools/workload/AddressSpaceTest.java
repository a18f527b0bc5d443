package org.ptreplay.tools.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AddressSpaceTest {
    private static final long BASE = 0x7fff_f7ff_f000L;
    private static final long PMD = 2L << 20;

    /** mmap_base is TASK_SIZE (2^vaBits − 4 KiB) minus 128 MiB; the first mapping ends there. */
    @Test
    void mmapBaseIsTaskSizeMinus128MiB() {
        assertEquals(BASE - 0x1000, new AddressSpace(47).mmap(0, 0x1000, true));
        assertEquals(0xffff_f7ff_e000L, new AddressSpace(48).mmap(0, 0x1000, true));
    }

    @Test
    void mappingsStackDownwardsBelowMmapBase() {
        AddressSpace vm = new AddressSpace(47);
        assertEquals(BASE - 0x5000, vm.mmap(0, 0x5000, true));
        assertEquals(BASE - 0x8000, vm.mmap(0, 0x3000, true));
    }

    @Test
    void aFreeHintIsTakenRoundedUpToAPage() {
        AddressSpace vm = new AddressSpace(47);
        assertEquals(0x4000_1000L, vm.mmap(0x4000_0001L, 0x1000, true));
        // Taken now: the hint is ignored and placement is top-down.
        assertEquals(BASE - 0x1000, vm.mmap(0x4000_1000L, 0x1000, true));
    }

    /** 4 MiB below mmap_base (…f7ff_f000) is …f7bf_f000; rounded down to 2 MiB: …f7a0_0000 (the 6 MiB padded gap fits). */
    @Test
    void anonymousPmdMultiplesStartPmdAligned() {
        AddressSpace vm = new AddressSpace(47);
        long a = vm.mmap(0, 2 * PMD, true);
        assertEquals(0x7fff_f7a0_0000L, a);
        // Not anonymous private (shared memory is a file): no alignment.
        assertEquals(BASE - 2 * PMD, new AddressSpace(47).mmap(0, 2 * PMD, false));
    }

    @Test
    void growExpandsIntoAFreeGapElseMovesBelowAndFreesTheOldRange() {
        AddressSpace vm = new AddressSpace(47);
        long ceiling = vm.mmap(0, 0x10000, true);
        long heap = vm.mmap(0, 0x3000, true);
        long moved = vm.grow(heap, 0x3000, 0x5000);
        assertEquals(heap - 0x5000, moved);
        assertTrue(vm.free(heap, 0x3000));
        assertEquals(moved, vm.grow(moved, 0x5000, 0x8000));
        assertEquals(ceiling, moved + 0x8000, "the hole is used up");
        assertEquals(moved - 0x9000, vm.grow(moved, 0x8000, 0x9000));
    }

    @Test
    void munmapSplitsARange() {
        AddressSpace vm = new AddressSpace(47);
        long a = vm.mmap(0x1000_0000L, 0x10000, true);
        vm.munmap(a + 0x4000, 0x2000);
        assertTrue(vm.free(a + 0x4000, 0x2000));
        assertFalse(vm.free(a + 0x3000, 0x1000));
        assertFalse(vm.free(a + 0x6000, 0x1000));
    }

    @Test
    void nothingBelowMmapMinAddrOrAboveTaskSize() {
        AddressSpace vm = new AddressSpace(47);
        assertFalse(vm.free(0x1000, 0x1000));
        assertFalse(vm.free((1L << 47) - 0x1000, 0x1000));
        assertThrows(IllegalStateException.class, () -> vm.mmap(0, 1L << 47, true));
    }
}
