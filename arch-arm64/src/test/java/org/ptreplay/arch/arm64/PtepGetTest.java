package org.ptreplay.arch.arm64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.ptreplay.arch.arm64.Arm64Fixture.BASE;
import static org.ptreplay.arch.arm64.Arm64Fixture.MM;
import static org.ptreplay.arch.arm64.Arm64Fixture.PROT;

import org.junit.jupiter.api.Test;
import org.ptreplay.spi.ops.Primitive;
import org.ptreplay.spi.ops.Pte;

/** {@code ptep_get}, {@code ptep_get_lockless} and {@code pte_batch_hint} over CONT blocks. */
class PtepGetTest {
    private static final long PFN = 0x10000;

    /** A CONT block whose entry {@code i} carries {@code bits[i]} (young/dirty) on top of PROT. */
    private static Arm64Fixture block(long[] bits, String... options) {
        Arm64Fixture f = new Arm64Fixture(options);
        f.map(BASE, PFN, PROT, 16);
        for (int i = 0; i < 16; i++) {
            long p = f.ptep(BASE + i * f.page());
            f.env.rmwPte(p, 0, bits[i]);
        }
        f.ledger().reset();
        return f;
    }

    private static long[] none() {
        return new long[16];
    }

    private static long[] all(long bit) {
        long[] bits = new long[16];
        java.util.Arrays.fill(bits, bit);
        return bits;
    }

    private static long readsOfPtepGet(long[] bits, String... options) {
        Arm64Fixture f = block(bits, options);
        f.mmu.ptepGet(f.ptep(BASE + 3 * f.page()));
        assertEquals(1, f.count(Primitive.PTEP_GET));
        return f.count(Primitive.PTE_R);
    }

    @Test
    void plainEntryIsOneRead() {
        Arm64Fixture f = new Arm64Fixture();
        f.map(BASE, PFN, PROT, 1);
        f.ledger().reset();
        assertEquals(Pte.make(PFN, PROT), f.mmu.ptepGet(f.ptep(BASE)));
        assertEquals(1, f.count(Primitive.PTE_R));
        assertEquals(1, f.count(Primitive.PTEP_GET));
    }

    @Test
    void contEntryGathersAccessBitsOfTheWholeBlock() {
        long[] bits = none();
        bits[9] = Pte.DIRTY;
        bits[12] = Pte.YOUNG;
        Arm64Fixture f = block(bits);
        long pte = f.mmu.ptepGet(f.ptep(BASE));
        assertEquals(Pte.make(PFN, PROT | Pte.CONT | Pte.DIRTY | Pte.YOUNG), pte);
        assertEquals(17, f.count(Primitive.PTE_R));
        assertEquals(16, f.ledger().countAt("contpte_ptep_get", Primitive.PTE_R));
    }

    @Test
    void withoutEarlyExitTheBlockIsAlwaysReadInFull() {
        assertEquals(17, readsOfPtepGet(all(Pte.DIRTY | Pte.YOUNG)));
        assertEquals(17, readsOfPtepGet(none()));
    }

    @Test
    void earlyExitReadCounts() {
        String on = "contpte-early-exit=on";
        // All dirty+young: entry 0 is dirty, the young search restarts at entry 0: 1 + 2.
        assertEquals(3, readsOfPtepGet(all(Pte.DIRTY | Pte.YOUNG), on));
        // Nothing set anywhere: the whole block, 1 + 16.
        assertEquals(17, readsOfPtepGet(none(), on));
        // Xavier Xia's scenario 2, only entry 8 young: 0..8 found young, 9..15 find no dirty.
        long[] eighthYoung = none();
        eighthYoung[8] = Pte.YOUNG;
        assertEquals(17, readsOfPtepGet(eighthYoung, on));
        // Entry 0 dirty only, entry 1 young: 0; then 0 again and 1: 1 + 3.
        long[] dirtyThenYoung = none();
        dirtyThenYoung[0] = Pte.DIRTY;
        dirtyThenYoung[1] = Pte.YOUNG;
        assertEquals(4, readsOfPtepGet(dirtyThenYoung, on));
        // Entry 0 young only, entry 1 dirty: the dirty search starts after entry 0: 1 + 2.
        long[] youngThenDirty = none();
        youngThenDirty[0] = Pte.YOUNG;
        youngThenDirty[1] = Pte.DIRTY;
        assertEquals(3, readsOfPtepGet(youngThenDirty, on));
    }

