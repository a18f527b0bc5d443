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

/** {@code ptep_set_access_flags}: COW reuse (write + dirty) and access-flag faults. */
class AccessFlagsTest {
    private static final long PFN = 0x10000;

    @Test
    void plainEntryUpgradeIsOneRmwAndOnePageFlush() {
        Arm64Fixture f = new Arm64Fixture();
        f.map(BASE, PFN, Pte.PRESENT, 1);
        f.ledger().reset();
        long entry = Pte.make(PFN, PROT | Pte.YOUNG | Pte.DIRTY);
        assertTrue(f.mmu.ptepSetAccessFlags(MM, BASE, f.ptep(BASE), entry));
        // wrapper read + __ptep_set_access_flags read, cmpxchg, flush_tlb_page (dirty).
        assertEquals(2, f.count(Primitive.PTE_R));
        assertEquals(1, f.count(Primitive.PTE_RMW));
        assertEquals(1, f.count(Primitive.TLBI_VA));
        assertEquals(1, f.count(Primitive.DSB));
        assertEquals(entry, f.peek(BASE));
    }

    @Test
    void unchangedEntryIsANoOp() {
        Arm64Fixture f = new Arm64Fixture();
        long entry = Pte.make(PFN, PROT | Pte.YOUNG);
        f.map(BASE, PFN, PROT | Pte.YOUNG, 1);
        f.ledger().reset();
        assertFalse(f.mmu.ptepSetAccessFlags(MM, BASE, f.ptep(BASE), entry));
        assertEquals(0, f.count(Primitive.PTE_RMW) + f.count(Primitive.TLBI_VA));
    }

    @Test
    void writeBitChangeOnAContBlockUnfolds() {
        Arm64Fixture f = new Arm64Fixture();
        f.map(BASE, PFN, Pte.PRESENT | Pte.YOUNG, 16);
        f.ledger().reset();
        long addr = BASE + 2 * f.page();
        assertTrue(f.mmu.ptepSetAccessFlags(MM, addr, f.ptep(addr), Pte.make(PFN + 2, PROT | Pte.YOUNG | Pte.DIRTY)));
        // wrapper read 1 + ptep_get 1 + 16; UNFOLD (16 xchg, 16 TLBI_VA, DSB, 16 writes);
        // then read 1 + cmpxchg + flush_tlb_page (1 TLBI_VA, DSB).
        assertEquals(1, f.count(Primitive.UNFOLD));
        assertEquals(19, f.count(Primitive.PTE_R));
        assertEquals(1, f.count(Primitive.PTE_RMW));
        assertEquals(17, f.count(Primitive.TLBI_VA));
        assertEquals(2, f.count(Primitive.DSB));
        assertTrue(Pte.write(f.peek(addr)));
        assertFalse(Pte.write(f.peek(addr + f.page())));
    }

    @Test
    void accessFlagOnAContBlockUpdatesEveryEntryWithoutUnfold() {
        Arm64Fixture f = new Arm64Fixture();
        f.map(BASE, PFN, PROT, 16);
        f.ledger().reset();
        assertTrue(f.mmu.ptepSetAccessFlags(MM, BASE, f.ptep(BASE), Pte.make(PFN, PROT | Pte.YOUNG)));
        // wrapper 1 + ptep_get 17; then 16 x (read + cmpxchg); not dirty: no flush.
        assertEquals(0, f.count(Primitive.UNFOLD));
        assertEquals(34, f.count(Primitive.PTE_R));
        assertEquals(16, f.count(Primitive.PTE_RMW));
        assertEquals(0, f.count(Primitive.TLBI_VA) + f.count(Primitive.DSB));
        assertEquals(16, f.contEntries(BASE, 16));
        assertTrue(Pte.young(f.peek(BASE + 9 * f.page())));
    }

    @Test
    void dirtyAccessUpdateOnAContBlockFlushesTheBlockOnce() {
        Arm64Fixture f = new Arm64Fixture();
        f.map(BASE, PFN, PROT, 16);
        f.ledger().reset();
        assertTrue(f.mmu.ptepSetAccessFlags(MM, BASE, f.ptep(BASE), Pte.make(PFN, PROT | Pte.YOUNG | Pte.DIRTY)));
        assertEquals(16, f.count(Primitive.TLBI_VA));
        assertEquals(1, f.count(Primitive.DSB));
        assertEquals(16, f.contEntries(BASE, 16));
    }
}
