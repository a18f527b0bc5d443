package org.ptreplay.arch.arm64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ptreplay.arch.arm64.Arm64Fixture.BASE;
import static org.ptreplay.arch.arm64.Arm64Fixture.MM;
import static org.ptreplay.arch.arm64.Arm64Fixture.PROT;

import org.junit.jupiter.api.Test;
import org.ptreplay.spi.ops.Primitive;
import org.ptreplay.spi.ops.Pte;

/** Clears (zap, munmap) and write-protects (fork) over CONT blocks, per contpte generation. */
class ClearAndWrprotectTest {
    private static final long PFN = 0x40000; // 512-aligned: can back an order-9 folio

    private static Arm64Fixture mapped(int nr, String... options) {
        Arm64Fixture f = new Arm64Fixture(options);
        f.map(BASE, PFN, PROT, nr);
        f.ledger().reset();
        return f;
    }

    @Test
    void clearingHalfABlockUnfoldsExactlyThatBlock() {
        Arm64Fixture f = mapped(32);
        f.mmu.clearFullPtes(MM, BASE, f.ptep(BASE), 8, false);
        // nr < CONT_PTES: read entry 0 (CONT) -> UNFOLD (16 xchg, 16 TLBI_VA, DSB, 16 writes);
        // the range ends mid-block: read entry 7 (now plain); then 8 xchg.
        assertEquals(1, f.count(Primitive.UNFOLD));
        assertEquals(2, f.count(Primitive.PTE_R));
        assertEquals(16 + 8, f.count(Primitive.PTE_XCHG));
        assertEquals(16, f.count(Primitive.TLBI_VA));
        assertEquals(Pte.NONE, f.peek(BASE + 7 * f.page()));
        assertEquals(0, f.contEntries(BASE + 8 * f.page(), 8));
        assertTrue(Pte.present(f.peek(BASE + 8 * f.page())));
        assertEquals(16, f.contEntries(BASE + 16 * f.page(), 16));
    }

    @Test
    void singleGetAndClearInsideABlockUnfoldsIt() {
        Arm64Fixture f = mapped(16);
        long old = f.mmu.ptepGetAndClear(MM, BASE + 5 * f.page(), f.ptep(BASE + 5 * f.page()));
        assertEquals(PFN + 5, Pte.pfn(old));
        assertFalse(Pte.cont(old));
        assertEquals(1, f.count(Primitive.UNFOLD));
        assertEquals(1, f.count(Primitive.PTE_R));
        assertEquals(17, f.count(Primitive.PTE_XCHG));
        assertEquals(0, f.contEntries(BASE, 16));
    }

    @Test
    void clearingWholeBlocksNeedsNoReadNoUnfoldNoTlbi() {
        Arm64Fixture f = mapped(32);
        f.mmu.clearFullPtes(MM, BASE, f.ptep(BASE), 32, false);
        assertEquals(0, f.count(Primitive.UNFOLD) + f.count(Primitive.PTE_R) + f.count(Primitive.TLBI_VA));
        assertEquals(32, f.count(Primitive.PTE_XCHG));
    }

    @Test
    void clearingOneAndAHalfBlocksUnfoldsOnlyThePartialEndBlock() {
        Arm64Fixture f = mapped(32);
        f.mmu.clearFullPtes(MM, BASE, f.ptep(BASE), 24, true);
        // Start aligned and nr >= 16: first entry not read; end mid-block: entry 23 read, CONT.
        assertEquals(1, f.count(Primitive.UNFOLD));
        assertEquals(1, f.count(Primitive.PTE_R));
        assertEquals(16 + 24, f.count(Primitive.PTE_XCHG));
        assertEquals(0, f.contEntries(BASE + 24 * f.page(), 8));
    }

    @Test
    void getAndClearReturnsTheFirstEntryWithAccessBitsOfAllOred() {
        Arm64Fixture f = new Arm64Fixture("contpte=off");
        f.map(BASE, PFN, PROT, 1);
        f.map(BASE + f.page(), PFN + 1, PROT | Pte.DIRTY, 1);
        f.map(BASE + 2 * f.page(), PFN + 2, PROT | Pte.YOUNG, 1);
        long pte = f.mmu.getAndClearFullPtes(MM, BASE, f.ptep(BASE), 3, false);
        assertEquals(Pte.make(PFN, PROT | Pte.DIRTY | Pte.YOUNG), pte);
    }

    @Test
    void contpteBasicClearUnfoldsEveryBlock() {
        Arm64Fixture f = mapped(32, "contpte=basic");
        f.mmu.clearFullPtes(MM, BASE, f.ptep(BASE), 32, false);
        // Generic loop of ptep_get_and_clear: 32 check reads, the first of each block unfolds it.
        assertEquals(2, f.count(Primitive.UNFOLD));
        assertEquals(32, f.count(Primitive.PTE_R));
        assertEquals(2 * 16 + 32, f.count(Primitive.PTE_XCHG));
        assertEquals(32, f.count(Primitive.TLBI_VA));
    }

