package org.ptreplay.arch.arm64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.ptreplay.arch.arm64.Arm64Fixture.BASE;
import static org.ptreplay.arch.arm64.Arm64Fixture.KIB;
import static org.ptreplay.arch.arm64.Arm64Fixture.MIB;
import static org.ptreplay.arch.arm64.Arm64Fixture.MM;
import static org.ptreplay.arch.arm64.Arm64Fixture.TOUCHED;

import org.junit.jupiter.api.Test;
import org.ptreplay.spi.ops.Primitive;
import org.ptreplay.spi.ops.Pte;

/**
 * Dev Jain's mremap test ("[PATCH v4 0/2] Optimize mremap() for large folios", Message-ID
 * 20250610035043.75448-1-dev.jain@arm.com): 1 MiB of 64K folios at a 64K-aligned address,
 * memset, moved to +1 MiB. Old and new range share one PTE table (4K granule). The move_ptes loops
 * are emulated with the arch calls they make (docs/kernel-model.md §2.4 (a) and (b)).
 */
class MremapMoveCountsTest {
    private static final long OLD = BASE;
    private static final long NEW = BASE + MIB;
    private static final int PAGES = 256;
    private static final long PFN = 0x10000;

    /** 16 folios of 64K (16 pages), mapped by the fault path with set_ptes(nr = 16): all CONT. */
    private static Arm64Fixture largeFolios(String... options) {
        Arm64Fixture f = new Arm64Fixture(options);
        for (int k = 0; k < 16; k++) {
            f.env.addFolio(PFN + 16 * k, 16);
            f.map(OLD + k * 64 * KIB, PFN + 16 * k, TOUCHED, 16);
        }
        f.ledger().reset();
        return f;
    }

    /** The classic per-PTE move_ptes: ptep_get, ptep_get_and_clear, set_pte_at for every PTE. */
    private static void movePerPte(Arm64Fixture f) {
        for (int i = 0; i < PAGES; i++) {
            long oldAddr = OLD + i * f.page();
            long newAddr = NEW + i * f.page();
            long pte = f.mmu.ptepGet(f.ptep(oldAddr));
            assertEquals(PFN + i, Pte.pfn(pte));
            pte = f.mmu.ptepGetAndClear(MM, oldAddr, f.ptep(oldAddr));
            f.mmu.setPtes(MM, newAddr, f.ptep(newAddr), pte, 1);
        }
    }

    @Test
    void perPteMoveOf64kFoliosUnfoldsEverySourceBlockAndRefoldsEveryDestinationBlock() {
        Arm64Fixture f = largeFolios();
        assertEquals(PAGES, f.contEntries(OLD, PAGES));

        movePerPte(f);

        // Per 64K block (kernel-model §2.4 (a)):
        //  entry 0:  ptep_get 1 + 16 block reads; get_and_clear: 1 check read, UNFOLD
        //            (16 xchg, 16 TLBI_VA, 1 DSB, 16 writes), 1 xchg; set_pte_at: 1 check read, 1 write
        //  1..15:    ptep_get 1 read; get_and_clear 1 read + 1 xchg; set_pte_at 1 read + 1 write
        //  entry 15: fold gate passes: page_folio of a tail page (2 SP_R) + folio_nr_pages (1 SP_R),
        //            16 reads, FOLD (16 xchg, 16 TLBI_VA, 1 DSB, 16 writes)
        // PTE_R = 17 + 15 + 16 + 16 + 16 = 80; PTE_XCHG = PTE_W = 16 + 16 + 16 = 48; TLBI_VA = 32.
        assertEquals(16, f.count(Primitive.UNFOLD));
        assertEquals(16, f.count(Primitive.FOLD));
        assertEquals(256, f.count(Primitive.PTEP_GET));
        assertEquals(16 * 80, f.count(Primitive.PTE_R));
        assertEquals(16 * 48, f.count(Primitive.PTE_XCHG));
        assertEquals(16 * 48, f.count(Primitive.PTE_W));
        assertEquals(16 * 32, f.count(Primitive.TLBI_VA));
        assertEquals(16 * 2, f.count(Primitive.DSB));
        assertEquals(16 * 3, f.count(Primitive.SP_R));
        assertEquals(0, f.count(Primitive.TLBI_ASID) + f.count(Primitive.TLBI_RANGE) + f.count(Primitive.PTE_RMW));
        assertEquals(PAGES, f.contEntries(NEW, PAGES));
        assertEquals(Pte.NONE, f.peek(OLD));

        // Attribution: each convert sits under the fold or unfold that caused it.
        CountingLedger l = f.ledger();
        assertEquals(16, l.countAt("contpte_try_unfold;contpte_convert", Primitive.UNFOLD));
        assertEquals(16, l.countAt("contpte_try_fold;contpte_convert", Primitive.FOLD));
        assertEquals(16 * 16, l.countAt("contpte_try_fold;contpte_convert;__flush_tlb_range", Primitive.TLBI_VA));
        assertEquals(16 * 3, l.countUnder("contpte_try_fold", Primitive.SP_R));
        assertEquals(16 * 16, l.countAt("contpte_ptep_get", Primitive.PTE_R));
        assertEquals(0, l.depth());
    }

