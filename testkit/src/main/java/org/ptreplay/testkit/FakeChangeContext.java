package org.ptreplay.testkit;

import java.util.ArrayList;
import java.util.List;
import org.ptreplay.spi.ops.ChangePtesContext;
import org.ptreplay.spi.ops.Pte;

/**
 * One change_pte_range call (mprotect) over entries {@code [0, count)} of table 0 of a
 * {@link FakePteOps}. The new protection is read-only ({@code write} false) or writable; the
 * modify_prot helpers are the generic ones (a single start or commit per entry), built on the
 * fake's clear and set, and every change needs a flush.
 */
public final class FakeChangeContext extends FakePteOps implements ChangePtesContext {
    public static final long BASE = 0x4000_0000L;

    private final int count;
    private final boolean write;
    /** Pages handed to {@code tlb_flush_pte_range}, per call. */
    public final List<Integer> flushNr = new ArrayList<>();
    public int anonExclusiveCalls;

    public FakeChangeContext(int contPtes, int count, boolean write) {
        super(contPtes);
        this.count = count;
        this.write = write;
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
    public long ptep() {
        return ptep(0, 0);
    }

    @Override
    public long pteModify(long pte) {
        return write ? pte : Pte.wrprotect(pte);
    }

    @Override
    public boolean tryChangeWritable() {
        return write;
    }

    @Override
    public boolean shared() {
        return false;
    }

    /** Every anon page is exclusive. */
    @Override
    public boolean pageAnonExclusive(long pfn) {
        anonExclusiveCalls++;
        return anonFolios;
    }

    @Override
    public long ptepModifyProtStart(long addr, long ptep) {
        return ptepGetAndClear(addr, ptep);
    }

    @Override
    public void ptepModifyProtCommit(long addr, long ptep, long oldPte, long pte) {
        setPtes(addr, ptep, pte, 1);
    }

    @Override
    public long modifyProtStartPtes(long addr, long ptep, int nr) {
        return getAndClearFullPtes(addr, ptep, nr, false);
    }

    @Override
    public void modifyProtCommitPtes(long addr, long ptep, long oldPte, long pte, int nr) {
        setPtes(addr, ptep, pte, nr);
    }

    @Override
    public boolean pteNeedsFlush(long oldPte, long newPte) {
        return true;
    }

    @Override
    public void tlbFlushPteRange(long addr, int nr) {
        flushNr.add(nr);
    }
}
