package org.example.ptreplay.plugin;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.ptreplay.spi.ops.Frame;
import org.ptreplay.spi.ops.Ledger;
import org.ptreplay.spi.ops.MovePtesContext;
import org.ptreplay.spi.ops.PageTableGeometry;
import org.ptreplay.spi.ops.Primitive;
import org.ptreplay.spi.ops.Pte;

/**
 * A test double for one move_ptes extent: two tables held in arrays, folios as pfn ranges, and
 * counters for the calls whose number the strategy decides. It models arm64's batch hint (the
 * entries left to the end of a contpte block for a CONT entry, else 1), which is all the
 * strategy's decisions depend on; it does not price anything.
 */
final class FakeMovePtesContext implements MovePtesContext, Ledger {

    static final PageTableGeometry GEOMETRY_4K = new PageTableGeometry(12, 4, 48, 16);
    static final long OLD_TABLE = 0x10_0000L;
    static final long NEW_TABLE = 0x20_0000L;
    static final long OLD_ADDR = 0x4000_0000L;
    static final long NEW_ADDR = 0x8000_0000L;

    final long[] oldTable = new long[GEOMETRY_4K.ptrsPerTable()];
    final long[] newTable = new long[GEOMETRY_4K.ptrsPerTable()];
    /** head pfn → number of pages. */
    private final TreeMap<Long, Integer> folios = new TreeMap<>();
    private final int entries;

    int ptepGets;
    int folioLookups;
    int folioNrPagesCalls;
    final List<Integer> batches = new ArrayList<>();
    final List<String> frames = new ArrayList<>();
    private int depth;

    /** An extent of {@code entries} entries starting at index 0 of both tables. */
    FakeMovePtesContext(int entries) {
        this.entries = entries;
    }

    void folio(long headPfn, int nrPages) {
        folios.put(headPfn, nrPages);
    }

    private static int index(long ptep, long table) {
        return (int) ((ptep - table) / 8);
    }

    // ---- Ledger: records frame balance only.

    @Override
    public void enter(Frame frame) {
        frames.add(frame.name());
        depth++;
    }

    @Override
    public void exit(Frame frame) {
        depth--;
    }

    int depth() {
        return depth;
    }

    @Override
    public void charge(Primitive p, long n) {
    }

    @Override
    public void touch(Primitive p, long pa) {
    }

    // ---- MovePtesContext

    @Override
    public Ledger ledger() {
        return this;
    }

    @Override
    public PageTableGeometry geometry() {
        return GEOMETRY_4K;
    }

    @Override
    public long oldAddr() {
        return OLD_ADDR;
    }

    @Override
    public long oldEnd() {
        return OLD_ADDR + ((long) entries << GEOMETRY_4K.pageShift());
    }

    @Override
    public long newAddr() {
        return NEW_ADDR;
    }

    @Override
    public long oldPtep() {
        return OLD_TABLE;
    }

    @Override
    public long newPtep() {
        return NEW_TABLE;
    }

    @Override
    public long moveSoftDirtyPte(long pte) {
        return Pte.mkSoftDirty(pte);
    }

    @Override
    public long ptepGet(long ptep) {
        ptepGets++;
        return oldTable[index(ptep, OLD_TABLE)];
    }

    @Override
    public int pteBatchHint(long ptep, long pte) {
        int contPtes = GEOMETRY_4K.contPtes();
        return Pte.cont(pte) ? contPtes - (index(ptep, OLD_TABLE) & (contPtes - 1)) : 1;
    }

    @Override
    public long ptepGetAndClear(long addr, long ptep) {
        return getAndClearFullPtes(addr, ptep, 1, false);
    }

    @Override
    public long getAndClearFullPtes(long addr, long ptep, int nr, boolean full) {
        batches.add(nr);
        int i = index(ptep, OLD_TABLE);
        long first = oldTable[i];
        for (int k = 0; k < nr; k++) {
            oldTable[i + k] = Pte.NONE;
        }
        return first;
    }

    @Override
    public void clearFullPtes(long addr, long ptep, int nr, boolean full) {
        getAndClearFullPtes(addr, ptep, nr, full);
    }

    @Override
    public void setPtes(long addr, long ptep, long pte, int nr) {
        int i = index(ptep, NEW_TABLE);
        for (int k = 0; k < nr; k++) {
            newTable[i + k] = Pte.advancePfn(pte, k);
        }
    }

    @Override
    public void ptepSetWrprotect(long addr, long ptep) {
        throw new AssertionError("move_ptes never write-protects");
    }

    @Override
    public void wrprotectPtes(long addr, long ptep, int nr) {
        throw new AssertionError("move_ptes never write-protects");
    }

    @Override
    public long vmNormalFolio(long addr, long pte) {
        folioLookups++;
        var head = folios.floorEntry(Pte.pfn(pte));
        if (head != null && Pte.pfn(pte) < head.getKey() + head.getValue()) {
            return head.getKey();
        }
        return Pte.pfn(pte); // an order-0 folio
    }

    @Override
    public boolean folioTestAnon(long folio) {
        return true;
    }

    @Override
    public boolean folioTestLarge(long folio) {
        return folios.getOrDefault(folio, 1) > 1;
    }

    @Override
    public int folioNrPages(long folio) {
        folioNrPagesCalls++;
        return folios.getOrDefault(folio, 1);
    }

    @Override
    public int folioPteBatch(long folio, long ptep, long pte, int maxNr, int flags) {
        long folioEnd = folio + folios.getOrDefault(folio, 1);
        int i = index(ptep, OLD_TABLE);
        int nr = 1;
        while (nr < maxNr && Pte.pfn(pte) + nr < folioEnd) {
            long next = oldTable[i + nr];
            boolean sameWrite = (flags & FPB_RESPECT_WRITE) == 0 || Pte.write(next) == Pte.write(pte);
            if (!Pte.present(next) || Pte.pfn(next) != Pte.pfn(pte) + nr || !sameWrite) {
                break;
            }
            nr++;
        }
        return nr;
    }
}
