package org.ptreplay.core.mem;

import java.util.Arrays;
import org.ptreplay.core.value.Placement;

/**
 * Simulated physical memory: a buddy allocator of naturally aligned blocks of order 0 to the PMD
 * order, and the struct-page state of every pfn in parallel primitive arrays (refcount, per-page
 * mapcount, large mapcount, AnonExclusive, kind, order). Metadata exists only for the chunks of
 * 2^10 pfns the allocator has handed out from, about 9 bytes per page of such a chunk.
 *
 * <p>Order-0 pages are placed as {@link Placement} says. {@link Placement.Buddy} models the page
 * allocator (docs/kernel-model.md §10): a LIFO per-CPU list of order-0 pages, refilled with
 * {@code batch} pages from the buddy lists and drained of {@code batch} pages from its tail at
 * {@code high}, over buddy lists that start as a {@link FreeLayout} of measured free memory and
 * hand out the smallest free order first. {@link Placement.Fraction} has no per-CPU list: a freed
 * page goes back to the buddy lists, and fresh memory is split in order (or scattered).
 *
 * <p>Like the kernel, the large-folio counters live in the first tail pages: the large mapcount in
 * page[1]'s refcount slot and the entire (PMD) mapcount in page[2]'s. Free blocks are linked through
 * the refcount (next) and mapcount (prev) slots, the way free pages reuse {@code page->lru}.
 * Nothing here charges primitives: the kernel paths do.
 */
public final class PhysMem {
    /** Base of the simulated vmemmap; struct page of pfn p is at {@code VMEMMAP_BASE + 64 p}. */
    public static final long VMEMMAP_BASE = 1L << 50;
    public static final int STRUCT_PAGE_SIZE = 64;

    public static final int KIND_UNUSED = 0;
    public static final int KIND_FREE = 1;
    public static final int KIND_ANON = 2;
    public static final int KIND_FILE = 3;
    public static final int KIND_PGTABLE = 4;
    public static final int KIND_ZERO = 5;
    /** Kernel-internal pages (mmu_gather batch pages). */
    public static final int KIND_KERNEL = 6;

    private static final int CHUNK_SHIFT = 10;
    private static final int CHUNK = 1 << CHUNK_SHIFT;
    private static final int CHUNK_MASK = CHUNK - 1;
    private static final int KIND_MASK = 0x7;
    private static final int ORDER_SHIFT = 3;
    private static final int ORDER_MASK = 0xF << ORDER_SHIFT;
    private static final int AE_BIT = 0x80;
    private static final int NIL = -1;
    /** Scattered placement spreads order-0 pages over arenas of 2^18 pages (1 GiB of 4K pages). */
    private static final int ARENA_BITS = 18;

    private final int pageShift;
    private final int maxOrder;
    /** The scattered fraction of a {@link Placement.Fraction}; 0 under {@link Placement.Buddy}. */
    private final double scattered;
    private final long seed;
    /** The free memory at the start under {@link Placement.Buddy}; null otherwise. */
    private final FreeLayout initial;
    /** Blocks of each order taken from {@link #initial}'s free lists so far. */
    private final long[] initialTaken;
    /** The per-CPU list of order-0 pages under {@link Placement.Buddy}; null otherwise. */
    private final PcpList pcp;
    private final int pcpBatch;
    private final int pcpHigh;
    private long pcpInitialTaken;
    /** The highest order a free block merges up to: the PMD order, or the free memory's largest order. */
    private final int mergeTop;
    /** The pfns the buddy allocator may hand out: [0, limit). Unbounded by default. */
    private final long limitPages;

    private int[][] ref = new int[0][];
    private int[][] mapcount = new int[0][];
    private byte[][] state = new byte[0][];
    private final int[] freeHead;
    private long top;
    private long arenaBase = -1;
    private int arenaNext;
    /** Order-0 allocations so far under an aged placement: the index it draws by. */
    private long order0;
    private long allocatedPages;

    /** Where the last allocation came from and the last free merged to (the buddy steps they took). */
    private int lastAllocFrom;
    private int lastFreeTo;