    @Test
    void perPteMoveOfOrder0FoliosNeverFoldsOrUnfolds() {
        Arm64Fixture f = new Arm64Fixture();
        for (int i = 0; i < PAGES; i++) {
            f.env.addFolio(PFN + i, 1);
            f.map(OLD + i * f.page(), PFN + i, TOUCHED, 1);
        }
        assertEquals(0, f.contEntries(OLD, PAGES));
        f.ledger().reset();

        movePerPte(f);

        // Per PTE: ptep_get 1 read, get_and_clear 1 read + 1 xchg, set_pte_at 1 read + 1 write.
        // The 16th entry of each block passes the arithmetic gate (pfns are consecutive and aligned),
        // then page_folio of a small folio (1 SP_R, folio_nr_pages free) fails the span check.
        assertEquals(0, f.count(Primitive.FOLD) + f.count(Primitive.UNFOLD));
        assertEquals(256, f.count(Primitive.PTEP_GET));
        assertEquals(3 * 256, f.count(Primitive.PTE_R));
        assertEquals(256, f.count(Primitive.PTE_XCHG));
        assertEquals(256, f.count(Primitive.PTE_W));
        assertEquals(16, f.count(Primitive.SP_R));
        assertEquals(0, f.count(Primitive.TLBI_VA) + f.count(Primitive.DSB));
    }

    @Test
    void batchedMoveKeepsBlocksContWithoutConvertOrTlbi() {
        Arm64Fixture f = largeFolios();
        for (int k = 0; k < 16; k++) {
            long oldAddr = OLD + k * 64 * KIB;
            long newAddr = NEW + k * 64 * KIB;
            long pte = f.mmu.ptepGet(f.ptep(oldAddr));
            int nr = f.mmu.pteBatchHint(f.ptep(oldAddr), pte);
            assertEquals(16, nr);
            pte = f.mmu.getAndClearFullPtes(MM, oldAddr, f.ptep(oldAddr), nr, false);
            f.mmu.setPtes(MM, newAddr, f.ptep(newAddr), pte, nr);
        }
        // Per block: ptep_get 1 + 16 reads; get_and_clear_full_ptes(16) covers the block exactly,
        // so no end is read and nothing unfolds: 16 xchg; set_ptes(16) paints CONT: 16 writes.
        assertEquals(0, f.count(Primitive.FOLD) + f.count(Primitive.UNFOLD));
        assertEquals(16, f.count(Primitive.PTEP_GET));
        assertEquals(16 * 17, f.count(Primitive.PTE_R));
        assertEquals(256, f.count(Primitive.PTE_XCHG));
        assertEquals(256, f.count(Primitive.PTE_W));
        assertEquals(0, f.count(Primitive.TLBI_VA) + f.count(Primitive.TLBI_RANGE)
                + f.count(Primitive.TLBI_ASID) + f.count(Primitive.DSB));
        assertEquals(PAGES, f.contEntries(NEW, PAGES));
        assertEquals(TOUCHED | Pte.CONT, Pte.flags(f.peek(NEW)));
    }

    @Test
    void contpteBasicUnfoldsTheSourceButNeverRefolds() {
        Arm64Fixture f = largeFolios("contpte=basic");
        assertEquals(PAGES, f.contEntries(OLD, PAGES));

        movePerPte(f);

        // As the batched per-PTE case without the fold: PTE_R = 17 + 15 + 16 + 16 = 64 per block,
        // PTE_XCHG = PTE_W = 16 (unfold) + 16 (move), TLBI_VA 16, DSB 1.
        assertEquals(16, f.count(Primitive.UNFOLD));
        assertEquals(0, f.count(Primitive.FOLD));
        assertEquals(16 * 64, f.count(Primitive.PTE_R));
        assertEquals(16 * 32, f.count(Primitive.PTE_XCHG));
        assertEquals(16 * 32, f.count(Primitive.PTE_W));
        assertEquals(16 * 16, f.count(Primitive.TLBI_VA));
        assertEquals(16, f.count(Primitive.DSB));
        assertEquals(0, f.count(Primitive.SP_R));
        assertEquals(0, f.contEntries(NEW, PAGES));
    }

    @Test
    void bbml2KeepsTheConvertsButDropsTheirTlbiAndDsb() {
        Arm64Fixture f = largeFolios("bbml2=on");
        movePerPte(f);
        assertEquals(16, f.count(Primitive.UNFOLD));
        assertEquals(16, f.count(Primitive.FOLD));
        assertEquals(16 * 48, f.count(Primitive.PTE_XCHG));
        assertEquals(16 * 48, f.count(Primitive.PTE_W));
        assertEquals(0, f.count(Primitive.TLBI_VA) + f.count(Primitive.TLBI_RANGE) + f.count(Primitive.DSB));
    }

    @Test
    void earlyExitCutsTheBlockReadOfAllDirtyYoungBlocks() {
        Arm64Fixture f = largeFolios("contpte-early-exit=on");
        movePerPte(f);
        // Every entry is young and dirty: the gather reads entry 0 as dirty, then re-reads it and
        // finds young: 2 reads instead of 16, i.e. 80 - 14 = 66 PTE_R per block.
        assertEquals(16 * 66, f.count(Primitive.PTE_R));
        assertEquals(16, f.count(Primitive.UNFOLD));
        assertEquals(16, f.count(Primitive.FOLD));
    }
}
