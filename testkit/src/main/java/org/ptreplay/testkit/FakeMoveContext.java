package org.ptreplay.testkit;

import org.ptreplay.spi.ops.MovePtesContext;
import org.ptreplay.spi.ops.Pte;

/** One move_ptes extent from table 0 to table 1 of a {@link FakePteOps}, with soft-dirty tracking on. */
public final class FakeMoveContext extends FakePteOps implements MovePtesContext {
    public static final long OLD_BASE = 0x4000_0000L;
    public static final long NEW_BASE = 0x8000_0000L;

    private final int first;
    private final int count;

    /** The extent is entries {@code [first, first + count)} of table 0, moving to the same indexes of table 1. */
    public FakeMoveContext(int contPtes, int first, int count) {
        super(contPtes);
        this.first = first;
        this.count = count;
    }

    @Override
    public long oldAddr() {
        return OLD_BASE + ((long) first << 12);
    }

    @Override
    public long oldEnd() {
        return oldAddr() + ((long) count << 12);
    }

    @Override
    public long newAddr() {
        return NEW_BASE + ((long) first << 12);
    }

    @Override
    public long oldPtep() {
        return ptep(0, first);
    }

    @Override
    public long newPtep() {
        return ptep(1, first);
    }

    @Override
    public long moveSoftDirtyPte(long pte) {
        return Pte.present(pte) ? Pte.mkSoftDirty(pte) : pte;
    }
}