    /**
     * @param pageShift base page shift (12 for 4K)
     * @param maxOrder  the largest order (the PMD order: 9 with 4K pages)
     */
    public PhysMem(int pageShift, int maxOrder, Placement placement, long seed) {
        this(pageShift, maxOrder, placement, seed, Long.MAX_VALUE);
    }

    /**
     * @param limitPages the size of physical memory in base pages: the buddy allocator never hands
     *                   out a pfn at or above it, so a large order fails when no free block of it
     *                   or above is left (docs/kernel-model.md §10); {@code Long.MAX_VALUE}: unbounded
     */
    public PhysMem(int pageShift, int maxOrder, Placement placement, long seed, long limitPages) {
        if (limitPages < 1) {
            throw new IllegalArgumentException("physical memory must be at least one page, got " + limitPages + ".");
        }
        this.limitPages = limitPages;
        this.pageShift = pageShift;
        this.maxOrder = maxOrder;
        this.seed = seed;
        if (placement instanceof Placement.Buddy buddy) {
            this.scattered = 0;
            this.initial = new FreeLayout(buddy.free(), seed);
            this.initialTaken = new long[initial.topOrder() + 1];
            this.pcp = new PcpList();
            this.pcpBatch = buddy.free().pcpBatch();
            this.pcpHigh = buddy.free().pcpHigh();
            this.mergeTop = Math.max(maxOrder, initial.topOrder());
            // Fresh memory (when the free memory runs out) comes from above the zone.
            this.top = initial.endPfn();
        } else {
            this.scattered = ((Placement.Fraction) placement).scattered();
            this.initial = null;
            this.initialTaken = null;
            this.pcp = null;
            this.pcpBatch = 0;
            this.pcpHigh = 0;
            this.mergeTop = maxOrder;
        }
        this.freeHead = new int[mergeTop + 1];
        Arrays.fill(freeHead, NIL);
    }

    public int pageShift() {
        return pageShift;
    }

    public int maxOrder() {
        return maxOrder;
    }

    /** Simulated physical address of a pfn. */
    public long pa(long pfn) {
        return pfn << pageShift;
    }

    public static long vmemmap(long pfn) {
        return VMEMMAP_BASE + pfn * STRUCT_PAGE_SIZE;
    }

    /** Pages currently allocated (folios, tables, kernel pages). */
    public long allocatedPages() {
        return allocatedPages;
    }

    /**
     * Allocates a naturally aligned block of {@code 2^order} pages as a folio of {@code kind}; refcount 1.
     *
     * @throws PhysMemExhaustedException when physical memory has no free block of the order left
     */
    public long alloc(int order, int kind) {
        long pfn = tryAlloc(order, kind);
        if (pfn < 0) {
            throw new PhysMemExhaustedException(order, limitPages << pageShift);
        }
        return pfn;
    }

    /**
     * Whether {@link #tryAlloc} of {@code order} would succeed now: a free block of that order or
     * above, or room to grow. Order 0 under a scattered placement may also take an arena page, so
     * this is exact for the orders above 0 that the THP fault asks about.
     */
    public boolean canAlloc(int order) {
        for (int o = order; o <= mergeTop; o++) {
            if (freeHead[o] != NIL || initialLeft(o)) {
                return true;
            }
        }
        long size = 1L << maxOrder;
        return ((top + size - 1) & -size) + size <= limitPages;
    }

    /**
     * As {@link #alloc}, but returns -1 when no free block of {@code order} or above is left and
     * memory cannot grow: the allocation fails without side effects ({@code __rmqueue_smallest}
     * finding nothing, and a caller whose gfp flags allow no reclaim or compaction).
     */
    public long tryAlloc(int order, int kind) {
        if (order < 0 || order > maxOrder) {
            throw new IllegalArgumentException("order out of range: " + order);
        }
        long pfn = -1;
        if (order == 0 && pcp != null) {
            pfn = rmqueuePcplist();
            lastAllocFrom = 0;
        } else if (order == 0 && scatterNext()) {
            pfn = nextScattered();
            lastAllocFrom = 0;
        }
        if (pfn < 0) {
            pfn = takeBuddy(order);
        }
        if (pfn < 0) {
            return -1;
        }
        int n = 1 << order;
        for (int i = 0; i < n; i++) {
            long p = pfn + i;
            setState(p, kind | (order << ORDER_SHIFT));
            setRef(p, 0);
            setMap(p, 0);
        }
        setRef(pfn, 1);
        allocatedPages += n;
        return pfn;
    }

