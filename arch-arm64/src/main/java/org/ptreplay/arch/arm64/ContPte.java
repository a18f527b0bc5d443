package org.ptreplay.arch.arm64;

import org.ptreplay.spi.ops.Frame;
import org.ptreplay.spi.ops.Ledger;
import org.ptreplay.spi.ops.MmuEnv;
import org.ptreplay.spi.ops.PageTableGeometry;
import org.ptreplay.spi.ops.Primitive;
import org.ptreplay.spi.ops.Pte;
import org.ptreplay.spi.ops.PteOps;

/**
 * The out-of-line contpte helpers of {@code arch/arm64/mm/contpte.c} (6.9+; docs/kernel-model.md
 * §1.2, §1.3): block reads that gather access/dirty, fold and unfold through
 * {@code contpte_convert}, CONT painting in {@code contpte_set_ptes}, and the unfolding of partially
 * covered end blocks before a batched change.
 *
 * <p>A block is CONT_PTES entries: {@code ptep & ~(8 * CONT_PTES - 1)} is its first entry and
 * {@code addr & ~(CONT_PTE_SIZE - 1)} its first address. Only user mms reach this code, so the
 * kernel's {@code mm_is_user} test always passes here.
 */
final class ContPte {

    static final Frame CONTPTE_PTEP_GET = Frame.of("contpte_ptep_get");
    static final Frame CONTPTE_PTEP_GET_LOCKLESS = Frame.of("contpte_ptep_get_lockless");
    static final Frame CONTPTE_TRY_FOLD = Frame.of("contpte_try_fold");
    static final Frame CONTPTE_TRY_UNFOLD = Frame.of("contpte_try_unfold");
    static final Frame CONTPTE_CONVERT = Frame.of("contpte_convert");

    private static final long ACCESS_BITS = Pte.DIRTY | Pte.YOUNG;

    private final MmuEnv env;
    private final Ledger ledger;
    private final Arm64Tlb tlb;
    private final int pageShift;
    private final int contPtes;
    private final long contSize;
    /** Bytes of page-table memory one block occupies: 8 &times; CONT_PTES. */
    private final long blockBytes;
    private final boolean earlyExit;
    private final boolean bbml2;

    ContPte(MmuEnv env, Arm64Tlb tlb, PageTableGeometry geometry, boolean earlyExit, boolean bbml2) {
        this.env = env;
        this.ledger = env.ledger();
        this.tlb = tlb;
        this.pageShift = geometry.pageShift();
        this.contPtes = geometry.contPtes();
        this.contSize = geometry.contSize();
        this.blockBytes = 8L * contPtes;
        this.earlyExit = earlyExit;
        this.bbml2 = bbml2;
    }

    static boolean validCont(long pte) {
        return Pte.present(pte) && Pte.cont(pte);
    }

    /** Index of {@code ptep} within its block. */
    int indexInBlock(long ptep) {
        return (int) ((ptep >>> 3) & (contPtes - 1));
    }

    /** {@code contpte_ptep_get}: {@code orig} with the young/dirty bits of the whole block ORed in. */
    long ptepGet(long ptep, long orig) {
        ledger.enter(CONTPTE_PTEP_GET);
        long pte = gatherAccessBits(ptep, orig);
        ledger.exit(CONTPTE_PTEP_GET);
        return pte;
    }

    /**
     * {@code contpte_ptep_get_lockless}: the same gather, checking that the block is consistent
     * (valid, CONT, consecutive pfns, one prot) and retrying otherwise. The simulator is single
     * threaded, so a block never changes under the reader and the retry never happens; the reads are
     * those of {@link #ptepGet}, early exit included (093ae7a033cf applied it to both).
     */
    long ptepGetLockless(long ptep, long orig) {
        ledger.enter(CONTPTE_PTEP_GET_LOCKLESS);
        long pte = gatherAccessBits(ptep, orig);
        ledger.exit(CONTPTE_PTEP_GET_LOCKLESS);
        return pte;
    }

    /**
     * 6.9-6.16 read every entry of the block. With the 6.17 early exit (093ae7a033cf, Xavier Xia)
     * the scan runs to the first entry carrying dirty or young; if that entry is dirty, the search
     * for young restarts at that same entry (so it is read twice), otherwise the search for dirty
     * continues after it; the first hit ends the scan.
     */
    private long gatherAccessBits(long ptep, long orig) {
        long first = ptep & -blockBytes;
        if (!earlyExit) {
            for (int i = 0; i < contPtes; i++) {
                orig |= env.readPte(first + 8L * i) & ACCESS_BITS;
            }
            return orig;
        }
        int i = 0;
        long pte = Pte.NONE;
        while (i < contPtes) {
            pte = env.readPte(first + 8L * i);
            if ((pte & ACCESS_BITS) != 0) {
                break;
            }
            i++;
        }
        if (i == contPtes) {
            return orig;
        }
        if (Pte.dirty(pte)) {
            return orig | Pte.DIRTY | firstWith(first, i, Pte.YOUNG);
        }
        return orig | Pte.YOUNG | firstWith(first, i + 1, Pte.DIRTY);
    }

    /** Reads entries from {@code from} on until one has {@code bit}; returns {@code bit} if found, else 0. */
    private long firstWith(long first, int from, long bit) {
        for (int i = from; i < contPtes; i++) {
            if ((env.readPte(first + 8L * i) & bit) != 0) {
                return bit;
            }
        }
        return 0;
    }

    /** {@code contpte_try_unfold}: unfolds the block if {@code pte} (the entry at ptep) is a valid CONT entry. */
    void tryUnfold(long addr, long ptep, long pte) {
        if (validCont(pte)) {
            unfold(addr, ptep, pte);
        }
    }

