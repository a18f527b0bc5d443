package org.ptreplay.arch.arm64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ptreplay.arch.arm64.Arm64Fixture.BASE;
import static org.ptreplay.arch.arm64.Arm64Fixture.PROT;
import static org.ptreplay.arch.arm64.Arm64Fixture.TOUCHED;

import org.junit.jupiter.api.Test;
import org.ptreplay.spi.ops.Primitive;
import org.ptreplay.spi.ops.Pte;

/** {@code set_ptes}: CONT painting for nr &gt; 1, the try-unfold/try-fold checks for nr = 1. */
class SetPtesTest {
    private static final long PFN = 0x10000; // 16-aligned

    @Test
    void alignedFolioIsPaintedContWithOneStorePerEntryAndNothingElse() {
        Arm64Fixture f = new Arm64Fixture();
        f.map(BASE, PFN, PROT, 16);
        assertEquals(16, f.contEntries(BASE, 16));
        assertEquals(16, f.count(Primitive.PTE_W));
        assertEquals(0, f.count(Primitive.PTE_R) + f.count(Primitive.FOLD) + f.count(Primitive.TLBI_VA));
        for (int i = 0; i < 16; i++) {
            assertEquals(PFN + i, Pte.pfn(f.peek(BASE + i * f.page())));
        }
    }

    @Test
    void vaAlignedButPaMisalignedGetsNoCont() {
        Arm64Fixture f = new Arm64Fixture();
        f.map(BASE, PFN + 1, PROT, 16);
        assertEquals(0, f.contEntries(BASE, 16));
        assertEquals(16, f.count(Primitive.PTE_W));
    }

    @Test
    void paAlignedButVaMisalignedGetsNoCont() {
        // Pieces [1, 16) and [16, 17): the first starts off a boundary, the second ends off one.
        Arm64Fixture f = new Arm64Fixture();
        f.map(BASE + f.page(), PFN, PROT, 16);
        assertEquals(0, f.contEntries(BASE, 32));
    }

    @Test
    void oneAndAHalfBlocksPaintOnlyTheWholeBlock() {
        Arm64Fixture f = new Arm64Fixture();
        f.map(BASE, PFN, PROT, 24);
        assertEquals(16, f.contEntries(BASE, 16));
        assertEquals(0, f.contEntries(BASE + 16 * f.page(), 8));
        assertEquals(24, f.count(Primitive.PTE_W));
    }

    @Test
    void rangeStartingMidBlockPaintsTheFollowingAlignedBlock() {
        // VA and PA both start at index 8: piece [8, 16) is plain, piece [16, 32) is CONT.
        Arm64Fixture f = new Arm64Fixture();
        f.map(BASE + 8 * f.page(), PFN + 8, PROT, 24);
        assertEquals(0, f.contEntries(BASE + 8 * f.page(), 8));
        assertEquals(16, f.contEntries(BASE + 16 * f.page(), 16));
    }

    @Test
    void contpteOffNeverPaints() {
        Arm64Fixture f = new Arm64Fixture("contpte=off");
        f.map(BASE, PFN, PROT, 16);
        assertEquals(0, f.contEntries(BASE, 16));
        assertEquals(16, f.count(Primitive.PTE_W));
        assertEquals(0, f.count(Primitive.PTE_R));
    }

    @Test
    void sixteenGranuleBlockIs128Entries() {
        Arm64Fixture f = new Arm64Fixture("granule=16k");
        f.map(BASE, 0x10000, PROT, 128);
        assertEquals(128, f.contEntries(BASE, 128));
    }