    /** Returns a folio (by its head pfn) to the allocator, merging free buddies. */
    public void free(long head) {
        int order = order(head);
        int kind = kind(head);
        if (kind == KIND_FREE || kind == KIND_UNUSED || head != head(head)) {
            throw new IllegalStateException("freeing pfn " + head + " that is not an allocated head");
        }
        allocatedPages -= 1L << order;
        if (order == 0 && pcp != null) {
            freePcp(head);
            return;
        }
        for (int i = 1; i < (1 << order); i++) {
            setState(head + i, KIND_UNUSED);
        }
        freeToBuddy(head, order);
    }

    /**
     * {@code free_frozen_page_commit}: the page goes to the head of the per-CPU list, where it
     * merges with nothing; at {@code high} pages the {@code batch} oldest, from the tail, go back
     * to the buddy lists ({@code free_pcppages_bulk}, v5.13's count; 3b12e7e97938 (5.14) frees
     * more per drain while frees run without allocations, which the model does not).
     */
    private void freePcp(long pfn) {
        setState(pfn, KIND_UNUSED);
        pcp.addHead(pfn);
        lastFreeTo = 0;
        if (pcp.size() >= pcpHigh) {
            for (int i = 0; i < pcpBatch; i++) {
                freeToBuddy(pcp.removeTail(), 0);
            }
            lastFreeTo = 0;
        }
    }

    /**
     * {@code __rmqueue_pcplist}: the head of the per-CPU list; an empty list is first refilled
     * with {@code batch} pages by {@code rmqueue_bulk}, each taken by {@code __rmqueue_smallest}
     * and appended at the tail, so a split block's pages come out in ascending pfn order. The
     * pages on the list at the start come first. -1 when nothing is left.
     */
    private long rmqueuePcplist() {
        if (pcp.size() == 0) {
            for (int i = 0; i < pcpBatch; i++) {
                long p = pcpInitialTaken < initial.pcpCount() ? initialPcpPage() : takeBuddy(0);
                if (p < 0) {
                    break;
                }
                setState(p, KIND_UNUSED);
                pcp.addTail(p);
            }
            if (pcp.size() == 0) {
                return -1;
            }
        }
        return pcp.removeHead();
    }

    private long initialPcpPage() {
        long p = initial.pcpPfn(pcpInitialTaken++);
        ensure(p, 1);
        return p;
    }

    /** {@code __free_one_page}: merges with the free buddy of every order up to {@link #mergeTop} and links the result. */
    private void freeToBuddy(long head, int order) {
        long pfn = head;
        while (order < mergeTop) {
            long buddy = pfn ^ (1L << order);
            if (!present(buddy) || kind(buddy) != KIND_FREE || order(buddy) != order) {
                break;
            }
            unlink(buddy, order);
            setState(buddy, KIND_UNUSED);
            pfn = Math.min(pfn, buddy);
            order++;
        }
        lastFreeTo = order;
        push(pfn, order);
    }

    /**
     * The order of the free block the last {@link #alloc} was split from ({@code expand}): the
     * allocation of order k split it once per order in between, the split-off halves at
     * {@code pfn + 2^j} for j = k … from − 1.
     */
    public int lastAllocFrom() {
        return lastAllocFrom;
    }

    /**
     * The order the last {@link #free} merged up to ({@code __free_one_page}): a folio of order k
     * merged with the free buddy of every order from k to this one minus one.
     */
    public int lastFreeTo() {
        return lastFreeTo;
    }

    public int kind(long pfn) {
        return stateOf(pfn) & KIND_MASK;
    }

    /** Order of the folio (or free block) the page belongs to. */
    public int order(long pfn) {
        return (stateOf(pfn) & ORDER_MASK) >>> ORDER_SHIFT;
    }

