package org.ptreplay.core.linux.mremap;

import org.ptreplay.spi.ops.Primitive;
import org.ptreplay.spi.ops.Pte;
import org.ptreplay.core.state.KernelState;
import org.ptreplay.core.pgtable.TableMemory;
import org.ptreplay.core.linux.mremap.PerPteMovePtes;

/**
 * The classic per-PTE {@code move_ptes} loop ({@link PerPteMovePtes}, docs/kernel-model.md §2.4
 * (a)) replayed with batch-level accounting (issue #8), for architectures whose single-entry
 * primitives are plain accesses ({@code ArchMmu.plainPtes}, x86). It makes the same calls in the
 * same order as the reference loop; an access to a cache line the walk has just touched is counted
 * into an {@link L1Run} and the entry is read or written in the table array directly, every other
 * access goes through the arch as in the reference. Counts, picoseconds, cache state and entries
 * are identical (the differential test in the benchmarks module replays random traces both ways).
 */
final class MovePtesRuns {
    private static final int SRC = 0;
    private static final int DST = 1;

    /** The internal switch of the differential test and of before/after measurements. */
    static final String PROPERTY = "ptreplay.batchRuns";

    private final KernelState cell;
    private final TableMemory mem;
    private final L1Run run;

    private MovePtesRuns(KernelState cell) {
        this.cell = cell;
        this.mem = cell.mem;
        this.run = new L1Run(cell.ledger);
    }

    /** The batched loop for {@code cell}, or null when its strategy or architecture needs the per-call path. */
    static MovePtesRuns forCell(KernelState cell) {
        boolean on = !"false".equals(System.getProperty(PROPERTY));
        // Exactly the reference class: any other strategy, subclass or plugin, sees every call.
        return on && cell.movePtes.getClass() == PerPteMovePtes.class && cell.arch.plainPtes()
                ? new MovePtesRuns(cell) : null;
    }

    /** The reference loop over {@code ctx}'s extent; returns whether a present entry moved. */
    boolean movePtes(MovePtesCtx ctx) {
        long oldPtep = ctx.oldPtep();
        long newPtep = ctx.newPtep();
        long[] src = mem.table(mem.tablePfnOf(oldPtep));
        long[] dst = mem.table(mem.tablePfnOf(newPtep));
        int si = mem.indexOf(oldPtep);
        int di = mem.indexOf(newPtep);
        long newAddr = ctx.newAddr();
        long page = cell.pageSize();
        boolean needFlush = false;
        for (long oldAddr = ctx.oldAddr(); oldAddr < ctx.oldEnd();
             oldAddr += page, newAddr += page, oldPtep += 8, newPtep += 8, si++, di++) {
            long pte;
            if (run.hit(SRC, Primitive.PTE_R, oldPtep)) {
                // plainPtes: ptep_get is one PTEP_GET call and one PTE_R read.
                run.charge(Primitive.PTEP_GET);
                pte = src[si];
            } else {
                pte = ctx.ptepGet(oldPtep);
                run.track(SRC, oldPtep);
            }
            if (Pte.none(pte)) {
                continue;
            }
            if (run.hit(SRC, Primitive.PTE_XCHG, oldPtep)) {
                // The entry read just before: nothing changed it since.
                src[si] = Pte.NONE;
            } else {
                pte = ctx.ptepGetAndClear(oldAddr, oldPtep);
                run.track(SRC, oldPtep);
            }
            needFlush |= Pte.present(pte);
            long moved = ctx.moveSoftDirtyPte(pte);
            if (run.hit(DST, Primitive.PTE_W, newPtep)) {
                dst[di] = moved;
            } else {
                ctx.setPteAt(newAddr, newPtep, moved);
                run.track(DST, newPtep);
            }
        }
        run.finish();
        return needFlush;
    }
}
