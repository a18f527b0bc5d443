package org.ptreplay.strategies;

import java.util.List;
import java.util.Map;
import org.ptreplay.spi.ops.MovePtesContext;
import org.ptreplay.spi.OptionSpec;
import org.ptreplay.spi.Spi;
import org.ptreplay.spi.Strategy;

/**
 * {@code move-ptes/folio-batch}: f822a9a81a31 "mm: optimize mremap() by PTE batching" (Dev Jain,
 * 6.17-rc1). Every present entry but the last of an extent costs a {@code vm_normal_folio}
 * lookup, the x86 bigheap regression (LKP, Message-ID 202508071609.4e743d7c-lkp@intel.com).
 */
public final class MovePtesFolioBatch extends BatchedMovePtes {
    static final OnOffOption RESPECT_WRITE = new OnOffOption("respect-write",
            "end a batch where the write bit changes (04d1c9d60c6e, FPB_RESPECT_WRITE; 6.17.y, not 6.17.0)");

    private final boolean respectWrite;

    public MovePtesFolioBatch() {
        this(false);
    }

    private MovePtesFolioBatch(boolean respectWrite) {
        this.respectWrite = respectWrite;
    }

    @Override
    public String name() {
        return "move-ptes/folio-batch";
    }

    @Override
    public String description() {
        return "mremap PTE batching with a folio lookup per present PTE (f822a9a81a31, 6.17-rc1)";
    }

    @Override
    public String spiVersion() {
        return Spi.VERSION;
    }

    @Override
    public List<OptionSpec> options() {
        return List.of(RESPECT_WRITE.spec());
    }

    @Override
    public Strategy configure(Map<String, String> options) {
        return new MovePtesFolioBatch(RESPECT_WRITE.parse(name(), options));
    }

    @Override
    protected int nrPtes(MovePtesContext ctx, long addr, long ptep, long pte, int maxNr) {
        return MremapFolioPteBatch.nrPtes(ctx, addr, ptep, pte, maxNr, false, respectWrite);
    }
}
