package org.ptreplay.strategies;

import org.ptreplay.spi.ChangePtesStrategy;
import org.ptreplay.spi.Spi;
import org.ptreplay.spi.ops.ChangePtesContext;
import org.ptreplay.spi.ops.Pte;
import org.ptreplay.spi.ops.PteOps;

/**
 * {@code change-ptes/folio-batch}: cac1db8c3aad "mm: optimize mprotect() by PTE batching" (Dev Jain,
 * 6.17-rc1; v5 Message-ID 20250718090244.21092-7-dev.jain@arm.com) with the batched
 * {@code modify_prot_start_ptes}/{@code modify_prot_commit_ptes} of 0aa3657df3ec (generic) and
 * 7efa1cd5f89b (arm64), docs/kernel-model.md §4.5.
 *
 * <p>Per present entry {@code change_pte_range} looks the page and folio up
 * ({@code vm_normal_page} + {@code page_folio}, as the hotfix 20250806145611.3962-1-dev.jain@arm.com
 * left it in 6.17), so an order-0 folio costs one struct page read per PTE that 6.16 did not pay.
 * {@code mprotect_folio_pte_batch} batches a large folio with {@code FPB_RESPECT_SOFT_DIRTY |
 * FPB_RESPECT_WRITE}; the batch is started and committed as one, and flushed as one range when
 * {@code pte_needs_flush}. A write upgrade of a private batch tests PageAnonExclusive per page and
 * commits sub-batches of equal exclusivity ({@code commit_anon_folio_batch}).
 */
public final class ChangePtesFolioBatch implements ChangePtesStrategy {

    private static final int FLAGS = PteOps.FPB_RESPECT_SOFT_DIRTY | PteOps.FPB_RESPECT_WRITE;

    @Override
    public String name() {
        return "change-ptes/folio-batch";
    }

    @Override
    public String description() {
        return "mprotect changes the PTEs of a large folio as one batch, a folio lookup per present PTE (cac1db8c3aad, 6.17)";
    }

    @Override
    public String spiVersion() {
        return Spi.VERSION;
    }

    @Override
    public void changePteRange(ChangePtesContext ctx) {
        final int pageShift = ctx.geometry().pageShift();
        final long end = ctx.end();
        long addr = ctx.addr();
        long ptep = ctx.ptep();
        while (addr != end) {
            int nr = 1;
            long pte = ctx.ptepGet(ptep);
            if (Pte.present(pte)) {
                nr = changePresentPtes(ctx, addr, ptep, pte, (int) ((end - addr) >>> pageShift));
            }
            addr += (long) nr << pageShift;
            ptep += 8L * nr;
        }
    }

    private static int changePresentPtes(ChangePtesContext ctx, long addr, long ptep, long pte, int maxNr) {
        long folio = ctx.vmNormalFolio(addr, pte);
        boolean large = folio != PteOps.NO_FOLIO && ctx.folioTestLarge(folio);
        int nr = 1;
        if (large) {
            // mprotect_folio_pte_batch: no folio or a small one cannot batch; a large one always scans.
            nr = ctx.folioPteBatch(folio, ptep, pte, maxNr, FLAGS) & PteOps.BATCH_NR_MASK;
        }
        long old = ctx.modifyProtStartPtes(addr, ptep, nr);
        long ptent = ctx.pteModify(old);
        if (ctx.tryChangeWritable() && !Pte.write(ptent)) {
            setWriteProtCommitFlushPtes(ctx, folio, addr, ptep, old, ptent, nr);
        } else {
            protCommitFlushPtes(ctx, addr, ptep, old, ptent, nr, 0, false);
        }
        return nr;
    }

    /** The write upgrade: shared by the batch's ORed dirty bit; private per page of an anon folio. */
    private static void setWriteProtCommitFlushPtes(ChangePtesContext ctx, long folio, long addr, long ptep,
                                                    long old, long ptent, int nr) {
        if (ctx.shared()) {
            protCommitFlushPtes(ctx, addr, ptep, old, ptent, nr, 0, Pte.dirty(ptent));
            return;
        }
        if (folio == PteOps.NO_FOLIO || !ctx.folioTestAnon(folio)) {
            protCommitFlushPtes(ctx, addr, ptep, old, ptent, nr, 0, false);
            return;
        }
        // commit_anon_folio_batch: sub-batches of pages with equal PageAnonExclusive; the page that
        // ends a sub-batch is tested again as the start of the next.
        long firstPfn = Pte.pfn(old);
        int idx = 0;
        while (idx < nr) {
            boolean exclusive = ctx.pageAnonExclusive(firstPfn + idx);
            int next = idx + 1;
            while (next < nr && ctx.pageAnonExclusive(firstPfn + next) == exclusive) {
                next++;
            }
            protCommitFlushPtes(ctx, addr, ptep, old, ptent, next - idx, idx, exclusive);
            idx = next;
        }
    }

    /** {@code prot_commit_flush_ptes}: commits {@code nr} entries from position {@code idx} of the batch. */
    private static void protCommitFlushPtes(ChangePtesContext ctx, long addr, long ptep, long old, long ptent,
                                            int nr, int idx, boolean setWrite) {
        long a = addr + ((long) idx << ctx.geometry().pageShift());
        long p = ptep + 8L * idx;
        long o = Pte.advancePfn(old, idx);
        long n = Pte.advancePfn(ptent, idx);
        if (setWrite) {
            n = Pte.mkwrite(n);
        }
        ctx.modifyProtCommitPtes(a, p, o, n, nr);
        if (ctx.pteNeedsFlush(o, n)) {
            ctx.tlbFlushPteRange(a, nr);
        }
    }
}
