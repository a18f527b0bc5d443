package org.ptreplay.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.ptreplay.spi.ops.Frame;
import org.ptreplay.spi.ops.Ledger;
import org.ptreplay.spi.ops.PageTableGeometry;
import org.ptreplay.spi.ops.Pte;
import org.ptreplay.spi.ops.PteOps;

/**
 * A tiny simulated kernel for strategy tests: a few 4K PTE tables as one array, folios as
 * (head pfn, pages) ranges, and a hint that is either x86's constant 1 or arm64's "entries left
 * in the CONT block". It charges nothing; it counts the calls of every helper and records their
 * {@code nr} in public fields, so tests assert the strategies' loop logic. CONT painting, unfolds
 * and flushes are the arch's business and are not modelled here. {@code folio_pte_batch} reads
 * the entries after the first with {@link #ptepGet}, as the kernel does, so they count in
 * {@link #ptepGetCalls}. A lookup of a pfn that no {@link #mapFolio} covers fails the test.
 */
public class FakePteOps implements PteOps {
    private static final Frame VM_NORMAL_FOLIO = Frame.of("vm_normal_folio");
    private static final Frame FOLIO_PTE_BATCH = Frame.of("folio_pte_batch");

    /** What folio_test_anon answers for every folio. */
    public boolean anonFolios = true;

    /** Simulated physical address of table 0; table t starts {@code t * 4096} further. */
    public static final long TABLE_BASE = 0x10_0000L;
    public static final int TABLES = 2;

    public final PageTableGeometry geometry;
    public final FakeLedger ledger = new FakeLedger();
    public final long[] entries;
    private final TreeMap<Long, Integer> folios = new TreeMap<>();

    public int ptepGetCalls;
    public int vmNormalFolioCalls;
    public final List<String> vmNormalFolioStacks = new ArrayList<>();
    public final List<Integer> folioPteBatchFlags = new ArrayList<>();
    public final List<Integer> folioPteBatchNr = new ArrayList<>();
    public final List<Integer> getAndClearNr = new ArrayList<>();
    public final List<Integer> clearNr = new ArrayList<>();
    public final List<Boolean> clearFull = new ArrayList<>();
    public final List<Integer> setNr = new ArrayList<>();
    public final List<Integer> wrprotectNr = new ArrayList<>();
    public int ptepGetAndClearCalls;
    public int folioNrPagesCalls;

    /** @param contPtes 1 for an x86-like hint, 16 for arm64 4K contpte */
    public FakePteOps(int contPtes) {
        geometry = new PageTableGeometry(12, 4, 48, contPtes);
        entries = new long[TABLES * geometry.ptrsPerTable()];
    }

    public static long ptep(int table, int index) {
        return TABLE_BASE + table * 4096L + 8L * index;
    }

    private static int slot(long ptep) {
        return (int) ((ptep - TABLE_BASE) / 8);
    }

    public long entry(int table, int index) {
        return entries[slot(ptep(table, index))];
    }

    public void setEntry(int table, int index, long pte) {
        entries[slot(ptep(table, index))] = pte;
    }

    /** Adds a folio and maps its pages at {@code [index, index + pages)} of {@code table}. */
    public void mapFolio(int table, int index, long headPfn, int pages, long flags) {
        folios.put(headPfn, pages);
        for (int i = 0; i < pages; i++) {
            setEntry(table, index + i, Pte.make(headPfn + i, flags));
        }
    }

    @Override
    public Ledger ledger() {
        return ledger;
    }

    @Override
    public PageTableGeometry geometry() {
        return geometry;
    }

    @Override
    public long ptepGet(long ptep) {
        ptepGetCalls++;
        return entries[slot(ptep)];
    }

    @Override
    public int pteBatchHint(long ptep, long pte) {
        int cont = geometry.contPtes();
        if (cont == 1 || !Pte.cont(pte)) {
            return 1;
        }
        return cont - (slot(ptep) & (cont - 1));
    }

    @Override
    public long ptepGetAndClear(long addr, long ptep) {
        ptepGetAndClearCalls++;
        long old = entries[slot(ptep)];
        entries[slot(ptep)] = Pte.NONE;
        return old;
    }

