package org.ptreplay.core.sim;

import java.util.function.LongSupplier;
import org.ptreplay.core.cost.CostModel;
import org.ptreplay.spi.ops.Primitive;

/**
 * A cost model that hands every call to another one, for differential tests that watch or withhold
 * a few of the calls: they override those and leave the rest, so nothing the replay asks of the
 * model is lost on the way (a wrapper that left out {@code writeLines} once kept page zeroing out of
 * the cache model in its test).
 */
abstract class ForwardingCostModel implements CostModel {
    protected final CostModel model;

    ForwardingCostModel(CostModel model) {
        this.model = model;
    }

    @Override
    public long costPs(Primitive p, long n) {
        return model.costPs(p, n);
    }

    @Override
    public long unitPs(Primitive p) {
        return model.unitPs(p);
    }

    @Override
    public long accessPs(Primitive p, long pa) {
        return model.accessPs(p, pa);
    }

    @Override
    public long streamPs(long pa, long length, boolean write) {
        return model.streamPs(pa, length, write);
    }

    @Override
    public void writeLines(long pa, long length) {
        model.writeLines(pa, length);
    }

    @Override
    public boolean l1Resident(long pa) {
        return model.l1Resident(pa);
    }

    @Override
    public boolean l1Kept(long pa) {
        return model.l1Kept(pa);
    }

    @Override
    public void recordL1Hits(long[] pa, int[] last, int accesses) {
        model.recordL1Hits(pa, last, accesses);
    }

    @Override
    public long l1HitPs(Primitive p) {
        return model.l1HitPs(p);
    }

    @Override
    public void clock(LongSupplier elapsedPs) {
        model.clock(elapsedPs);
    }

    @Override
    public int lineShift() {
        return model.lineShift();
    }
}
