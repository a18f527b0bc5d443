package org.ptreplay.core.linux.mremap;

import org.ptreplay.spi.MovePtesStrategy;
import org.ptreplay.spi.ops.MovePtesContext;
import org.ptreplay.spi.ops.Pte;
import org.ptreplay.core.state.KernelState;
import org.ptreplay.core.state.Mm;
import org.ptreplay.core.linux.pgtable.PteOpsBase;

/**
 * The {@link MovePtesContext} of one {@code move_ptes} extent; reused across extents. With the
 * cell's {@code batchRuns} switch on, a strategy's loop runs inside an L1 run of the ledger
 * (issue #8): whatever sequence of {@code ptep_get}, {@code ptep_get_and_clear} and
 * {@code set_pte_at} the strategy makes, its touches of the source and destination lines it has
 * just touched are accounted in batches, with results identical to the per-touch path.
 */
final class MovePtesCtx extends PteOpsBase implements MovePtesContext {
    private long oldAddr;
    private long oldEnd;
    private long newAddr;
    private long oldPtep;
    private long newPtep;

    MovePtesCtx(KernelState cell) {
        super(cell);
    }

    void reset(Mm owner, long oldAddr, long oldEnd, long newAddr, long oldPtep, long newPtep) {
        this.mm = owner;
        this.oldAddr = oldAddr;
        this.oldEnd = oldEnd;
        this.newAddr = newAddr;
        this.oldPtep = oldPtep;
        this.newPtep = newPtep;
    }

    /** Runs {@code strategy}'s loop over this extent; returns whether a present entry moved. */
    boolean movePtes(MovePtesStrategy strategy) {
        if (!cell.batchRuns) {
            return strategy.movePtes(this);
        }
        cell.ledger.openL1Run();
        // Not in a finally: closing charges the run, which past the step bound would throw again and
        // hide the strategy's own failure (and its stack, which names a looping plugin). A run a
        // failed event leaves open is closed by the next beginEvent.
        boolean moved = strategy.movePtes(this);
        cell.ledger.closeL1Run();
        return moved;
    }

    @Override
    public long oldAddr() {
        return oldAddr;
    }

    @Override
    public long oldEnd() {
        return oldEnd;
    }

    @Override
    public long newAddr() {
        return newAddr;
    }

    @Override
    public long oldPtep() {
        return oldPtep;
    }

    @Override
    public long newPtep() {
        return newPtep;
    }

    @Override
    public long moveSoftDirtyPte(long pte) {
        return cell.softDirty && Pte.present(pte) ? Pte.mkSoftDirty(pte) : pte;
    }
}