    /** Head pfn of the folio containing {@code pfn} (folios are naturally aligned). */
    public long head(long pfn) {
        return pfn & ~((1L << order(pfn)) - 1);
    }

    public boolean isFolio(long pfn) {
        int k = kind(pfn);
        return k == KIND_ANON || k == KIND_FILE;
    }

    public int refcount(long head) {
        return ref[(int) (head >>> CHUNK_SHIFT)][(int) (head & CHUNK_MASK)];
    }

    /** Adds {@code delta} to the folio refcount and returns the new value. */
    public int addRef(long head, int delta) {
        int[] c = ref[(int) (head >>> CHUNK_SHIFT)];
        return c[(int) (head & CHUNK_MASK)] += delta;
    }

    /** Per-page mapcount (0 = unmapped). */
    public int mapcount(long pfn) {
        return mapcount[(int) (pfn >>> CHUNK_SHIFT)][(int) (pfn & CHUNK_MASK)];
    }

    public void addMapcount(long pfn, int delta) {
        mapcount[(int) (pfn >>> CHUNK_SHIFT)][(int) (pfn & CHUNK_MASK)] += delta;
    }

    /** How many page-table entries map any page of the folio ({@code folio_mapcount}). */
    public int folioMapcount(long head) {
        return order(head) == 0 ? mapcount(head) : refSlot(head + 1);
    }

    public void addLargeMapcount(long head, int delta) {
        addRefSlot(head + 1, delta);
    }

    /** PMD mappings of a PMD-sized folio ({@code _entire_mapcount}). */
    public int entireMapcount(long head) {
        return refSlot(head + 2);
    }

    public void addEntireMapcount(long head, int delta) {
        addRefSlot(head + 2, delta);
    }

    public boolean anonExclusive(long pfn) {
        return (stateOf(pfn) & AE_BIT) != 0;
    }

    public void setAnonExclusive(long pfn, boolean exclusive) {
        int s = stateOf(pfn);
        setState(pfn, exclusive ? s | AE_BIT : s & ~AE_BIT);
    }

    private int refSlot(long pfn) {
        return ref[(int) (pfn >>> CHUNK_SHIFT)][(int) (pfn & CHUNK_MASK)];
    }

    private void addRefSlot(long pfn, int delta) {
        ref[(int) (pfn >>> CHUNK_SHIFT)][(int) (pfn & CHUNK_MASK)] += delta;
    }

    /**
     * {@code __rmqueue_smallest}: the first block of the smallest order from {@code order} up that
     * has one, a block freed or split off during the replay (at the list's head) before the free
     * memory of the start; when none is left, fresh memory.
     */
    private long takeBuddy(int order) {
        int o = order;
        long pfn = -1;
        for (; o <= mergeTop; o++) {
            if (freeHead[o] != NIL) {
                pfn = freeHead[o];
                unlink(pfn, o);
                break;
            }
            if (initialLeft(o)) {
                pfn = initial.pfn(o, initialTaken[o]++);
                ensure(pfn, 1L << o);
                break;
            }
        }
        if (pfn < 0) {
            pfn = grow(maxOrder);
            if (pfn < 0) {
                return -1;
            }
            o = maxOrder;
        }
        lastAllocFrom = o;
        // Split down, keeping the lower half and freeing the upper halves (as expand() does).
        while (o > order) {
            o--;
            push(pfn + (1L << o), o);
        }
        return pfn;
    }

    /** Fresh memory above everything handed out so far, aligned to {@code 2^order}. */
    /** A fresh block of {@code order} above everything handed out so far; -1 when it would pass the limit. */
    private long grow(int order) {
        long size = 1L << order;
        long pfn = (top + size - 1) & -size;
        if (pfn + size > limitPages) {
            return -1;
        }
        // Skipped pages between the old top and the aligned start stay UNUSED for ever; harmless.
        top = pfn + size;
        ensure(pfn, size);
        return pfn;
    }

