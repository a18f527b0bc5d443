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
import org.ptreplay.core.kernel.Primitive;
import org.ptreplay.core.sim.Divergence;
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

    /** A recorded mmap address differing from the model's is used and reported; strict mode stops there. */
    @Test
    void divergenceIsReportedAndStrictStops() {
        Kernel k = kernel();
        new Trace().mmapReturning(0, 4096, A).run(k);
        assertEquals(1, k.result().divergences().size());
        Divergence d = k.result().divergences().get(0);
        assertEquals(0, d.eventIndex());
        assertEquals(A, d.recorded());
        assertEquals(A, k.vmas(1).get(0).start());

        Kernel strict = new Kernel(Trace.x86().cpus(1).strict(true).build());
        ReplayException e = assertThrows(ReplayException.class, () -> new Trace().mmapReturning(0, 4096, A).run(strict));
        assertTrue(e.getMessage().contains("event 0"), e.getMessage());
    }

    @Test
    void touchOutsideAnyMappingIsADivergence() {
        Kernel k = kernel();
        long[] r = new Trace().write(A, 2 * 4096).run(k);
        assertEquals(2, r[0]);
        assertEquals(1, k.result().divergences().size());
    }
}