    @Override
    public long getAndClearFullPtes(long addr, long ptep, int nr, boolean full) {
        getAndClearNr.add(nr);
        clearFull.add(full);
        long first = entries[slot(ptep)];
        long accessDirty = 0;
        for (int i = 0; i < nr; i++) {
            accessDirty |= entries[slot(ptep) + i] & (Pte.YOUNG | Pte.DIRTY);
            entries[slot(ptep) + i] = Pte.NONE;
        }
        return first | accessDirty;
    }

    @Override
    public void clearFullPtes(long addr, long ptep, int nr, boolean full) {
        clearNr.add(nr);
        clearFull.add(full);
        for (int i = 0; i < nr; i++) {
            entries[slot(ptep) + i] = Pte.NONE;
        }
    }

    @Override
    public void setPtes(long addr, long ptep, long pte, int nr) {
        setNr.add(nr);
        for (int i = 0; i < nr; i++) {
            if (!Pte.none(entries[slot(ptep) + i])) {
                throw new AssertionError("set_ptes over a present entry at index " + (slot(ptep) + i));
            }
            entries[slot(ptep) + i] = Pte.advancePfn(pte, i);
        }
    }

    @Override
    public void ptepSetWrprotect(long addr, long ptep) {
        wrprotectPtes(addr, ptep, 1);
    }

    @Override
    public void wrprotectPtes(long addr, long ptep, int nr) {
        wrprotectNr.add(nr);
        for (int i = 0; i < nr; i++) {
            entries[slot(ptep) + i] = Pte.wrprotect(entries[slot(ptep) + i]);
        }
    }

    @Override
    public long vmNormalFolio(long addr, long pte) {
        vmNormalFolioCalls++;
        // As ptreplay's contexts do: the helper opens its own frame.
        ledger.enter(VM_NORMAL_FOLIO);
        vmNormalFolioStacks.add(ledger.stack());
        ledger.exit(VM_NORMAL_FOLIO);
        if (!Pte.present(pte) || Pte.special(pte)) {
            return NO_FOLIO;
        }
        Map.Entry<Long, Integer> f = folios.floorEntry(Pte.pfn(pte));
        if (f == null || Pte.pfn(pte) >= f.getKey() + f.getValue()) {
            throw new AssertionError("no folio maps pfn " + Pte.pfn(pte));
        }
        return f.getKey();
    }

    @Override
    public boolean folioTestAnon(long folio) {
        return anonFolios;
    }

    @Override
    public boolean folioTestLarge(long folio) {
        return folios.get(folio) > 1;
    }

    @Override
    public int folioNrPages(long folio) {
        folioNrPagesCalls++;
        return folios.get(folio);
    }

    /** The bits folio_pte_batch compares: young never; dirty, soft-dirty and write only when asked. */
    private static long comparable(long pte, int flags) {
        long ignored = Pte.YOUNG;
        ignored |= (flags & FPB_RESPECT_DIRTY) == 0 ? Pte.DIRTY : 0;
        ignored |= (flags & FPB_RESPECT_SOFT_DIRTY) == 0 ? Pte.SOFT_DIRTY : 0;
        ignored |= (flags & FPB_RESPECT_WRITE) == 0 ? Pte.WRITE : 0;
        return pte & ~ignored;
    }

    @Override
    public int folioPteBatch(long folio, long ptep, long pte, int maxNr, int flags) {
        // As ptreplay's contexts do: the helper opens its own frame.
        ledger.enter(FOLIO_PTE_BATCH);
        folioPteBatchFlags.add(flags);
        int leftInFolio = (int) (folio + folios.get(folio) - Pte.pfn(pte));
        int max = Math.min(maxNr, leftInFolio);
        boolean anyWritable = Pte.write(pte);
        int nr = pteBatchHint(ptep, pte);
        while (nr < max) {
            long next = ptepGet(ptep + 8L * nr);
            if (!Pte.present(next) || comparable(next, flags) != comparable(Pte.advancePfn(pte, nr), flags)) {
                break;
            }
            anyWritable |= Pte.write(next);
            nr += pteBatchHint(ptep + 8L * nr, next);
        }
        nr = Math.min(nr, max);
        folioPteBatchNr.add(nr);
        ledger.exit(FOLIO_PTE_BATCH);
        return nr | ((flags & FPB_MERGE_WRITE) != 0 && anyWritable ? BATCH_ANY_WRITABLE : 0);
    }

    public static int sum(List<Integer> values) {
        return values.stream().mapToInt(Integer::intValue).sum();
    }
}
