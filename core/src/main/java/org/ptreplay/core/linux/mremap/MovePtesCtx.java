package org.ptreplay.core.linux.mremap;

import org.ptreplay.spi.ops.MovePtesContext;
import org.ptreplay.spi.ops.Pte;
import org.ptreplay.core.state.KernelState;
import org.ptreplay.core.state.Mm;
import org.ptreplay.core.linux.pgtable.PteOpsBase;

/** The {@link MovePtesContext} of one {@code move_ptes} extent; reused across extents. */
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
