package org.ptreplay.core.sim;

import java.util.List;
import java.util.Map;
import org.ptreplay.spi.ops.ArchMmu;
import org.ptreplay.spi.ops.Frame;
import org.ptreplay.spi.ops.MmView;
import org.ptreplay.spi.ops.MmuEnv;
import org.ptreplay.spi.ops.PageTableGeometry;
import org.ptreplay.spi.ops.Primitive;
import org.ptreplay.spi.ops.Pte;
import org.ptreplay.spi.Architecture;
import org.ptreplay.spi.OptionSpec;
import org.ptreplay.spi.Spi;

/**
 * A test-only architecture: 4K pages, 4 levels, hint 1, x86-like entry charges, one INVLPG per
 * flushed page. {@link #blockReads} gives a variant whose {@code ptep_get} reads the whole aligned
 * block of entries around the one asked for inside a frame of its own, as arm64's contpte
 * {@code ptep_get} gathers a block's access/dirty bits.
 */
public final class TestArch implements Architecture {
    static final PageTableGeometry GEO = new PageTableGeometry(12, 4, 47, 1);
    private static final Frame BLOCK_PTEP_GET = Frame.of("test_block_ptep_get");

    private final int block;

    public TestArch() {
        this(1);
    }

    private TestArch(int block) {
        this.block = block;
    }

    /** The variant whose {@code ptep_get} reads the aligned block of {@code entries} entries. */
    public static TestArch blockReads(int entries) {
        return new TestArch(entries);
    }

    public String name() { return "test"; }
    public String description() { return "test architecture"; }
    public String spiVersion() { return Spi.VERSION; }
    public List<OptionSpec> options() { return List.of(); }
    public PageTableGeometry geometry(Map<String, String> options) { return GEO; }

    public ArchMmu create(Map<String, String> options, MmuEnv env) {
        return new ArchMmu() {
            public PageTableGeometry geometry() { return GEO; }
            public long ptepGet(long ptep) {
                env.ledger().charge(Primitive.PTEP_GET);
                if (block == 1) {
                    return env.readPte(ptep);
                }
                env.ledger().enter(BLOCK_PTEP_GET);
                long first = ptep & -(8L * block);
                long pte = 0;
                for (int i = 0; i < block; i++) {
                    long e = env.readPte(first + 8L * i);
                    pte = first + 8L * i == ptep ? e : pte;
                }
                env.ledger().exit(BLOCK_PTEP_GET);
                return pte;
            }
            public long ptepGetLockless(long ptep) { return env.readPte(ptep); }
            public int pteBatchHint(long ptep, long pte) { return 1; }
            public void setPtes(MmView mm, long addr, long ptep, long pte, int nr) {
                for (int i = 0; i < nr; i++) env.writePte(ptep + 8L * i, Pte.advancePfn(pte, i));
            }
            public long ptepGetAndClear(MmView mm, long addr, long ptep) { return env.xchgPte(ptep, Pte.NONE); }
            public long getAndClearFullPtes(MmView mm, long addr, long ptep, int nr, boolean full) {
                long first = env.xchgPte(ptep, Pte.NONE);
                for (int i = 1; i < nr; i++) env.xchgPte(ptep + 8L * i, Pte.NONE);
                return first;
            }
            public void clearFullPtes(MmView mm, long addr, long ptep, int nr, boolean full) { getAndClearFullPtes(mm, addr, ptep, nr, full); }
            public void ptepSetWrprotect(MmView mm, long addr, long ptep) { env.rmwPte(ptep, Pte.WRITE, 0); }
            public void wrprotectPtes(MmView mm, long addr, long ptep, int nr) {
                for (int i = 0; i < nr; i++) env.rmwPte(ptep + 8L * i, Pte.WRITE, 0);
            }
            public boolean ptepSetAccessFlags(MmView mm, long addr, long ptep, long entry) { env.writePte(ptep, entry); return true; }
            public void flushTlbRange(MmView mm, long start, long end, int strideShift, boolean lastLevel, boolean freedTables) {
                env.ledger().charge(Primitive.INVLPG, Math.max(1, (end - start) >>> strideShift));
            }
            public void flushTlbMm(MmView mm) { env.ledger().charge(Primitive.X86_FULL); }
            public void tlbFlush(MmView mm, long start, long end, int strideShift, boolean freedTables, boolean fullMm) {
                env.ledger().charge(Primitive.X86_FULL);
            }
        };
    }
}
