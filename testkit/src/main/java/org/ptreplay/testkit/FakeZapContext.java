package org.ptreplay.testkit;

import java.util.ArrayList;
import java.util.List;
import org.ptreplay.spi.ops.ZapPtesContext;

/**
 * One zap_pte_range call over table 0 of a {@link FakePteOps}, with an mmu_gather of a given
 * number of page slots: one per single page, two per batch (__tlb_remove_folio_pages).
 */
public final class FakeZapContext extends FakePteOps implements ZapPtesContext {
    public static final long BASE = 0x4000_0000L;

    private final int count;
    private final int gatherSlots;
    private long addr = BASE;
    public boolean fullMm;

    public int slotsUsed;
    public int gatheredPages;
    public final List<Integer> rmapRemoveNr = new ArrayList<>();
    public final List<Integer> gatherNr = new ArrayList<>();
    public int rss;

    /** Zaps entries {@code [0, count)}; the gather is full once {@code gatherSlots} slots are used. */
    public FakeZapContext(int contPtes, int count, int gatherSlots) {
        super(contPtes);
        this.count = count;
        this.gatherSlots = gatherSlots;
    }

    /** The caller's flush after an early return: the gather is empty again, and the zap resumes at {@code at}. */
    public void flushAndResume(long at) {
        slotsUsed = 0;
        addr = at;
    }

    @Override
    public long addr() {
        return addr;
    }

    @Override
    public long end() {
        return BASE + ((long) count << 12);
    }

    @Override
    public long ptep() {
        return ptep(0, (int) ((addr - BASE) >>> 12));
    }

    @Override
    public boolean fullMm() {
        return fullMm;
    }


    @Override
    public void tlbRemoveTlbEntries(long addr, int nr) {
        gatheredPages += nr;
    }

    @Override
    public void folioRemoveRmapPtes(long folio, long pagePfn, int nr) {
        rmapRemoveNr.add(nr);
    }

    @Override
    public boolean tlbRemoveFolioPages(long pagePfn, int nr) {
        gatherNr.add(nr);
        slotsUsed += nr == 1 ? 1 : 2;
        return slotsUsed >= gatherSlots;
    }

    @Override
    public void addRss(int nr) {
        rss += nr;
    }
}