    /**
     * Whether the next order-0 page comes from the scattered arena. {@link Placement#SCATTERED}:
     * whenever no free order-0 page is there to reuse. {@link Placement#SEQUENTIAL}: never. Aged:
     * when a seeded hash of the allocation's index falls below the fraction, whatever the free
     * lists hold (a split remainder there would otherwise make every second allocation
     * sequential); the other allocations take the buddy allocator's next page, a freed one first.
     * Deterministic, and independent of how earlier draws came out.
     */
    private boolean scatterNext() {
        double f = scattered;
        if (f == 0 || f == 1) {
            return f == 1 && freeHead[0] == NIL;
        }
        long i = order0++;
        long x = (i + 0x632BE59BD9B4E019L * (seed + 1)) * 0x9E3779B97F4A7C15L;
        x ^= x >>> 31;
        x *= 0xBF58476D1CE4E5B9L;
        x ^= x >>> 29;
        return (x >>> 11) < f * (1L << 53);
    }

    private long nextScattered() {
        int arenaSize = 1 << ARENA_BITS;
        if (arenaBase < 0 || arenaNext == arenaSize) {
            long base = grow(ARENA_BITS);
            if (base < 0) {
                // No room for another arena: the page comes from the buddy lists (the caller's fallback).
                return -1;
            }
            arenaBase = base;
            arenaNext = 0;
        }
        return arenaBase + permute(arenaNext++);
    }

    /** A seeded bijection on ARENA_BITS bits (odd multiplications and xor-shifts are invertible). */
    private int permute(int i) {
        int mask = (1 << ARENA_BITS) - 1;
        long x = (i + seed) & mask;
        x = (x * 0x9E3B5L) & mask;
        x ^= x >>> 9;
        x = (x * 0x2F2C7L + (seed >>> 18)) & mask;
        x ^= x >>> 7;
        x = (x * 0x6A1DDL) & mask;
        x ^= x >>> 11;
        return (int) x;
    }

    private void push(long pfn, int order) {
        setState(pfn, KIND_FREE | (order << ORDER_SHIFT));
        int old = freeHead[order];
        setRef(pfn, old);
        setMap(pfn, NIL);
        if (old != NIL) {
            setMap(old, (int) pfn);
        }
        freeHead[order] = (int) pfn;
    }

    private void unlink(long pfn, int order) {
        int next = refSlot(pfn);
        int prev = mapcount(pfn);
        if (prev == NIL) {
            freeHead[order] = next;
        } else {
            setRef(prev, next);
        }
        if (next != NIL) {
            setMap(next, prev);
        }
    }

    private boolean present(long pfn) {
        int c = (int) (pfn >>> CHUNK_SHIFT);
        return c < state.length && state[c] != null;
    }

    private int stateOf(long pfn) {
        return state[(int) (pfn >>> CHUNK_SHIFT)][(int) (pfn & CHUNK_MASK)];
    }

    private void setState(long pfn, int s) {
        state[(int) (pfn >>> CHUNK_SHIFT)][(int) (pfn & CHUNK_MASK)] = (byte) s;
    }

    private void setRef(long pfn, int v) {
        ref[(int) (pfn >>> CHUNK_SHIFT)][(int) (pfn & CHUNK_MASK)] = v;
    }

    private void setMap(long pfn, int v) {
        mapcount[(int) (pfn >>> CHUNK_SHIFT)][(int) (pfn & CHUNK_MASK)] = v;
    }

    private boolean initialLeft(int order) {
        return initial != null && order <= initial.topOrder() && initialTaken[order] < initial.count(order);
    }

    /** Metadata for the pages [pfn, pfn + pages): the chunks holding them, allocated on first use. */
    private void ensure(long pfn, long pages) {
        int chunks = (int) ((pfn + pages + CHUNK - 1) >>> CHUNK_SHIFT);
        if (chunks > state.length) {
            int n = Math.max(chunks, state.length * 2);
            ref = Arrays.copyOf(ref, n);
            mapcount = Arrays.copyOf(mapcount, n);
            state = Arrays.copyOf(state, n);
        }
        for (int c = (int) (pfn >>> CHUNK_SHIFT); c < chunks; c++) {
            if (state[c] == null) {
                ref[c] = new int[CHUNK];
                mapcount[c] = new int[CHUNK];
                state[c] = new byte[CHUNK];
            }
        }
    }
}