    /**
     * Exit (fullmm) is no cheaper under contpte-basic: v2 of the series had a fullmm
     * {@code contpte_ptep_get_and_clear_full} that cleared without unfolding, v3 removed it for the
     * batched {@code clear_ptes()} (v5 cover 20240202080756.1453939-1-ryan.roberts@arm.com, "Changes
     * since v2"), so v5's patches 0-19 reach the generic {@code ptep_get_and_clear} loop whatever
     * {@code full} says. The batched helper clears covered blocks without an unfold in both cases.
     */
    @Test
    void fullMmClearUnfoldsUnderBasicAndNotUnderBatched() {
        Arm64Fixture basic = mapped(32, "contpte=basic");
        basic.mmu.clearFullPtes(MM, BASE, basic.ptep(BASE), 32, true);
        // As munmap: 32 check reads; blocks 0 and 1 unfold (16 xchg, 16 TLBI_VA, DSB, 16 writes
        // each); then 32 clearing xchg.
        assertEquals(2, basic.count(Primitive.UNFOLD));
        assertEquals(32, basic.count(Primitive.PTE_R));
        assertEquals(2 * 16 + 32, basic.count(Primitive.PTE_XCHG));
        assertEquals(32, basic.count(Primitive.TLBI_VA));
        assertEquals(2, basic.count(Primitive.DSB));
        assertEquals(2 * 16, basic.count(Primitive.PTE_W));

        Arm64Fixture batched = mapped(32);
        batched.mmu.clearFullPtes(MM, BASE, batched.ptep(BASE), 32, true);
        assertEquals(0, batched.count(Primitive.UNFOLD) + batched.count(Primitive.TLBI_VA)
                + batched.count(Primitive.DSB) + batched.count(Primitive.PTE_W));
        assertEquals(32, batched.count(Primitive.PTE_XCHG));
        assertEquals(Pte.NONE, batched.peek(BASE + 31 * batched.page()));
    }

    @Test
    void contpteBasicWrprotectOfAPteMappedThpUnfoldsAll32Blocks() {
        Arm64Fixture f = mapped(512, "contpte=basic");
        assertEquals(512, f.contEntries(BASE, 512));
        f.ledger().reset();
        f.mmu.wrprotectPtes(MM, BASE, f.ptep(BASE), 512);
        // Generic loop of ptep_set_wrprotect: 512 check reads + 512 RMW; each block's first
        // entry unfolds it: 32 x (16 xchg, 16 TLBI_VA, DSB, 16 writes).
        assertEquals(32, f.count(Primitive.UNFOLD));
        assertEquals(512, f.count(Primitive.PTE_R));
        assertEquals(512, f.count(Primitive.PTE_RMW));
        assertEquals(512, f.count(Primitive.PTE_XCHG));
        assertEquals(512, f.count(Primitive.TLBI_VA));
        assertEquals(32, f.count(Primitive.DSB));
        assertEquals(0, f.contEntries(BASE, 512));
        assertFalse(Pte.write(f.peek(BASE + 300 * f.page())));
    }

    @Test
    void batchedWrprotectOfAPteMappedThpKeepsContAndIssuesNoTlbi() {
        Arm64Fixture f = mapped(512);
        f.mmu.wrprotectPtes(MM, BASE, f.ptep(BASE), 512);
        assertEquals(0, f.count(Primitive.UNFOLD) + f.count(Primitive.PTE_R) + f.count(Primitive.TLBI_VA)
                + f.count(Primitive.DSB));
        assertEquals(512, f.count(Primitive.PTE_RMW));
        assertEquals(512, f.contEntries(BASE, 512));
        for (int i = 0; i < 512; i++) {
            assertFalse(Pte.write(f.peek(BASE + i * f.page())));
        }
    }

    @Test
    void batchedSingleWrprotectOfAContEntryUnfolds() {
        Arm64Fixture f = mapped(16);
        f.mmu.ptepSetWrprotect(MM, BASE + 3 * f.page(), f.ptep(BASE + 3 * f.page()));
        assertEquals(1, f.count(Primitive.UNFOLD));
        assertEquals(1, f.count(Primitive.PTE_R));
        assertEquals(1, f.count(Primitive.PTE_RMW));
        assertFalse(Pte.write(f.peek(BASE + 3 * f.page())));
        assertTrue(Pte.write(f.peek(BASE + 4 * f.page())));
    }

    @Test
    void contpteOffWrprotectIsOneRmwPerEntry() {
        Arm64Fixture f = mapped(512, "contpte=off");
        f.mmu.wrprotectPtes(MM, BASE, f.ptep(BASE), 512);
        assertEquals(512, f.count(Primitive.PTE_RMW));
        assertEquals(0, f.count(Primitive.PTE_R) + f.count(Primitive.UNFOLD));
    }
}
