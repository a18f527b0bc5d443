package org.ptreplay.core.pgtable;

import java.util.Arrays;
import org.ptreplay.spi.ops.Ledger;
import org.ptreplay.spi.ops.MmuEnv;
import org.ptreplay.spi.ops.Primitive;
import org.ptreplay.spi.ops.Pte;
import org.ptreplay.spi.ops.PteOps;
import org.ptreplay.core.mem.PhysMem;

/**
 * The page-table pages of a cell, addressed physically: every table is one page from the folio
 * allocator, and a {@code ptep} is that page's address plus 8 &times; index. Tables are found by
 * pfn through a chunked array (no hashing), and the last two tables used are cached: the kernel
 * paths walk one table at a time, or two side by side (move_ptes and copy_pte_range read one
 * table and write another, entry by entry).
 *
 * <p>The charged accessors implement {@link MmuEnv} for the architectures; {@link #peek} and
 * {@link #poke} are the uncharged accesses of the simulator's own bookkeeping (hardware walks on
 * user touches, the model's lookups).
 */
public final class TableMemory implements MmuEnv {
    private static final int CHUNK_SHIFT = 15;
    private static final int CHUNK_MASK = (1 << CHUNK_SHIFT) - 1;

    private final PhysMem phys;
    private final Ledger ledger;
    private final int pageShift;
    private final long offsetMask;
    private final int entries;
    private long[][][] chunks = new long[0][][];
    /** The most recently used table and the one used before it. */
    private long cachedPfn = -1;
    private long[] cached;
    private long otherPfn = -1;
    private long[] other;
    private long tablePages;

    public TableMemory(PhysMem phys, Ledger ledger) {
        this.phys = phys;
        this.ledger = ledger;
        this.pageShift = phys.pageShift();
        this.offsetMask = (1L << pageShift) - 1;
        this.entries = 1 << (pageShift - 3);
    }

    public PhysMem phys() {
        return phys;
    }

    /** Allocates a zeroed table page and returns its pfn. The caller charges PT_ALLOC. */
    public long allocTable() {
        long pfn = phys.alloc(0, PhysMem.KIND_PGTABLE);
        int c = (int) (pfn >>> CHUNK_SHIFT);
        if (c >= chunks.length) {
            chunks = Arrays.copyOf(chunks, Math.max(c + 1, chunks.length * 2));
        }
        if (chunks[c] == null) {
            chunks[c] = new long[1 << CHUNK_SHIFT][];
        }
        chunks[c][(int) (pfn & CHUNK_MASK)] = new long[entries];
        tablePages++;
        return pfn;
    }

    /** Frees a table page (its entries must all be none). */
    public void freeTable(long pfn) {
        chunks[(int) (pfn >>> CHUNK_SHIFT)][(int) (pfn & CHUNK_MASK)] = null;
        if (cachedPfn == pfn) {
            cachedPfn = -1;
            cached = null;
        }
        if (otherPfn == pfn) {
            otherPfn = -1;
            other = null;
        }
        tablePages--;
        phys.free(pfn);
    }

    public long tablePages() {
        return tablePages;
    }

    /** Address of entry {@code index} of table {@code pfn}. */
    public long ptep(long tablePfn, int index) {
        return (tablePfn << pageShift) + 8L * index;
    }

    public long tablePfnOf(long ptep) {
        return ptep >>> pageShift;
    }

    public int indexOf(long ptep) {
        return (int) ((ptep & offsetMask) >>> 3);
    }

    /** The entries of a table page (for whole-table scans such as "is this table empty"). */
    public long[] table(long pfn) {
        if (pfn == cachedPfn) {
            return cached;
        }
        long[] t;
        if (pfn == otherPfn) {
            t = other;
        } else {
            t = chunks[(int) (pfn >>> CHUNK_SHIFT)][(int) (pfn & CHUNK_MASK)];
            if (t == null) {
                throw new IllegalStateException("pfn " + pfn + " is not a page table");
            }
        }
        otherPfn = cachedPfn;
        other = cached;
        cachedPfn = pfn;
        cached = t;
        return t;
    }

    public long peek(long ptep) {
        return table(ptep >>> pageShift)[(int) ((ptep & offsetMask) >>> 3)];
    }

    /** The present entries among the {@code n} from {@code ptep} on (within one table), read without a charge. */
    public int countPresent(long ptep, int n) {
        long[] t = table(ptep >>> pageShift);
        int first = (int) ((ptep & offsetMask) >>> 3);
        int present = 0;
        for (int i = first; i < first + n; i++) {
            if (Pte.present(t[i])) {
                present++;
            }
        }
        return present;
    }

    public void poke(long ptep, long value) {
        table(ptep >>> pageShift)[(int) ((ptep & offsetMask) >>> 3)] = value;
    }

    @Override
    public Ledger ledger() {
        return ledger;
    }

    @Override
    public long readPte(long ptep) {
        ledger.touch(Primitive.PTE_R, ptep);
        return peek(ptep);
    }

    @Override
    public void writePte(long ptep, long pte) {
        ledger.touch(Primitive.PTE_W, ptep);
        poke(ptep, pte);
    }

    @Override
    public long xchgPte(long ptep, long pte) {
        ledger.touch(Primitive.PTE_XCHG, ptep);
        long[] t = table(ptep >>> pageShift);
        int i = (int) ((ptep & offsetMask) >>> 3);
        long old = t[i];
        t[i] = pte;
        return old;
    }

    @Override
    public long rmwPte(long ptep, long clearBits, long setBits) {
        ledger.touch(Primitive.PTE_RMW, ptep);
        long[] t = table(ptep >>> pageShift);
        int i = (int) ((ptep & offsetMask) >>> 3);
        long old = t[i];
        t[i] = (old & ~clearBits) | setBits;
        if (Pte.present(old) && Pte.present(t[i])) {
            // One locked update of a present entry (fork's write-protect, arm64's access flags):
            // priced apart from mprotect's clear-then-set, another instruction, which a
            // shadow-paging hypervisor may handle at another cost (docs/kernel-model.md §5.0a).
            ledger.charge(Primitive.SHADOW_SYNC_RMW);
        }
        return old;
    }

    @Override
    public long pageFolio(long pfn) {
        ledger.touch(Primitive.SP_R, PhysMem.vmemmap(pfn));
        if (!phys.isFolio(pfn)) {
            return PteOps.NO_FOLIO;
        }
        long head = phys.head(pfn);
        if (head != pfn) {
            // compound_head() of a tail page leads to the head's line.
            ledger.touch(Primitive.SP_R, PhysMem.vmemmap(head));
        }
        return head;
    }

    @Override
    public int folioNrPages(long folio) {
        int order = phys.order(folio);
        if (order == 0) {
            return 1;
        }
        // The folio order is stored in page[1] (folio->_flags_1).
        ledger.touch(Primitive.SP_R, PhysMem.vmemmap(folio + 1));
        return 1 << order;
    }
}
