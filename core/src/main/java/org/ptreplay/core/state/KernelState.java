package org.ptreplay.core.state;

import org.ptreplay.spi.ops.ArchMmu;
import org.ptreplay.spi.ops.PageTableGeometry;
import org.ptreplay.core.ledger.PathLedger;
import org.ptreplay.core.mem.PageCache;
import org.ptreplay.core.mem.PhysMem;
import org.ptreplay.core.pgtable.PageWalk;
import org.ptreplay.core.pgtable.TableMemory;
import org.ptreplay.spi.ChangePtesStrategy;
import org.ptreplay.spi.CopyPtesStrategy;
import org.ptreplay.spi.KernelConfig;
import org.ptreplay.spi.MovePtesStrategy;
import org.ptreplay.spi.PgtableMoveStrategy;
import org.ptreplay.spi.ZapPtesStrategy;

/**
 * Everything one replay cell's kernel shares: physical memory and page-table pages, the arch MMU,
 * the ledger, the strategies per path and the kernel configuration. Not thread-safe.
 */
public final class KernelState {
    public final PageTableGeometry geo;
    public final PhysMem phys;
    public final TableMemory mem;
    public final PathLedger ledger;
    public final PageWalk walk;
    public final PageCache pageCache;
    public final ArchMmu arch;
    public final MovePtesStrategy movePtes;
    public final PgtableMoveStrategy pgtableMove;
    public final CopyPtesStrategy copyPtes;
    public final ZapPtesStrategy zapPtes;
    public final ChangePtesStrategy changePtes;
    public final ThpPolicy thp;
    /** CONFIG_PAGE_MAPCOUNT: per-page mapcounts of large folios are maintained. */
    public final boolean pageMapcount;
    /** The folio-wide {@code _large_mapcount}, one atomic per rmap batch (05c5323b2a34, 6.10). */
    public final boolean largeMapcount;
    /**
     * {@code _nr_pages_mapped} updated once per rmap batch instead of once per page (Message-ID
     * 20240807115515.1640951-1-david@redhat.com, 6.12); matters only with {@link #pageMapcount}.
     */
    public final boolean batchedNrPagesMapped;
    /** CONFIG_MEM_SOFT_DIRTY. */
    public final boolean softDirty;
    public final int cpus;
    /** CPUs in lazy-TLB mode for every mm, at most the machine's other CPUs (docs/kernel-model.md §1.5). */
    public final int lazyTlbCpus;
    /** {@code try_realign_addr} in move_page_tables (af8ca1c14906, v6.7). */
    public final boolean mremapRealign;
    /** Entries moved, copied, zapped and faulted so far. */
    public final EntryCounts entries = new EntryCounts();
    /** This CPU's pending LRU additions ({@code cpu_fbatches.lru_add}), 31 folios since 9cecde80aae0 (6.9). */
    public final LruBatch lruAdd = new LruBatch(31);
    /** The shared zero page and the huge zero folio. */
    public final long zeroPfn;
    public final long hugeZeroPfn;
    /** A VMA-level replay: population builds no page tables (set once, by the kernel, before any event). */
    public boolean vmaOnly;
    private long nextAnonVma = 1;
    private long nextMm = 1;

    public KernelState(PageTableGeometry geo, PhysMem phys, TableMemory mem, PathLedger ledger, ArchMmu arch,
                MovePtesStrategy movePtes, PgtableMoveStrategy pgtableMove, CopyPtesStrategy copyPtes,
                ZapPtesStrategy zapPtes, ChangePtesStrategy changePtes, ThpPolicy thp, KernelConfig config, boolean softDirty, int cpus,
                int lazyTlbCpus) {
        this.geo = geo;
        this.phys = phys;
        this.mem = mem;
        this.ledger = ledger;
        this.walk = new PageWalk(mem, ledger, geo);
        this.pageCache = new PageCache(phys);
        this.arch = arch;
        this.movePtes = movePtes;
        this.pgtableMove = pgtableMove;
        this.copyPtes = copyPtes;
        this.zapPtes = zapPtes;
        this.changePtes = changePtes;
        this.thp = thp;
        this.pageMapcount = config.pageMapcount();
        this.largeMapcount = config.largeMapcount();
        this.batchedNrPagesMapped = config.nrPagesMappedBatched();
        this.softDirty = softDirty;
        this.cpus = cpus;
        this.lazyTlbCpus = lazyTlbCpus;
        this.mremapRealign = config.mremapRealign();
        this.zeroPfn = phys.alloc(0, PhysMem.KIND_ZERO);
        this.hugeZeroPfn = phys.alloc(thp.pmdOrder(), PhysMem.KIND_ZERO);
    }

    public AnonVma newAnonVma() {
        return new AnonVma(nextAnonVma++);
    }

    public int pageShift() {
        return geo.pageShift();
    }

    public long pageSize() {
        return geo.pageSize();
    }

    /** TASK_SIZE: the top of the user address space (x86-64 keeps the last page unmapped). */
    public long taskSize() {
        return (1L << geo.vaBits()) - geo.pageSize();
    }

    /**
     * A fresh mm with an empty PGD ({@code mm_alloc} allocates the PGD page). mmap_base is TASK_SIZE minus the minimum stack gap of 128 MiB,
     * what {@code mmap_base()} gives with an 8 MiB stack rlimit and no randomisation.
     */
    public Mm newMm() {
        long pgd = mem.allocTable();
        ledger.charge(org.ptreplay.spi.ops.Primitive.PAGE_ALLOC);
        ledger.charge(org.ptreplay.spi.ops.Primitive.PT_ALLOC);
        long gap = 128L << 20;
        return new Mm(nextMm++, geo.pageShift(), pgd, taskSize() - gap, START_BRK, cpus, lazyTlbCpus);
    }

    /** Where brk starts when the trace does not tell: a typical non-randomised PIE heap start. */
    public static final long START_BRK = 0x5555_5555_9000L;
}
