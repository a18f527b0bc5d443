package org.ptreplay.core.state;

import org.ptreplay.spi.ops.ArchMmu;
import org.ptreplay.spi.ops.PageTableGeometry;
import org.ptreplay.core.ledger.PathLedger;
import org.ptreplay.core.mem.KernelSlabs;
import org.ptreplay.core.mem.PageCache;
import org.ptreplay.core.mem.PhysMem;
import org.ptreplay.core.pgtable.PageWalk;
import org.ptreplay.core.pgtable.TableMemory;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import org.ptreplay.spi.KernelConfig;
import org.ptreplay.spi.KernelPath;
import org.ptreplay.spi.Strategy;

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
    /** The VMA layer's slab caches: where VMAs, maple nodes and anon_vmas live (docs/kernel-model.md §2.8). */
    public final KernelSlabs slabs;
    public final ArchMmu arch;
    /** The strategy of each kernel path, every path present. */
    private final Map<KernelPath, Strategy> strategies;
    public final ThpPolicy thp;
    /** The release's configuration switches (page mapcounts, {@code try_realign_addr}, …). */
    public final KernelConfig config;
    /** CONFIG_MEM_SOFT_DIRTY. */
    public final boolean softDirty;
    public final int cpus;
    /** CPUs in lazy-TLB mode for every mm, at most the machine's other CPUs (docs/kernel-model.md §1.5). */
    public final int lazyTlbCpus;
    /**
     * Batch-level accounting of the L1 hits of {@code move_ptes} runs (issue #8): a speed-up of
     * the simulator with identical results, on by default; off for the differential test.
     */
    public final boolean batchRuns;
    /** Entries moved, copied, zapped and faulted so far. */
    public final EntryCounts entries = new EntryCounts();
    /** This CPU's pending LRU additions ({@code cpu_fbatches.lru_add}), 31 folios since 9cecde80aae0 (6.9). */
    public final LruBatch lruAdd = new LruBatch(31);
    /** The large anon folios queued for deferred split (docs/kernel-model.md §4.6). */
    public final DeferredSplitQueue deferredSplit = new DeferredSplitQueue();
    /** The shared zero page and the huge zero folio. */
    public final long zeroPfn;
    public final long hugeZeroPfn;
    /** A VMA-level replay: population builds no page tables (set once, by the kernel, before any event). */
    public boolean vmaOnly;
    /** The range-level paths of issue #15 ({@code SimConfig.rangePaths}; set once, by the kernel, before any event). */
    public boolean rangePaths;
    private long nextAnonVma = 1;
    /** The files VMAs map, by file id (docs/kernel-model.md §2.10). */
    private final Map<Long, MappedFile> files = new java.util.HashMap<>();
    private long nextMm = 1;

    /** @param strategies one strategy for every {@link KernelPath}, each under its own path */
    public KernelState(PageTableGeometry geo, PhysMem phys, TableMemory mem, PathLedger ledger, ArchMmu arch,
                Map<KernelPath, ? extends Strategy> strategies, ThpPolicy thp, KernelConfig config, boolean softDirty,
                int cpus, int lazyTlbCpus, boolean batchRuns) {
        this.geo = geo;
        this.phys = phys;
        this.mem = mem;
        this.ledger = ledger;
        this.walk = new PageWalk(mem, ledger, geo);
        this.pageCache = new PageCache(phys);
        this.slabs = new KernelSlabs((int) geo.pageSize());
        this.arch = arch;
        EnumMap<KernelPath, Strategy> byPath = new EnumMap<>(KernelPath.class);
        for (KernelPath p : KernelPath.values()) {
            Strategy s = strategies.get(p);
            if (s == null || s.path() != p) {
                throw new IllegalArgumentException("no " + p.prefix() + " strategy for the kernel, got " + s);
            }
            byPath.put(p, s);
        }
        this.strategies = Collections.unmodifiableMap(byPath);
        this.thp = thp;
        this.config = config;
        this.softDirty = softDirty;
        this.cpus = cpus;
        this.lazyTlbCpus = lazyTlbCpus;
        this.batchRuns = batchRuns;
        this.zeroPfn = phys.alloc(0, PhysMem.KIND_ZERO);
        this.hugeZeroPfn = phys.alloc(thp.pmdOrder(), PhysMem.KIND_ZERO);
    }

    /** The strategy of {@code path}, as the {@code type} its paths call. */
    public <S extends Strategy> S strategy(KernelPath path, Class<S> type) {
        return type.cast(strategies.get(path));
    }

    public AnonVma newAnonVma() {
        return new AnonVma(nextAnonVma++);
    }

    /** A new anon_vma under {@code parent}'s root ({@code anon_vma_fork}, docs/kernel-model.md §2.9). */
    public AnonVma newAnonVma(AnonVma parent) {
        return new AnonVma(nextAnonVma++, parent);
    }

    /**
     * The address of {@code v}'s {@code vm_area_struct}. A VMA whose allocation the model does not
     * charge gets one from the slab on first use, without a charge.
     */
    public long vmaAddress(Vma v) {
        if (v.slab() == 0) {
            v.setSlab(slabs.vmAreaStruct.alloc());
        }
        return v.slab();
    }

    /** The address of {@code a}'s {@code anon_vma}, taken from the slab on first use without a charge (§2.8). */
    public long anonVmaAddress(AnonVma a) {
        if (a.slab() == 0) {
            a.setSlab(slabs.anonVma.alloc());
        }
        return a.slab();
    }

    /** The address of {@code mm}'s {@code mm_struct}, taken from its slab on first use without a charge (§2.10). */
    public long mmAddress(Mm mm) {
        if (mm.slab == 0) {
            mm.slab = slabs.mmStruct.alloc();
        }
        return mm.slab;
    }

    /**
     * The file of id {@code file} (a trace fd number, or a shmem file of its own): its
     * {@code struct file} and inode are taken from their slabs on first use without a charge
     * (docs/kernel-model.md §2.10).
     */
    public MappedFile file(long file) {
        MappedFile f = files.get(file);
        if (f == null) {
            f = new MappedFile(slabs.filp.alloc(), slabs.inode.alloc());
            files.put(file, f);
        }
        return f;
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
