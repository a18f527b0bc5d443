package org.ptreplay.arch.arm64;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.ptreplay.spi.ops.MmuEnv;
import org.ptreplay.spi.ops.Primitive;
import org.ptreplay.spi.ops.Pte;
import org.ptreplay.spi.ops.PteOps;

/**
 * Simulated page-table memory (entries keyed by their physical address) and folios (head pfn and
 * page count), charging the ledger exactly as {@link MmuEnv} specifies.
 */
final class FakeMmuEnv implements MmuEnv {
    /** Where the simulated vmemmap starts: one 64-byte struct page per pfn. */
    private static final long VMEMMAP = 1L << 40;

    private final CountingLedger ledger = new CountingLedger();
    private final Map<Long, Long> memory = new HashMap<>();
    private final TreeMap<Long, Integer> folios = new TreeMap<>();

    @Override
    public CountingLedger ledger() {
        return ledger;
    }

    void addFolio(long headPfn, int nrPages) {
        folios.put(headPfn, nrPages);
    }

    /** The entry at {@code ptep}, without charging anything. */
    long peek(long ptep) {
        return memory.getOrDefault(ptep, Pte.NONE);
    }

    @Override
    public long readPte(long ptep) {
        ledger.touch(Primitive.PTE_R, ptep);
        return peek(ptep);
    }

    @Override
    public void writePte(long ptep, long pte) {
        ledger.touch(Primitive.PTE_W, ptep);
        memory.put(ptep, pte);
    }

    @Override
    public long xchgPte(long ptep, long pte) {
        ledger.touch(Primitive.PTE_XCHG, ptep);
        long old = peek(ptep);
        memory.put(ptep, pte);
        return old;
    }

    @Override
    public long rmwPte(long ptep, long clearBits, long setBits) {
        ledger.touch(Primitive.PTE_RMW, ptep);
        long old = peek(ptep);
        memory.put(ptep, (old & ~clearBits) | setBits);
        return old;
    }

    @Override
    public long pageFolio(long pfn) {
        ledger.touch(Primitive.SP_R, VMEMMAP + 64 * pfn);
        Map.Entry<Long, Integer> folio = folios.floorEntry(pfn);
        if (folio == null || pfn >= folio.getKey() + folio.getValue()) {
            return PteOps.NO_FOLIO;
        }
        if (folio.getKey() != pfn) {
            ledger.touch(Primitive.SP_R, VMEMMAP + 64 * folio.getKey());
        }
        return folio.getKey();
    }

    @Override
    public int folioNrPages(long folio) {
        int nr = folios.get(folio);
        if (nr > 1) {
            ledger.touch(Primitive.SP_R, VMEMMAP + 64 * (folio + 1));
        }
        return nr;
    }
}
