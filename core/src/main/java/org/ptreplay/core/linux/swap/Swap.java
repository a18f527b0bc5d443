package org.ptreplay.core.linux.swap;

import org.ptreplay.spi.ops.Frame;
import org.ptreplay.spi.ops.Ledger;
import org.ptreplay.spi.ops.Primitive;
import org.ptreplay.core.mem.PhysMem;
import org.ptreplay.core.state.KernelState;
import org.ptreplay.core.state.LruBatch;

/**
 * Putting new folios on the LRU (mm/swap.c, docs/kernel-model.md §5): {@code folio_add_lru} takes a
 * reference and adds the folio to this CPU's batch; the batch is moved to the LRU when it is full
 * or the folio is large ({@code folio_test_large}, later {@code !folio_may_be_lru_cached}), and by
 * {@code lru_add_drain} before an unmap.
 */
public final class Swap {
    private static final Frame FOLIO_BATCH_MOVE_LRU = Frame.of("folio_batch_move_lru");
    private static final Frame LRU_ADD_DRAIN = Frame.of("lru_add_drain");

    private Swap() {
    }

    /**
     * {@code folio_add_lru}: the batch's reference ({@code folio_get}, an {@code atomic_inc}
     * without a return: {@link Primitive#REF_POSTED}), then the move when the batch must go.
     */
    public static void folioAddLru(KernelState cell, long head) {
        cell.ledger.touch(Primitive.REF_POSTED, PhysMem.vmemmap(head));
        if (cell.lruAdd.add(head) || cell.phys.order(head) > 0) {
            folioBatchMoveLru(cell);
        }
    }

    /** {@code lru_add_drain}: this CPU's pending additions go to the LRU now. */
    public static void lruAddDrain(KernelState cell) {
        if (cell.lruAdd.count() == 0) {
            return;
        }
        cell.ledger.enter(LRU_ADD_DRAIN);
        folioBatchMoveLru(cell);
        cell.ledger.exit(LRU_ADD_DRAIN);
    }

    /**
     * {@code folio_batch_move_lru} with {@code lru_add}: the lruvec lock once (every folio of a cell
     * is in one lruvec), per folio {@code lruvec_add_folio} (the list link) and {@code folio_set_lru},
     * then {@code folios_put} drops the batch's references.
     */
    private static void folioBatchMoveLru(KernelState cell) {
        Ledger ledger = cell.ledger;
        LruBatch batch = cell.lruAdd;
        ledger.enter(FOLIO_BATCH_MOVE_LRU);
        ledger.charge(Primitive.LRU_LOCK);
        for (int i = 0; i < batch.count(); i++) {
            long sp = PhysMem.vmemmap(batch.head(i));
            ledger.touch(Primitive.SP_W, sp);
            ledger.touch(Primitive.SP_ATOM, sp);
        }
        for (int i = 0; i < batch.count(); i++) {
            ledger.touch(Primitive.REF, PhysMem.vmemmap(batch.head(i)));
        }
        batch.clear();
        ledger.exit(FOLIO_BATCH_MOVE_LRU);
    }
}
