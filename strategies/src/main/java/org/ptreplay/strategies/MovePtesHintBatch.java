package org.ptreplay.strategies;

import java.util.List;
import java.util.Map;
import org.ptreplay.spi.ops.MovePtesContext;
import org.ptreplay.spi.OptionSpec;
import org.ptreplay.spi.Spi;
import org.ptreplay.spi.Strategy;

/**
 * {@code move-ptes/hint-batch}: 0b5be138ce00 "mm/mremap: avoid expensive folio lookup on mremap
 * folio pte batch" (Lorenzo Stoakes, 6.17-rc2, in 6.17). As {@code move-ptes/folio-batch}, but an
 * entry whose {@code pte_batch_hint} is 1 moves alone without a lookup: always on x86, on arm64
 * unless the entry is CONT.
 */
public final class MovePtesHintBatch extends BatchedMovePtes {
    private final boolean respectWrite;

    public MovePtesHintBatch() {
        this(false);
    }

    private MovePtesHintBatch(boolean respectWrite) {
        this.respectWrite = respectWrite;
    }

    @Override
    public String name() {
        return "move-ptes/hint-batch";
    }

    @Override
    public String description() {
        return "mremap PTE batching with the folio lookup gated by pte_batch_hint (0b5be138ce00, 6.17)";
    }

    @Override
    public String spiVersion() {
        return Spi.VERSION;
    }

    @Override
    public List<OptionSpec> options() {
        return List.of(MovePtesFolioBatch.RESPECT_WRITE.spec());
    }

    @Override
    public Strategy configure(Map<String, String> options) {
        return new MovePtesHintBatch(MovePtesFolioBatch.RESPECT_WRITE.parse(name(), options));
    }

    @Override
    protected int nrPtes(MovePtesContext ctx, long addr, long ptep, long pte, int maxNr) {
        return MremapFolioPteBatch.nrPtes(ctx, addr, ptep, pte, maxNr, true, respectWrite);
    }
}
