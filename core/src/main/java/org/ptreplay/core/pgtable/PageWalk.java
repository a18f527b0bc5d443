package org.ptreplay.core.pgtable;

import org.ptreplay.spi.ops.Frame;
import org.ptreplay.spi.ops.Ledger;
import org.ptreplay.spi.ops.PageTableGeometry;
import org.ptreplay.spi.ops.Primitive;
import org.ptreplay.spi.ops.Pte;

/**
 * Walks and grows the sparse radix tree of page tables of any depth (levels from the geometry;
 * 4 today, 5 works the same way). Levels are numbered from the bottom: level 1 entries are PTEs,
 * level 2 entries are PMDs, level 3 PUDs, and the root table holds level {@code levels} entries.
 *
 * <p>Upper-level reads of the walk are not charged: each path walks them once per PMD extent,
 * and docs/kernel-model.md §2–§5 count only the leaf and the relinked entries. Allocating a
 * missing table charges what {@code __pte_alloc} / {@code __pmd_alloc} / {@code __pud_alloc} do:
 * one page allocation, the populate store and the lock it is done under.
 */
public final class PageWalk {
    private static final Frame[] ALLOC_FRAMES = {
        null, Frame.of("__pte_alloc"), Frame.of("__pmd_alloc"), Frame.of("__pud_alloc"), Frame.of("__p4d_alloc"),
    };

    private final TableMemory mem;
    private final Ledger ledger;
    private final int levels;
    private final int pageShift;
    private final int tableBits;
    private final int indexMask;

    public PageWalk(TableMemory mem, Ledger ledger, PageTableGeometry g) {
        this.mem = mem;
        this.ledger = ledger;
        this.levels = g.levels();
        this.pageShift = g.pageShift();
        this.tableBits = g.tableBits();
        this.indexMask = (1 << tableBits) - 1;
    }

    public TableMemory mem() {
        return mem;
    }

    public int levels() {
        return levels;
    }

    /** Shift of the span one entry of {@code level} maps. */
    public int shift(int level) {
        return pageShift + tableBits * (level - 1);
    }

    public int index(int level, long addr) {
        return (int) ((addr >>> shift(level)) & indexMask);
    }

    /** The table page an upper-level entry points to, or -1 when it is none or a leaf. */
    public static long tableOf(long entry) {
        return (entry & Pte.TABLE) != 0 ? Pte.pfn(entry) : -1;
    }

    /**
     * The address of addr's entry at {@code level}, or -1 when a table on the way is missing or an
     * upper entry is a huge leaf.
     */
    public long entry(long root, long addr, int level) {
        long table = root;
        for (int l = levels; l > level; l--) {
            long e = mem.peek(mem.ptep(table, index(l, addr)));
            table = tableOf(e);
            if (table < 0) {
                return -1;
            }
        }
        return mem.ptep(table, index(level, addr));
    }

    /**
     * As {@link #entry} but allocates missing tables down to {@code level}; returns -1 only when a
     * huge leaf is in the way.
     */
    public long entryAlloc(long root, long addr, int level) {
        long table = root;
        for (int l = levels; l > level; l--) {
            long ep = mem.ptep(table, index(l, addr));
            long e = mem.peek(ep);
            if (e == Pte.NONE) {
                table = allocInto(ep, l - 1);
            } else {
                table = tableOf(e);
                if (table < 0) {
                    return -1;
                }
            }
        }
        return mem.ptep(table, index(level, addr));
    }

    /**
     * Allocates a table of {@code tableLevel} and links it into the empty entry {@code parentEntry}
     * ({@code pmd_populate} and friends, under the page-table lock).
     */
    public long allocInto(long parentEntry, int tableLevel) {
        Frame f = ALLOC_FRAMES[Math.min(tableLevel, ALLOC_FRAMES.length - 1)];
        ledger.enter(f);
        long pfn = mem.allocTable();
        ledger.charge(Primitive.PAGE_ALLOC);
        ledger.charge(Primitive.PT_ALLOC);
        ledger.charge(Primitive.PTL);
        mem.writePte(parentEntry, Pte.make(pfn, Pte.PRESENT | Pte.TABLE));
        ledger.exit(f);
        return pfn;
    }

    /** Whether every entry of a table is none. */
    public boolean empty(long tablePfn) {
        for (long e : mem.table(tablePfn)) {
            if (e != Pte.NONE) {
                return false;
            }
        }
        return true;
    }
}
