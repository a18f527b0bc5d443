package org.ptreplay.core.linux.mprotect;

import org.ptreplay.spi.ChangePtesStrategy;
import org.ptreplay.spi.Spi;
import org.ptreplay.spi.ops.ChangePtesContext;
import org.ptreplay.spi.ops.Pte;
import org.ptreplay.spi.ops.PteOps;

/**
 * The per-PTE {@code change_pte_range} of Linux 6.0–6.16 (docs/kernel-model.md §4.5; batched by
 * cac1db8c3aad in 6.17): per present entry one {@code ptep_modify_prot_start} (arm64: the public
 * {@code ptep_get_and_clear}, which unfolds a CONT block), {@code pte_modify}, the write upgrade of
 * {@code can_change_pte_writable} (a private entry looks its page up and tests PageAnonExclusive; a
 * shared one needs the dirty bit), one {@code ptep_modify_prot_commit} ({@code set_pte_at}, which
 * may refold on arm64) and a one-page {@code tlb_flush_pte_range} when {@code pte_needs_flush}.
 */
public final class PerPteChangePtes implements ChangePtesStrategy {

    @Override
    public String name() {
        return "change-ptes/per-pte";
    }

    @Override
    public String description() {
        return "per-PTE change_pte_range (mprotect) of Linux <= 6.16";
    }

    @Override
    public String spiVersion() {
        return Spi.VERSION;
    }

    @Override
    public void changePteRange(ChangePtesContext ctx) {
        long page = ctx.geometry().pageSize();
        long ptep = ctx.ptep();
        for (long addr = ctx.addr(); addr < ctx.end(); addr += page, ptep += 8) {
            long pte = ctx.ptepGet(ptep);
            if (!Pte.present(pte)) {
                continue;
            }
            long old = ctx.ptepModifyProtStart(addr, ptep);
            long ptent = ctx.pteModify(old);
            if (ctx.tryChangeWritable() && !Pte.write(ptent) && canChangePteWritable(ctx, addr, ptent)) {
                ptent = Pte.mkwrite(ptent);
            }
            ctx.ptepModifyProtCommit(addr, ptep, old, ptent);
            if (ctx.pteNeedsFlush(old, ptent)) {
                ctx.tlbFlushPteRange(addr, 1);
            }
        }
    }

    /** {@code can_change_pte_writable}: shared by the dirty bit; private only for an exclusive anon page. */
    private static boolean canChangePteWritable(ChangePtesContext ctx, long addr, long ptent) {
        if (ctx.shared()) {
            return Pte.dirty(ptent);
        }
        long folio = ctx.vmNormalFolio(addr, ptent);
        return folio != PteOps.NO_FOLIO && ctx.folioTestAnon(folio) && ctx.pageAnonExclusive(Pte.pfn(ptent));
    }
}