    @Test
    void earlyExitStillReturnsBothBits() {
        long[] bits = none();
        bits[2] = Pte.YOUNG;
        bits[14] = Pte.DIRTY;
        Arm64Fixture f = block(bits, "contpte-early-exit=on");
        long pte = f.mmu.ptepGet(f.ptep(BASE));
        assertEquals(Pte.DIRTY | Pte.YOUNG, pte & (Pte.DIRTY | Pte.YOUNG));
        assertEquals(1 + 15, f.count(Primitive.PTE_R));
    }

    @Test
    void locklessReadsTheBlockButIsNotAPtepGetCall() {
        Arm64Fixture f = block(all(Pte.YOUNG));
        long pte = f.mmu.ptepGetLockless(f.ptep(BASE + 5 * f.page()));
        assertEquals(Pte.make(PFN + 5, PROT | Pte.CONT | Pte.YOUNG), pte);
        assertEquals(17, f.count(Primitive.PTE_R));
        assertEquals(0, f.count(Primitive.PTEP_GET));
        assertEquals(16, f.ledger().countAt("contpte_ptep_get_lockless", Primitive.PTE_R));
    }

    @Test
    void batchHintCountsTheEntriesLeftInTheBlock() {
        Arm64Fixture f = block(none());
        long p5 = f.ptep(BASE + 5 * f.page());
        assertEquals(11, f.mmu.pteBatchHint(p5, f.env.peek(p5)));
        assertEquals(16, f.mmu.pteBatchHint(f.ptep(BASE), f.env.peek(f.ptep(BASE))));
        assertEquals(1, f.mmu.pteBatchHint(p5, Pte.mknoncont(f.env.peek(p5))));
        assertEquals(0, f.count(Primitive.PTE_R));
    }

    @Test
    void batchHintIsOneBeforeTheBatchedSeriesAndWithoutContpte() {
        Arm64Fixture basic = block(none(), "contpte=basic");
        assertEquals(1, basic.mmu.pteBatchHint(basic.ptep(BASE), basic.env.peek(basic.ptep(BASE))));
        Arm64Fixture off = new Arm64Fixture("contpte=off");
        assertEquals(1, off.mmu.pteBatchHint(off.ptep(BASE), Pte.make(PFN, PROT | Pte.CONT)));
    }

    @Test
    void batchHintOf64kGranuleBlockIs32() {
        Arm64Fixture f = new Arm64Fixture("granule=64k");
        f.map(BASE, 0x10000, PROT, 32);
        assertEquals(32, f.mmu.pteBatchHint(f.ptep(BASE), f.peek(BASE)));
        assertEquals(1, f.mmu.pteBatchHint(f.ptep(BASE + 31 * f.page()), f.peek(BASE + 31 * f.page())));
    }

    @Test
    void contpteOffReadsOneEntryEvenIfItCarriesCont() {
        Arm64Fixture f = new Arm64Fixture("contpte=off");
        f.env.writePte(f.ptep(BASE), Pte.make(PFN, PROT | Pte.CONT));
        f.ledger().reset();
        f.mmu.ptepGet(f.ptep(BASE));
        assertEquals(1, f.count(Primitive.PTE_R));
        f.mmu.clearFullPtes(MM, BASE, f.ptep(BASE), 1, false);
        assertEquals(0, f.count(Primitive.UNFOLD));
    }
}
