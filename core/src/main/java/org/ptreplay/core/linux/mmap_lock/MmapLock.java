package org.ptreplay.core.linux.mmap_lock;

import org.ptreplay.core.state.KernelState;
import org.ptreplay.core.state.Mm;
import org.ptreplay.spi.ops.Primitive;

/**
 * The {@code mm_struct} lines a mapping syscall uses besides its VMAs (docs/kernel-model.md §2.10):
 * the {@code mmap_lock} every one of them takes (include/linux/mmap_lock.h), and the VM counters
 * ({@code total_vm}, {@code data_vm}, {@code exec_vm}, {@code stack_vm}) that
 * {@code vm_stat_account} and {@code may_expand_vm} read and write (mm/mmap.c) when the mapped
 * size changes. After a large memset both lines come from memory, in a tight loop from L1.
 */
public final class MmapLock {
    private static final int LINE = 64;
    /**
     * The line of {@code mmap_lock}, with {@code map_count} and {@code mm_lock_seq} beside it; the
     * counters follow on the next [approximate: offsets from the structure's order, not a build].
     */
    private static final int MMAP_LOCK = 2;
    private static final int VM_COUNTERS = 3;

    private MmapLock() {
    }

    /**
     * {@code mmap_write_lock_killable} and {@code mmap_write_unlock} (or the read pair, priced
     * alike): one {@code MMAP_LOCK} on the lock's line.
     */
    public static void lock(KernelState c, Mm mm) {
        c.ledger.touch(Primitive.MMAP_LOCK, c.mmAddress(mm) + MMAP_LOCK * LINE);
    }

    /** {@code vm_stat_account} (and {@code may_expand_vm} before it): the counters' line. */
    public static void vmStatAccount(KernelState c, Mm mm) {
        c.ledger.touch(Primitive.KOBJ_LINE, c.mmAddress(mm) + VM_COUNTERS * LINE);
    }
}
