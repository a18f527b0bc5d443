package org.ptreplay.arch.x86;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ptreplay.arch.x86.Trace.ANON;
import static org.ptreplay.arch.x86.Trace.FIXED;
import static org.ptreplay.arch.x86.Trace.MAYMOVE;
import static org.ptreplay.arch.x86.Trace.MiB;
import static org.ptreplay.arch.x86.Trace.RW;

import org.junit.jupiter.api.Test;
import org.ptreplay.spi.ops.Primitive;
import org.ptreplay.core.value.Divergence;
import org.ptreplay.core.sim.Kernel;
import org.ptreplay.core.sim.ReplayException;
import org.ptreplay.trace.Flags;

/** Syscall results against what Linux returns (errno as -errno). */
class SyscallSemanticsTest {
    private static final long A = 0x20_0000_0000L;
    private static final long EINVAL = -Flags.EINVAL;

    private static Kernel kernel() {
        return new Kernel(Trace.x86().cpus(1).build());
    }

    @Test
    void mmapRejectsBadArguments() {
        long[] r = new Trace()
                .mmap(0, 4096, RW, Flags.MAP_ANONYMOUS)                   // no MAP_PRIVATE/SHARED
                .mmap(A + 1, 4096, RW, ANON | Flags.MAP_FIXED)            // unaligned fixed address
                .mmap(0, 0, RW, ANON)                                     // zero length
                .mmap(A, 4096, RW, ANON | Flags.MAP_FIXED)
                .mmap(A, 4096, RW, ANON | Flags.MAP_FIXED_NOREPLACE)      // occupied
                .mmap(0, 1L << 48, RW, ANON)                              // larger than the address space
                .run(kernel());
        assertEquals(EINVAL, r[0]);
        assertEquals(EINVAL, r[1]);
        assertEquals(EINVAL, r[2]);
        assertEquals(A, r[3]);
        assertEquals(-Flags.EEXIST, r[4]);
        assertEquals(-Flags.ENOMEM, r[5]);
    }

    @Test
    void munmapOfNothingSucceedsAndUnalignedFails() {
        long[] r = new Trace().munmap(A, 4096).munmap(A + 1, 4096).run(kernel());
        assertEquals(0, r[0]);
        assertEquals(EINVAL, r[1]);
    }

    @Test
    void mremapErrors() {
        long[] r = new Trace()
                .mremap(A, 4096, 8192, MAYMOVE, 0)                         // nothing mapped: EFAULT
                .mmap(A, 4096, RW, ANON | Flags.MAP_FIXED)
                .mremap(A, 4096, 8192, 8, 0)                               // unknown flag
                .mremap(A, 4096, 4096, FIXED, A + MiB)                     // FIXED without MAYMOVE
                .mmap(A + 4096, 4096, Flags.PROT_READ, ANON | Flags.MAP_FIXED)
                .mremap(A, 4096, 8192, 0, 0)                               // cannot grow in place, may not move
                .run(kernel());
        assertEquals(-Flags.EFAULT, r[0]);
        assertEquals(EINVAL, r[2]);
        assertEquals(EINVAL, r[3]);
        assertEquals(-Flags.ENOMEM, r[5]);
    }

    /** MAP_FIXED over populated memory zaps it first: the replaced pages are freed. */
    @Test
    void mapFixedReplacesWhatIsThere() {
        Kernel k = kernel();
        long[] r = new Trace()
                .mmap(A, 16 * 4096, RW, ANON | Flags.MAP_FIXED)
                .write(A, 16 * 4096)
                .mmap(A, 16 * 4096, RW, ANON | Flags.MAP_FIXED)
                .run(k);
        assertEquals(A, r[2]);
        assertEquals(16, k.result().ledger().inclusive("mmap;do_vmi_munmap").get(Primitive.PTE_XCHG));
        assertEquals(1, k.vmas(1).size());
    }

    /**
     * A recorded mmap address differing from the model's is used and reported; strict mode stops
     * there. The first unhinted mmap only teaches the model mmap_base, so the second one diverges.
     */
    @Test
    void divergenceIsReportedAndStrictStops() {
        Kernel k = kernel();
        long other = A - 64 * MiB;
        new Trace().mmapReturning(0, 4096, A).mmapReturning(0, 4096, other).run(k);
        assertEquals(1, k.result().divergences().size());
        Divergence d = k.result().divergences().get(0);
        assertEquals(1, d.eventIndex());
        assertEquals(other, d.recorded());
        assertEquals(A - 4096, d.model());
        assertEquals(other, k.vmas(1).get(0).start());

        Kernel strict = new Kernel(Trace.x86().cpus(1).strict(true).build());
        ReplayException e = assertThrows(ReplayException.class,
                () -> new Trace().mmapReturning(0, 4096, A).mmapReturning(0, 4096, other).run(strict));
        assertTrue(e.getMessage().contains("event 1"), e.getMessage());
    }