    @Test
    void singleEntryWritesFoldTheBlockOnItsLastEntry() {
        Arm64Fixture f = new Arm64Fixture();
        f.env.addFolio(PFN, 16);
        for (int i = 0; i < 15; i++) {
            f.map(BASE + i * f.page(), PFN + i, TOUCHED, 1);
        }
        assertEquals(0, f.contEntries(BASE, 16));
        f.map(BASE + 15 * f.page(), PFN + 15, TOUCHED, 1);
        // 16 try-unfold reads (targets none) + 16 fold-check reads; page_folio of a tail page
        // (2 SP_R) + folio_nr_pages (1 SP_R); the convert: 16 xchg, 16 TLBI_VA, 1 DSB, 16 writes.
        assertEquals(16, f.contEntries(BASE, 16));
        assertEquals(1, f.count(Primitive.FOLD));
        assertEquals(32, f.count(Primitive.PTE_R));
        assertEquals(3, f.count(Primitive.SP_R));
        assertEquals(16, f.count(Primitive.PTE_XCHG));
        assertEquals(16 + 16, f.count(Primitive.PTE_W));
        assertEquals(16, f.count(Primitive.TLBI_VA));
        assertEquals(1, f.count(Primitive.DSB));
        assertEquals(TOUCHED | Pte.CONT, Pte.flags(f.peek(BASE + 7 * f.page())));
    }

    @Test
    void foldCheckStopsAtTheFirstEntryWithADifferentProt() {
        Arm64Fixture f = new Arm64Fixture();
        f.env.addFolio(PFN, 16);
        for (int i = 0; i < 16; i++) {
            long flags = i == 3 ? Pte.PRESENT : PROT; // entry 3 read-only (e.g. mprotect)
            f.map(BASE + i * f.page(), PFN + i, flags, 1);
        }
        // 16 try-unfold reads + fold-check reads of entries 0..3 (3 mismatches).
        assertEquals(0, f.count(Primitive.FOLD));
        assertEquals(16 + 4, f.count(Primitive.PTE_R));
        assertEquals(0, f.contEntries(BASE, 16));
    }

    @Test
    void foldIsNotTriedForSpecialEntriesOrMisalignedPfns() {
        Arm64Fixture f = new Arm64Fixture();
        f.map(BASE + 15 * f.page(), PFN + 15, PROT | Pte.SPECIAL, 1); // zero page
        f.map(BASE + 31 * f.page(), PFN + 14, PROT, 1);                 // pfn not the last of a block
        assertEquals(0, f.count(Primitive.SP_R));
        assertEquals(2, f.count(Primitive.PTE_R));
    }

    @Test
    void foldNeedsTheWholeBlockInOneFolio() {
        // Two 8-page folios with consecutive pfns: the block spans both, so no fold.
        Arm64Fixture f = new Arm64Fixture();
        f.env.addFolio(PFN, 8);
        f.env.addFolio(PFN + 8, 8);
        for (int i = 0; i < 16; i++) {
            f.map(BASE + i * f.page(), PFN + i, PROT, 1);
        }
        assertEquals(0, f.count(Primitive.FOLD));
        assertEquals(3, f.count(Primitive.SP_R));
        assertEquals(16, f.count(Primitive.PTE_R));
    }

    @Test
    void contpteBasicHasNoAutomaticFold() {
        Arm64Fixture f = new Arm64Fixture("contpte=basic");
        f.env.addFolio(PFN, 16);
        for (int i = 0; i < 16; i++) {
            f.map(BASE + i * f.page(), PFN + i, PROT, 1);
        }
        assertEquals(0, f.count(Primitive.FOLD) + f.count(Primitive.SP_R));
        assertEquals(0, f.contEntries(BASE, 16));
    }

    @Test
    void singleEntryWriteOverAContEntryUnfoldsFirst() {
        Arm64Fixture f = new Arm64Fixture();
        f.map(BASE, PFN, PROT, 16);
        f.ledger().reset();
        f.map(BASE + 4 * f.page(), 0x50000, PROT, 1);
        assertEquals(1, f.count(Primitive.UNFOLD));
        assertEquals(0, f.contEntries(BASE, 16));
        assertEquals(0x50000, Pte.pfn(f.peek(BASE + 4 * f.page())));
        assertFalse(Pte.cont(f.peek(BASE + 4 * f.page())));
        assertTrue(Pte.present(f.peek(BASE + 5 * f.page())));
    }
}
