package org.ptreplay.arch.x86;

import org.ptreplay.spi.ops.Frame;
import org.ptreplay.spi.ops.Ledger;
import org.ptreplay.spi.ops.MmView;
import org.ptreplay.spi.ops.Primitive;

/**
 * {@code flush_tlb_mm_range} (arch/x86/mm/tlb.c; docs/kernel-model.md §1.4):
 * <ul>
 *   <li>a range of more than {@code tlb_single_page_flush_ceiling} (33) stride units becomes a full flush;</li>
 *   <li>with INVLPGB on and a multi-threaded mm (global ASID, 6.15+ 4afeb0ed1753): broadcast
 *       INVLPGBs (one per {@code invlpgb_count_max} units, or one for everything) and one TLBSYNC, no IPIs.
 *       The kernel gives an mm a global ASID only once it ran on several CPUs; the model takes
 *       "more than one thread" for that;</li>
 *   <li>otherwise, if other CPUs run the mm ({@code mm_cpumask}; lazy-TLB CPUs only when tables
 *       were freed): one {@code IPI} charge of n under {@code native_flush_tlb_multi}, and there the
 *       remote work, n &times; (INVLPG per unit, or X86_FULL); the local CPU's own work is charged
 *       under {@code flush_tlb_func}, always, since the syscall runs on a CPU that has the mm loaded.</li>
 * </ul>
 */
final class X86TlbFlush {
    static final long FLUSH_ALL = -1L;

    private static final Frame FLUSH_TLB_MM_RANGE = Frame.of("flush_tlb_mm_range");
    private static final Frame NATIVE_FLUSH_TLB_MULTI = Frame.of("native_flush_tlb_multi");
    private static final Frame FLUSH_TLB_FUNC = Frame.of("flush_tlb_func");
    private static final Frame BROADCAST_TLB_FLUSH = Frame.of("broadcast_tlb_flush");

    private final Ledger ledger;
    private final int ceiling;
    private final boolean invlpgb;
    private final int invlpgbCountMax;

    X86TlbFlush(Ledger ledger, int ceiling, boolean invlpgb, int invlpgbCountMax) {
        this.ledger = ledger;
        this.ceiling = ceiling;
        this.invlpgb = invlpgb;
        this.invlpgbCountMax = invlpgbCountMax;
    }

    void flushTlbMmRange(MmView mm, long start, long end, int strideShift, boolean freedTables) {
        ledger.enter(FLUSH_TLB_MM_RANGE);
        boolean full = end == FLUSH_ALL || ((end - start) >>> strideShift) > ceiling;
        // The INVLPG loop steps by the stride from start while below end.
        long units = full ? 0 : ((end - start) + (1L << strideShift) - 1) >>> strideShift;
        if (invlpgb && mm.multiThreaded()) {
            ledger.enter(BROADCAST_TLB_FLUSH);
            ledger.charge(Primitive.INVLPGB, full ? 1 : (units + invlpgbCountMax - 1) / invlpgbCountMax);
            ledger.charge(Primitive.TLBSYNC);
            ledger.exit(BROADCAST_TLB_FLUSH);
        } else {
            int remote = mm.otherCpus() + (freedTables ? mm.lazyCpus() : 0);
            if (remote > 0) {
                ledger.enter(NATIVE_FLUSH_TLB_MULTI);
                ledger.charge(Primitive.IPI, remote);
                localWork(full, units, remote);
                ledger.exit(NATIVE_FLUSH_TLB_MULTI);
            }
            ledger.enter(FLUSH_TLB_FUNC);
            localWork(full, units, 1);
            ledger.exit(FLUSH_TLB_FUNC);
        }
        ledger.exit(FLUSH_TLB_MM_RANGE);
    }

    private void localWork(boolean full, long units, int cpus) {
        if (full) {
            ledger.charge(Primitive.X86_FULL, cpus);
        } else if (units > 0) {
            ledger.charge(Primitive.INVLPG, units * cpus);
        }
    }
}