    @Test
    void touchOutsideAnyMappingIsADivergence() {
        Kernel k = kernel();
        long[] r = new Trace().write(A, 2 * 4096).run(k);
        assertEquals(2, r[0]);
        assertEquals(1, k.result().divergences().size());
    }

    /**
     * old_len 0 (mm/mremap.c check_prep_vma/remap_is_valid): refused with EINVAL for a private
     * mapping; for a shared one it "duplicates" the mapping: a second VMA over the same pages,
     * nothing moved and the source kept.
     */
    @Test
    void mremapWithOldLenZeroDuplicatesOnlySharedMappings() {
        Kernel k = kernel();
        long shared = A + 16 * MiB;
        long[] r = new Trace()
                .mmap(A, 4 * 4096, RW, ANON | Flags.MAP_FIXED)
                .mremap(A, 0, 4 * 4096, MAYMOVE, 0)
                .mmap(shared, 4 * 4096, RW, Flags.MAP_SHARED | Flags.MAP_ANONYMOUS | Flags.MAP_FIXED)
                .write(shared, 4 * 4096)
                .mremap(shared, 0, 4 * 4096, MAYMOVE, 0)
                .run(k);
        assertEquals(EINVAL, r[1]);
        assertTrue(r[4] > 0 && r[4] != shared, Long.toHexString(r[4]));
        assertEquals(3, k.vmas(1).size());
        assertEquals(0, k.result().ledger().inclusive("mremap").get(Primitive.PTE_XCHG));
        assertEquals(0, k.result().ledger().inclusive("mremap").get(Primitive.PTEP_GET));
    }

    /**
     * 6.17 remap_move: MREMAP_FIXED of unchanged size over two VMAs with a one-page gap moves each
     * VMA, keeping the gap; what is mapped in the destination opposite the gap is not unmapped.
     * A range that starts in a hole fails with EFAULT before anything is unmapped.
     */
    @Test
    void mremapFixedMovesSeveralVmasAndKeepsTheirGaps() {
        Kernel k = kernel();
        long p = 4096;
        long d = A + 64 * MiB;
        long[] r = new Trace()
                .mmap(A, 2 * p, RW, ANON | Flags.MAP_FIXED)
                .mmap(A + 3 * p, 2 * p, Flags.PROT_READ, ANON | Flags.MAP_FIXED)
                .mmap(d + 2 * p, p, RW, ANON | Flags.MAP_FIXED)
                .write(A, 2 * p)
                .mremap(A, 5 * p, 5 * p, MAYMOVE | FIXED, d)
                .mremap(A, 5 * p, 5 * p, MAYMOVE | FIXED, d + MiB)
                .run(k);
        assertEquals(d, r[4]);
        assertEquals(-Flags.EFAULT, r[5]);
        var v = k.vmas(1);
        assertEquals(3, v.size(), v.toString());
        assertEquals(d, v.get(0).start());
        assertEquals(d + 2 * p, v.get(0).end());
        assertEquals(d + 2 * p, v.get(1).start());
        assertEquals(d + 3 * p, v.get(2).start());
        assertEquals(2, k.result().ledger().self("mremap;move_page_tables;move_ptes").get(Primitive.PTE_XCHG));
    }

    /** Asking for the VMAs of a pid the trace never showed creates no task: a later fork may use it. */
    @Test
    void vmasOfAnUnknownPidCreatesNoTask() {
        Kernel k = kernel();
        assertTrue(k.vmas(99).isEmpty());
        long[] r = new Trace().mmap(A, 4096, RW, ANON | Flags.MAP_FIXED).fork(99).run(k);
        assertEquals(99, r[1]);
    }

    /**
     * Placement learned from the trace: the first unhinted mmap with a recorded address sets the
     * randomised mmap_base (no divergence), so the next mapping goes right below it, as top-down
     * placement puts it. A 4 MiB file mapping at offset 0 covers a whole PMD of the file and is
     * PMD-aligned (thp_get_unmapped_area); a 4 KiB anonymous one is not.
     */
    @Test
    void mmapLearnsTheRandomisedBaseAndAlignsLargeFileMappings() {
        Kernel k = kernel();
        long first = 0x7f12_3456_7000L;
        long[] r = new Trace()
                .mmapReturning(0, 8192, first)
                .mmap(0, 4096, RW, ANON)
                .add(new org.ptreplay.trace.TraceEvent.Mmap(1, 0, 0, 4 * MiB, Flags.PROT_READ, Flags.MAP_PRIVATE, 3, 0,
                        Trace.U))
                .run(k);
        assertEquals(first, r[0]);
        assertEquals(first - 4096, r[1]);
        assertEquals(0, r[2] & (2 * MiB - 1), Long.toHexString(r[2]));
        assertTrue(r[2] + 4 * MiB <= first - 4096);
        assertTrue(k.result().divergences().isEmpty(), k.result().divergences().toString());
    }
}