    /** {@code __contpte_try_unfold}: repaints the block of {@code ptep} without CONT. */
    void unfold(long addr, long ptep, long pte) {
        ledger.enter(CONTPTE_TRY_UNFOLD);
        convert(addr, ptep, Pte.mknoncont(pte), false);
        ledger.exit(CONTPTE_TRY_UNFOLD);
    }

    /**
     * {@code contpte_try_fold}, after {@code set_ptes(nr = 1)} wrote {@code pte} at {@code ptep}.
     * The inline gate is arithmetic only: the address must be the last of its block and the pfn the
     * last of a naturally aligned run, and the entry valid, not CONT and not special (6.9 v6 18/18,
     * Message-ID 20240215103205.2607016-19-ryan.roberts@arm.com).
     */
    void tryFold(long addr, long ptep, long pte) {
        long last = contPtes - 1;
        if (((addr >>> pageShift) & last) != last) {
            return;
        }
        if ((Pte.pfn(pte) & last) != last || !Pte.present(pte) || Pte.cont(pte) || Pte.special(pte)) {
            return;
        }
        ledger.enter(CONTPTE_TRY_FOLD);
        foldIfFoldable(addr, ptep, pte);
        ledger.exit(CONTPTE_TRY_FOLD);
    }

    /**
     * {@code __contpte_try_fold}: the block must lie inside one folio (found through the struct page,
     * the only struct-page access of the contpte layer) and every entry must map the next pfn with
     * the same prot, young and dirty ignored; then the block is converted to CONT.
     */
    private void foldIfFoldable(long addr, long ptep, long pte) {
        long pfn = Pte.pfn(pte);
        long folio = env.pageFolio(pfn);
        if (folio == PteOps.NO_FOLIO) {
            return;
        }
        long folioStart = addr - ((pfn - folio) << pageShift);
        long folioEnd = folioStart + ((long) env.folioNrPages(folio) << pageShift);
        long contStart = addr & -contSize;
        if (folioStart > contStart || folioEnd < contStart + contSize) {
            return;
        }
        long expected = Pte.make(pfn & -contPtes, Pte.flags(Pte.mkold(Pte.mkclean(pte))));
        long first = ptep & -blockBytes;
        for (int i = 0; i < contPtes; i++) {
            if (Pte.mkold(Pte.mkclean(env.readPte(first + 8L * i))) != expected) {
                return;
            }
            expected = Pte.nextPfn(expected);
        }
        convert(addr, ptep, Pte.mkcont(pte), true);
    }

    /**
     * {@code contpte_convert}: clears every entry of the block atomically, gathering young/dirty,
     * invalidates the block's 16 (128, 32) pages at the last level, then rewrites the block from
     * {@code pte}'s prot (with or without CONT) and the gathered bits. Since 6.17, on CPUs with
     * BBML2 and no conflict aborts, the TLBI and its DSB are elided (83bbd6be7d17).
     */
    private void convert(long addr, long ptep, long pte, boolean fold) {
        ledger.enter(CONTPTE_CONVERT);
        ledger.charge(fold ? Primitive.FOLD : Primitive.UNFOLD);
        long first = ptep & -blockBytes;
        long start = addr & -contSize;
        long entry = Pte.make(Pte.pfn(pte) & -contPtes, Pte.flags(pte));
        for (int i = 0; i < contPtes; i++) {
            entry |= env.xchgPte(first + 8L * i, Pte.NONE) & ACCESS_BITS;
        }
        if (!bbml2) {
            tlb.flushTlbRange(start, start + contSize, pageShift);
        }
        for (int i = 0; i < contPtes; i++) {
            env.writePte(first + 8L * i, Pte.advancePfn(entry, i));
        }
        ledger.exit(CONTPTE_CONVERT);
    }

    /**
     * {@code contpte_set_ptes} (nr &gt; 1, targets none): the range is cut at block boundaries and a
     * piece gets CONT only if its start address, end address and first physical address are all
     * block aligned. One store per entry; nothing is read and nothing is flushed.
     */
    void setPtes(long addr, long ptep, long pte, int nr) {
        long end = addr + ((long) nr << pageShift);
        long pfn = Pte.pfn(pte);
        long prot = Pte.flags(Pte.mknoncont(pte));
        while (addr != end) {
            long next = Math.min((addr + contSize) & -contSize, end);
            int pieces = (int) ((next - addr) >>> pageShift);
            boolean aligned = ((addr | next | (pfn << pageShift)) & (contSize - 1)) == 0;
            long flags = aligned ? prot | Pte.CONT : prot;
            for (int i = 0; i < pieces; i++) {
                env.writePte(ptep + 8L * i, Pte.make(pfn + i, flags));
            }
            addr = next;
            ptep += 8L * pieces;
            pfn += pieces;
        }
    }

    /**
     * {@code contpte_try_unfold_partial}: before a batched change of {@code nr} entries, the first
     * entry is checked when the range starts inside a block or is shorter than a block, and the last
     * entry when the range ends inside a block; a CONT entry found there unfolds its block. Blocks
     * the range covers fully stay CONT.
     */
    void tryUnfoldPartial(long addr, long ptep, int nr) {
        if ((ptep & (blockBytes - 1)) != 0 || nr < contPtes) {
            tryUnfold(addr, ptep, env.readPte(ptep));
        }
        long end = ptep + 8L * nr;
        if ((end & (blockBytes - 1)) != 0) {
            long last = end - 8;
            tryUnfold(addr + ((long) (nr - 1) << pageShift), last, env.readPte(last));
        }
    }
}
