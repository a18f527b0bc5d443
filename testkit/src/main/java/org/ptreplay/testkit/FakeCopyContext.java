package org.ptreplay.testkit;

import java.util.ArrayList;
import java.util.List;
import org.ptreplay.spi.ops.CopyPtesContext;

/** One copy_pte_range call: parent table 0, child table 1 of a {@link FakePteOps}. */
public final class FakeCopyContext extends FakePteOps implements CopyPtesContext {
    public static final long BASE = 0x4000_0000L;

    private final int count;
    public boolean cow = true;
    public boolean shared;
    public boolean softDirtyTracking;

    public int folioGetCalls;
    public final List<Integer> folioRefAddNr = new ArrayList<>();
    public final List<Integer> dupAnonNr = new ArrayList<>();
    public final List<Integer> dupFileNr = new ArrayList<>();
    public int rss;

    /** Copies entries {@code [0, count)}. */
    public FakeCopyContext(int contPtes, int count) {
        super(contPtes);
        this.count = count;
    }

    @Override
    public long addr() {
        return BASE;
    }

    @Override
    public long end() {
        return BASE + ((long) count << 12);
    }

    @Override
    public long srcPtep() {
        return ptep(0, 0);
    }

    @Override
    public long dstPtep() {
        return ptep(1, 0);
    }

    @Override
    public boolean cow() {
        return cow;
    }

    @Override
    public boolean shared() {
        return shared;
    }


    @Override
    public boolean softDirtyTracking() {
        return softDirtyTracking;
    }

    @Override
    public void folioGet(long folio) {
        folioGetCalls++;
    }

    @Override
    public void folioRefAdd(long folio, int nr) {
        folioRefAddNr.add(nr);
    }

    @Override
    public void folioDupAnonRmapPtes(long folio, long pagePfn, int nr) {
        dupAnonNr.add(nr);
    }

    @Override
    public void folioDupFileRmapPtes(long folio, long pagePfn, int nr) {
        dupFileNr.add(nr);
    }

    @Override
    public void addRss(int nr) {
        rss += nr;
    }
}
