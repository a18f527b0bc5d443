package org.ptreplay.arch.arm64;

import org.ptreplay.spi.ops.Frame;
import org.ptreplay.spi.ops.Ledger;
import org.ptreplay.spi.ops.PageTableGeometry;
import org.ptreplay.spi.ops.Primitive;

/**
 * The arm64 user TLB maintenance of {@code asm/tlbflush.h} and {@code asm/tlb.h}, 6.9-6.16 rules
 * (docs/kernel-model.md §1.4). TLBIs are broadcast (inner shareable), so no CPU mask is involved;
 * each flush ends with one {@code dsb ish} that waits for every CPU, counted as one {@link Primitive#DSB}
 * (the leading {@code dsb ishst} is part of that charge).
 */
final class Arm64Tlb {

    static final Frame FLUSH_TLB_RANGE = Frame.of("__flush_tlb_range");
    static final Frame FLUSH_TLB_MM = Frame.of("flush_tlb_mm");
    static final Frame FLUSH_TLB_PAGE = Frame.of("flush_tlb_page");

    /**
     * MAX_TLBI_RANGE_PAGES = __TLBI_RANGE_PAGES(31, 3) = (31 + 1) &lt;&lt; (5 &times; 3 + 1): the most
     * one range TLBI can cover (docs/kernel-model.md §1.1).
     */
    static final long MAX_TLBI_RANGE_PAGES = 32L << 16;
    /** Range TLBIs encode the page count as (num + 1) &lt;&lt; (5 &times; scale + 1), scale 0..3. */
    private static final int MAX_TLBI_SCALE = 3;

    private final Ledger ledger;
    private final int pageShift;
    /** MAX_DVM_OPS = PTRS_PER_PTE: beyond that many strides without range TLBI, flush the ASID. */
    private final long maxDvmOps;
    private final boolean tlbiRange;
    /** Under KPTI, {@code __tlbi_user} repeats every TLBI for the user ASID. */
    private final int perTlbi;

    Arm64Tlb(Ledger ledger, PageTableGeometry geometry, boolean tlbiRange, boolean kpti) {
        this.ledger = ledger;
        this.pageShift = geometry.pageShift();
        this.maxDvmOps = geometry.ptrsPerTable();
        this.tlbiRange = tlbiRange;
        this.perTlbi = kpti ? 2 : 1;
    }

    /**
     * {@code __flush_tlb_range(vma, start, end, stride, last_level, level)}. Last-level (VALE1IS)
     * and non-last-level (VAE1IS) invalidations are counted alike: one TLBI each.
     */
    void flushTlbRange(long start, long end, int strideShift) {
        if (end < start) {
            throw new IllegalArgumentException("TLB flush range ends before it starts: [0x"
                    + Long.toHexString(start) + ", 0x" + Long.toHexString(end) + ")");
        }
        long stride = 1L << strideShift;
        start &= -stride;
        end = (end + stride - 1) & -stride;
        long pages = (end - start) >>> pageShift;
        ledger.enter(FLUSH_TLB_RANGE);
        // __flush_tlb_range_limit_excess(); '>' (not '>=') since 73301e464a72 (Gavin Shan, 2024; kernel-model §1.4).
        if ((!tlbiRange && end - start >= maxDvmOps * stride) || pages > MAX_TLBI_RANGE_PAGES) {
            flushTlbMm();
        } else if (!tlbiRange) {
            charge(Primitive.TLBI_VA, (end - start) >>> strideShift);
            ledger.charge(Primitive.DSB);
        } else {
            chargeRangeOps(pages, stride >>> pageShift);
            ledger.charge(Primitive.DSB);
        }
        ledger.exit(FLUSH_TLB_RANGE);
    }

    /** {@code flush_tlb_mm}: one ASIDE1IS (twice under KPTI) and its DSB. */
    void flushTlbMm() {
        ledger.enter(FLUSH_TLB_MM);
        charge(Primitive.TLBI_ASID, 1);
        ledger.charge(Primitive.DSB);
        ledger.exit(FLUSH_TLB_MM);
    }

    /** {@code flush_tlb_page}: one VAE1IS (twice under KPTI) and its DSB. */
    void flushTlbPage() {
        ledger.enter(FLUSH_TLB_PAGE);
        charge(Primitive.TLBI_VA, 1);
        ledger.charge(Primitive.DSB);
        ledger.exit(FLUSH_TLB_PAGE);
    }

    /**
     * The arm64 mmu_gather {@code tlb_flush()}: exit teardown (fullmm) relies on the ASID not being
     * reused without invalidation, so it flushes only when page tables were freed (walk caches);
     * otherwise a range flush at the smallest cleared level, last-level unless tables were freed.
     */
    void tlbFlush(long start, long end, int strideShift, boolean freedTables, boolean fullMm) {
        if (fullMm) {
            if (freedTables) {
                flushTlbMm();
            }
            return;
        }
        flushTlbRange(start, end, strideShift);
    }

    /**
     * The range branch of {@code __flush_tlb_range_op}: scale counts down from 3 (e2768b798a19,
     * 6.9) and each scale's count is clamped to what one operand can hold (e3ba51ab24fd). At each
     * scale one range TLBI covers as many whole 2^(5·scale+1)-page units as fit (at most 32), and a
     * single page left over at the end takes one per-page TLBI.
     */
    private void chargeRangeOps(long pages, long stridePages) {
        long ranges = 0;
        long singles = 0;
        int scale = MAX_TLBI_SCALE;
        while (pages > 0) {
            if (pages == 1) {
                singles++;
                pages -= stridePages;
                continue;
            }
            int unitShift = 5 * scale + 1;
            long units = Math.min(pages, 32L << unitShift) >>> unitShift;
            if (units > 0) {
                ranges++;
                pages -= units << unitShift;
            }
            scale--;
        }
        charge(Primitive.TLBI_RANGE, ranges);
        charge(Primitive.TLBI_VA, singles);
    }

    private void charge(Primitive tlbi, long n) {
        if (n > 0) {
            ledger.charge(tlbi, n * perTlbi);
        }
    }
}
