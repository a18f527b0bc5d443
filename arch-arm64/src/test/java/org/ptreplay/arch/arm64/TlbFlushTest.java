package org.ptreplay.arch.arm64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.ptreplay.arch.arm64.Arm64Fixture.BASE;
import static org.ptreplay.arch.arm64.Arm64Fixture.MIB;
import static org.ptreplay.arch.arm64.Arm64Fixture.MM;
import static org.ptreplay.arch.arm64.Arm64Fixture.PROT;

import org.junit.jupiter.api.Test;
import org.ptreplay.spi.ops.Primitive;

/** The 6.9-6.16 arm64 TLBI rules (docs/kernel-model.md §1.4). */
class TlbFlushTest {
    private static final int PAGE_SHIFT = 12;
    private static final int PMD_SHIFT = 21;

    private static Arm64Fixture flushPages(long pages, String... options) {
        Arm64Fixture f = new Arm64Fixture(options);
        f.mmu.flushTlbRange(MM, BASE, BASE + (pages << PAGE_SHIFT), PAGE_SHIFT, false, false);
        return f;
    }

    private static void assertFlush(Arm64Fixture f, long va, long range, long asid, long dsb) {
        assertEquals(va, f.count(Primitive.TLBI_VA), "TLBI_VA");
        assertEquals(range, f.count(Primitive.TLBI_RANGE), "TLBI_RANGE");
        assertEquals(asid, f.count(Primitive.TLBI_ASID), "TLBI_ASID");
        assertEquals(dsb, f.count(Primitive.DSB), "DSB");
    }

    @Test
    void belowMaxDvmOpsEachPageGetsItsOwnTlbi() {
        assertFlush(flushPages(511), 511, 0, 0, 1);
    }

    @Test
    void atMaxDvmOpsTheWholeAsidIsFlushed() {
        Arm64Fixture f = flushPages(512);
        assertFlush(f, 0, 0, 1, 1);
        assertEquals(1, f.ledger().countAt("__flush_tlb_range;flush_tlb_mm", Primitive.TLBI_ASID));
    }

    @Test
    void rangeTlbiCoversPagesInPowerOfTwoUnits() {
        // 512 = 8 units of 2^6 at scale 1: one op.
        assertFlush(flushPages(512, "tlbirange=on"), 0, 1, 0, 1);
        // 511 = 7 x 64 (scale 1) + 31 x 2 (scale 0) + 1 single page.
        assertFlush(flushPages(511, "tlbirange=on"), 1, 2, 0, 1);
        // 16 = 8 x 2 at scale 0; 17 leaves one single page.
        assertFlush(flushPages(16, "tlbirange=on"), 0, 1, 0, 1);
        assertFlush(flushPages(17, "tlbirange=on"), 1, 1, 0, 1);
        assertFlush(flushPages(1, "tlbirange=on"), 1, 0, 0, 1);
    }

    @Test
    void rangeTlbiFallsBackToTheAsidOnlyBeyondMaxTlbiRangePages() {
        assertFlush(flushPages(Arm64Tlb.MAX_TLBI_RANGE_PAGES, "tlbirange=on"), 0, 1, 0, 1);
        assertFlush(flushPages(Arm64Tlb.MAX_TLBI_RANGE_PAGES + 1, "tlbirange=on"), 0, 0, 1, 1);
    }

    @Test
    void kptiDoublesEveryTlbiButNotTheDsb() {
        assertFlush(flushPages(511, "kpti=on"), 1022, 0, 0, 1);
        assertFlush(flushPages(512, "kpti=on"), 0, 0, 2, 1);
        assertFlush(flushPages(511, "kpti=on", "tlbirange=on"), 2, 4, 0, 1);
    }

    @Test
    void unalignedBoundsAreWidenedToTheStride() {
        Arm64Fixture f = new Arm64Fixture();
        f.mmu.flushTlbRange(MM, BASE + 0x800, BASE + 0x1800, PAGE_SHIFT, true, false);
        assertFlush(f, 2, 0, 0, 1);
    }

    @Test
    void sixteenKGranuleThresholdIs2048Pages() {
        Arm64Fixture f = new Arm64Fixture("granule=16k");
        f.mmu.flushTlbRange(MM, BASE, BASE + (2047L << 14), 14, true, false);
        assertFlush(f, 2047, 0, 0, 1);
        f.ledger().reset();
        f.mmu.flushTlbRange(MM, BASE, BASE + (2048L << 14), 14, true, false);
        assertFlush(f, 0, 0, 1, 1);
    }

    @Test
    void invertedRangeIsRejected() {
        Arm64Fixture f = new Arm64Fixture();
        assertThrows(IllegalArgumentException.class,
                () -> f.mmu.flushTlbRange(MM, BASE + 4096, BASE, PAGE_SHIFT, true, false));
    }

    @Test
    void flushTlbMmIsOneAsidTlbi() {
        Arm64Fixture f = new Arm64Fixture();
        f.mmu.flushTlbMm(MM);
        assertFlush(f, 0, 0, 1, 1);
    }

    @Test
    void exitTeardownFlushesOnlyWhenTablesWereFreed() {
        Arm64Fixture f = new Arm64Fixture();
        f.mmu.tlbFlush(MM, BASE, BASE + 64 * MIB, PAGE_SHIFT, false, true);
        assertFlush(f, 0, 0, 0, 0);
        f.mmu.tlbFlush(MM, BASE, BASE + 64 * MIB, PMD_SHIFT, true, true);
        assertFlush(f, 0, 0, 1, 1);
    }

    @Test
    void gatherFlushOfFreedTablesStepsByPmd() {
        // Only tables freed: stride PMD_SIZE, one TLBI per 2 MiB below 512 strides (1 GiB).
        Arm64Fixture f = new Arm64Fixture();
        f.mmu.tlbFlush(MM, BASE, BASE + 4 * MIB, PMD_SHIFT, true, false);
        assertFlush(f, 2, 0, 0, 1);
        f.ledger().reset();
        f.mmu.tlbFlush(MM, BASE, BASE + 1024 * MIB, PMD_SHIFT, true, false);
        assertFlush(f, 0, 0, 1, 1);
    }

    @Test
    void unfoldUsesOneRangeTlbiWithFeatTlbirange() {
        Arm64Fixture f = new Arm64Fixture("tlbirange=on");
        f.map(BASE, 0x10000, PROT, 16);
        f.ledger().reset();
        f.mmu.ptepGetAndClear(MM, BASE, f.ptep(BASE));
        assertEquals(1, f.count(Primitive.UNFOLD));
        assertFlush(f, 0, 1, 0, 1);
    }

    @Test
    void unfoldWithBbml2HasNoTlbi() {
        Arm64Fixture f = new Arm64Fixture("bbml2=on", "kpti=on");
        f.map(BASE, 0x10000, PROT, 16);
        f.ledger().reset();
        f.mmu.ptepGetAndClear(MM, BASE, f.ptep(BASE));
        assertEquals(1, f.count(Primitive.UNFOLD));
        assertEquals(17, f.count(Primitive.PTE_XCHG));
        assertEquals(16, f.count(Primitive.PTE_W));
        assertFlush(f, 0, 0, 0, 0);
    }
}
