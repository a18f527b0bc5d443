package org.ptreplay.core.cost;

import static org.ptreplay.spi.ops.Primitive.AE;
import static org.ptreplay.spi.ops.Primitive.AE_POSTED;
import static org.ptreplay.spi.ops.Primitive.BUDDY;
import static org.ptreplay.spi.ops.Primitive.DSB;
import static org.ptreplay.spi.ops.Primitive.EXC;
import static org.ptreplay.spi.ops.Primitive.FOLD;
import static org.ptreplay.spi.ops.Primitive.FOLIO_FREE;
import static org.ptreplay.spi.ops.Primitive.INVLPG;
import static org.ptreplay.spi.ops.Primitive.IPI;
import static org.ptreplay.spi.ops.Primitive.LRU_LOCK;
import static org.ptreplay.spi.ops.Primitive.MAP;
import static org.ptreplay.spi.ops.Primitive.MAP_POSTED;
import static org.ptreplay.spi.ops.Primitive.MEMCG;
import static org.ptreplay.spi.ops.Primitive.MT_LINE;
import static org.ptreplay.spi.ops.Primitive.MM_COUNTER;
import static org.ptreplay.spi.ops.Primitive.NOTIFIER;
import static org.ptreplay.spi.ops.Primitive.PAGE_ALLOC;
import static org.ptreplay.spi.ops.Primitive.PAGE_ZERO;
import static org.ptreplay.spi.ops.Primitive.PTEP_GET;
import static org.ptreplay.spi.ops.Primitive.PTE_BATCH;
import static org.ptreplay.spi.ops.Primitive.PTE_ENTRY;
import static org.ptreplay.spi.ops.Primitive.PTE_ITER;
import static org.ptreplay.spi.ops.Primitive.PTE_R;
import static org.ptreplay.spi.ops.Primitive.PTE_RMW;
import static org.ptreplay.spi.ops.Primitive.PTE_W;
import static org.ptreplay.spi.ops.Primitive.PTE_XCHG;
import static org.ptreplay.spi.ops.Primitive.PTL;
import static org.ptreplay.spi.ops.Primitive.PT_ALLOC;
import static org.ptreplay.spi.ops.Primitive.PT_FREE;
import static org.ptreplay.spi.ops.Primitive.REF;
import static org.ptreplay.spi.ops.Primitive.REF_POSTED;
import static org.ptreplay.spi.ops.Primitive.RMAPLOCK;
import static org.ptreplay.spi.ops.Primitive.SHADOW_FILL;
import static org.ptreplay.spi.ops.Primitive.SHADOW_LEAF_RMW;
import static org.ptreplay.spi.ops.Primitive.SHADOW_SYNC;
import static org.ptreplay.spi.ops.Primitive.SHADOW_SYNC_RMW;
import static org.ptreplay.spi.ops.Primitive.SHRINKER_BIT;
import static org.ptreplay.spi.ops.Primitive.SP_ATOM;
import static org.ptreplay.spi.ops.Primitive.SP_R;
import static org.ptreplay.spi.ops.Primitive.SP_W;
import static org.ptreplay.spi.ops.Primitive.SYSCALL;
import static org.ptreplay.spi.ops.Primitive.TAIL_FREE;
import static org.ptreplay.spi.ops.Primitive.LRUVEC_STAT;
import static org.ptreplay.spi.ops.Primitive.MMAP_LOCK;
import static org.ptreplay.spi.ops.Primitive.KOBJ_LINE;
import static org.ptreplay.spi.ops.Primitive.FILE_REF;
import static org.ptreplay.spi.ops.Primitive.SPLIT_QUEUE;
import static org.ptreplay.spi.ops.Primitive.SWAP_CACHE_R;
import static org.ptreplay.spi.ops.Primitive.TAIL_PREP;
import static org.ptreplay.spi.ops.Primitive.TLBI_ASID;
import static org.ptreplay.spi.ops.Primitive.TLBI_RANGE;
import static org.ptreplay.spi.ops.Primitive.TLBI_VA;
import static org.ptreplay.spi.ops.Primitive.UNCHARGE_BATCH;
import static org.ptreplay.spi.ops.Primitive.UNFOLD;
import static org.ptreplay.spi.ops.Primitive.VMA_ALLOC;
import static org.ptreplay.spi.ops.Primitive.VMA_LINE;
import static org.ptreplay.spi.ops.Primitive.VMA_LOCK;
import static org.ptreplay.spi.ops.Primitive.VMA_STORE;
import static org.ptreplay.spi.ops.Primitive.VMA_WALK;
import static org.ptreplay.spi.ops.Primitive.X86_FULL;
import static org.ptreplay.spi.ops.Primitive.ZONE_LOCK;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.function.LongSupplier;
import org.ptreplay.spi.ops.Primitive;
import org.ptreplay.core.profile.MachineProfile;
import org.ptreplay.core.profile.proto.Linear;
import org.ptreplay.core.profile.proto.Memory;
import org.ptreplay.core.profile.proto.Ops;
import org.ptreplay.core.profile.proto.Profile;
import org.ptreplay.core.profile.proto.Sourced;

/**
 * Prices charges with a machine profile and a per-cell cache model (docs/profiles.md).
 *
 * <ul>
 *   <li>Memory primitives: the operation's price on an L1 hit (plain, xchg, cmpxchg, atomic, or
 *       an atomic without a return for REF_POSTED, MAP_POSTED, AE_POSTED)
 *       plus, when the cache model serves the line further out, that level's latency minus the
 *       L1 latency (memory latency for a miss everywhere).</li>
 *   <li>arm64 TLBI and DSB: base + slope &times; (concurrency &minus; 1); each TLBI also
 *       tlbi_per_cpu &times; (cpus &minus; 1), the CPUs of the machine it is broadcast to.</li>
 *   <li>IPI: one charge of n is one shootdown to n CPUs: base + slope &times; n.</li>
 *   <li>PAGE_ZERO: page bytes / zeroing bandwidth per page; PT_ALLOC the same for the table page
 *       (page-table pages are allocated zeroed; the allocation itself is a PAGE_ALLOC). A zeroed
 *       user page's lines also stream through the cache model ({@link #writeLines}); a table
 *       page's do not (yet).</li>
 *   <li>PTEP_GET counts calls only: its reads are priced as PTE_R.</li>
 *   <li>SHADOW_FILL, SHADOW_SYNC, SHADOW_SYNC_RMW, SHADOW_LEAF_RMW: the profile's shadow fill,
 *       its resyncs of an entry changed by a clear-then-set and by one locked update, and what a
 *       PMD leaf's locked update costs beyond an entry's (0 on bare metal).</li>
 *   <li>VMA_WALK, VMA_STORE: their own profile prices (instruction work: the lines they touch are
 *       VMA_LINE and MT_LINE); VMA_ALLOC: two cmpxchg (slab alloc and free).</li>
 *   <li>PTE_ITER, PTE_ENTRY, PTE_BATCH, EXC, MEMCG: the profile's cycles at its clock.</li>
 *   <li>LRU_LOCK, ZONE_LOCK, SPLIT_QUEUE: a spinlock; SHRINKER_BIT: a posted atomic;
 *       UNCHARGE_BATCH: 4 atomics and 7 per-CPU counter updates; LRUVEC_STAT: 3 + 4 per-CPU counter updates
 *       of two L1 accesses each; VMA_LOCK: a cmpxchg and an atomic; MM_COUNTER: two
 *       L1 accesses; SP_W, TAIL_PREP, BUDDY, VMA_LINE, MT_LINE, KOBJ_LINE, SWAP_CACHE_R: a plain access through
 *       the cache model; MMAP_LOCK: the rwsem pair, FILE_REF: an atomic, each through the cache
 *       model.</li>
 *   <li>TAIL_FREE, TAIL_PREP, SWAP_CACHE_R: their loops' iterations are independent, so what the
 *       cache model adds over L1 is divided by the outstanding-miss limit ({@link #INDEPENDENT}).</li>
 * </ul>
 *
 * Prices are integer picoseconds, computed once at construction, so the sums are exact and
 * deterministic. One instance per replay cell: the cache state is not thread-safe.
 */
public final class ProfileCostModel implements CostModel {
    /** Marks a primitive this profile cannot price (the other architecture's). */
    private static final long UNPRICED = -1;
    /**
     * Levels of the memcg hierarchy above and including a task's own memcg, each with a per-CPU
     * {@code stats_updates} counter that {@code memcg_rstat_updated} bumps: a task in a systemd
     * session scope, session-N.scope, user-UID.slice, user.slice and the root (docs/profiles.md)
     * [assumption: the measured programs ran in a login session].
     */
    private static final int MEMCG_LEVELS = 4;

    /**
     * Memory primitives of kernel loops whose iterations are independent, so that their misses
     * overlap up to {@code memory.outstanding_misses} (docs/kernel-model.md §4.4, docs/profiles.md
     * "Memory timing"): {@code free_pages_prepare}'s pass over the tail pages
     * ({@code free_tail_page_prepare} and the flags reset, mm/page_alloc.c) and
     * {@code prep_compound_page}'s ({@code prep_compound_tail}) are plain loads and stores at
     * {@code head + i}, with no atomic or barrier per iteration, the same C on both architectures.
     * So is {@code free_pages_and_swap_cache}'s {@code free_swap_cache} pass over the gathered
     * entries (mm/swap_state.c, 6.8 and 6.9: each address comes from the gather's array, and for
     * an anon folio outside the swap cache the test reads and branches, with no atomic).
     * Every other memory primitive is issued by a loop with a locked instruction per iteration or
     * reads an address it has just loaded.
     */
    private static final EnumSet<Primitive> INDEPENDENT = EnumSet.of(TAIL_FREE, TAIL_PREP, SWAP_CACHE_R);

    private final String profileName;
    private final String arch;
    private final int cpus;
    private final CacheHierarchy cache;
    /** Price of one unit of each primitive (on an L1 hit for memory primitives), by ordinal. */
    private final long[] unitPs = new long[Primitive.count()];
    /** Extra price of an access served by each level, by level index; last = memory. */
    private final long[] servedExtraPs;
    private final long ipiBasePs;
    private final long ipiPerTargetPs;
    /** Stream price per byte, in ps; user touches are priced at the zeroing bandwidth. */
    private final double streamPsPerByte;
    /** When prefetched lines arrive and how many misses overlap; null without a prefetcher. */
    private final MemoryTiming timing;
    /** Misses an independent loop keeps in flight: the profile's {@code outstanding_misses}. */
    private final int overlap;
    /** Whether each primitive, by ordinal, is in {@link #INDEPENDENT}. */
    private final boolean[] independent = new boolean[Primitive.count()];
    /** Prices returned so far: the clock until a ledger attaches its own ({@link #clock}). */
    private long returnedPs;
    private LongSupplier clock = () -> returnedPs;

    private ProfileCostModel(MachineProfile profile, CostOptions options) {
        Profile p = profile.proto();
        this.profileName = profile.name();
        this.arch = profile.arch();
        this.cpus = options.cpus() > 0 ? options.cpus() : profile.cpus();
        if (options.concurrency() > cpus) {
            throw new IllegalArgumentException("Concurrency " + options.concurrency() + " exceeds the " + cpus
                    + " CPUs of machine profile " + profileName + ".");
        }
        Memory memory = p.getMemory();
        boolean prefetch = switch (options.prefetch()) {
            case PROFILE -> memory.getPrefetcher().getEnabled();
            case ON -> true;
            case OFF -> false;
        };
        this.cache = new CacheHierarchy(memory, prefetch, options.blockStreams());
        this.servedExtraPs = servedExtraPs(memory);
        this.timing = prefetch ? new MemoryTiming(servedExtraPs, (int) memory.getOutstandingMisses().getValue(),
                (int) memory.getPrefetcher().getFillLevel().getValue() - 1) : null;
        if (timing != null) {
            cache.timing(timing);
        }
        this.overlap = Math.max(1, (int) memory.getOutstandingMisses().getValue());
        for (Primitive q : INDEPENDENT) {
            independent[q.ordinal()] = true;
        }

        Arrays.fill(unitPs, UNPRICED);
        Ops ops = p.getOps();
        long plain = ps(ops.getPteAccessNs());
        // A tail page's check and reset in free_pages_prepare, its set-up in prep_compound_tail, a
        // folio's LRU link, a buddy's free-list check: loads and stores on one struct page line.
        // A VMA-layer object's or a maple node's line (docs/kernel-model.md §2.8): a load or store.
        set(plain, PTE_R, PTE_W, SP_R, SP_W, TAIL_FREE, TAIL_PREP, BUDDY, VMA_LINE, MT_LINE);
        set(ps(ops.getXchgNs()), PTE_XCHG);
        set(ps(ops.getCmpxchgNs()), PTE_RMW);
        // AE is mostly a set/clear bit op (fork, fault), priced as an atomic; a pure test is cheaper.
        set(ps(ops.getAtomicAddNs()), SP_ATOM, REF, MAP, AE);
        // The same counters' atomics without a return (fork's folio_get and rmap duplication, the
        // LRU batch's reference): arm64 STADD/STCLR, posted; x86 prices them as the others
        // (docs/kernel-model.md §4.6, "Atomics by kind").
        set(ps(ops.getAtomicPostedNs()), REF_POSTED, MAP_POSTED, AE_POSTED);
        // The LRU and zone locks are spinlocks taken with interrupts off; the irq save/restore is
        // a few cycles next to the locked cmpxchg (docs/kernel-model.md §4.4).
        set(ps(ops.getSpinlockNs()), PTL, LRU_LOCK, ZONE_LOCK);
        // The deferred split queue's lock, irqs saved, around a list add or delete whose line is an
        // SP_W; the add's per-CPU vm event is left in this price (docs/kernel-model.md §4.6)
        // [assumption]. The add's memcg shrinker bit is SHRINKER_BIT: set_bit, an atomic without
        // a return (arm64 STSET; its smp_mb__before_atomic, a DMB on arm64, is not priced).
        set(ps(ops.getSpinlockNs()), SPLIT_QUEUE);
        set(ps(ops.getAtomicPostedNs()), SHRINKER_BIT);
        // uncharge_batch for one folio alone (mm/memcontrol.c, 6.x): page_counter_uncharge's
        // atomic_long_sub_return at every memcg level (mm/page_counter.c; value-returning, fully
        // ordered: arm64 LDADDAL), then the PGPGOUT event with its memcg_rstat_updated at every
        // level, nr_page_events and css_put's per-CPU reference: per-CPU counters that stay in L1,
        // like LRUVEC_STAT's (docs/kernel-model.md §4.4) [derived].
        set(MEMCG_LEVELS * ps(ops.getAtomicAddNs()) + (MEMCG_LEVELS + 3) * 2 * plain, UNCHARGE_BATCH);
        // vma_start_read (a refcount or rwsem read try-lock: one cmpxchg) and vma_end_read (one
        // atomic), docs/kernel-model.md §5.
        set(ps(ops.getCmpxchgNs()) + ps(ops.getAtomicAddNs()), VMA_LOCK);
        // percpu_counter_add: a load and a store of a per-CPU counter that stays in L1.
        set(2 * plain, MM_COUNTER);
        // __lruvec_stat_mod_folio (mm/memcontrol.c, 6.8-6.9): the node's per-CPU diff, the memcg's
        // and the lruvec's per-CPU state, and one per-CPU stats_updates per memcg level; each a
        // load and a store of an L1-resident per-CPU counter, like MM_COUNTER (§4.6) [derived].
        set((3 + MEMCG_LEVELS) * 2 * plain, LRUVEC_STAT);
        set(ps(ops.getRwsemWriteNs()), RMAPLOCK);
        // down_write (a cmpxchg) and up_write (an atomic) on the mmap_lock's line, which the cache
        // model serves (docs/kernel-model.md §2.10); a read lock's pair is priced alike.
        set(ps(ops.getRwsemWriteNs()), MMAP_LOCK);
        // An mm_struct, struct file or address_space line read or written; get_file and fput are
        // one atomic each on the file's f_count (§2.10).
        set(plain, KOBJ_LINE);
        // free_swap_cache's compound_head or flags load of a gathered entry (docs/kernel-model.md §4.2).
        set(plain, SWAP_CACHE_R);
        set(ps(ops.getAtomicAddNs()), FILE_REF);
        set(ps(ops.getMmuNotifierNs()), NOTIFIER);
        set(0, PTEP_GET);
        set(ps(ops.getPageAllocNs()), PAGE_ALLOC);
        long zeroPagePs = Math.round(options.pageBytes() * 1000.0 / ops.getZeroBytesPerNs().getValue());
        set(zeroPagePs, PAGE_ZERO, PT_ALLOC);
        set(ps(ops.getPageFreeNs()), PT_FREE, FOLIO_FREE);
        double ghz = p.getCpu().getFrequencyGhz().getValue();
        set(cycles(ops.getPteIterCycles(), ghz), PTE_ITER);
        set(cycles(ops.getPteEntryCycles(), ghz), PTE_ENTRY);
        set(cycles(ops.getPteBatchCycles(), ghz), PTE_BATCH);
        set(cycles(ops.getExceptionCycles(), ghz), EXC);
        set(cycles(ops.getMemcgCycles(), ghz), MEMCG);
        set(ps(ops.getSyscallNs()), SYSCALL);
        set(ps(ops.getShadowFillNs()), SHADOW_FILL);
        set(ps(ops.getShadowSyncNs()), SHADOW_SYNC);
        set(ps(ops.getShadowSyncRmwNs()), SHADOW_SYNC_RMW);
        set(ps(ops.getShadowLeafRmwNs()), SHADOW_LEAF_RMW);
        set(ps(ops.getVmaWalkNs()), VMA_WALK);
        set(ps(ops.getVmaStoreNs()), VMA_STORE);
        // SLUB's lockless fast paths take one cmpxchg on the per-CPU freelist to allocate and one
        // to free (mm/slub.c, slab_alloc_node / do_slab_free; docs/kernel-model.md §2.7).
        set(2 * ps(ops.getCmpxchgNs()), VMA_ALLOC);
        this.streamPsPerByte = 1000.0 / ops.getZeroBytesPerNs().getValue();

        if (p.hasX86()) {
            set(ps(p.getX86().getInvlpgNs()), INVLPG);
            set(ps(p.getX86().getFullFlushNs()), X86_FULL);
            this.ipiBasePs = ps(p.getX86().getIpi().getBaseNs());
            this.ipiPerTargetPs = ps(p.getX86().getIpi().getSlopeNs());
        } else {
            var arm = p.getArm64();
            int others = options.concurrency() - 1;
            // A broadcast TLBI reaches every CPU of the machine, not only those running the mm
            // (docs/kernel-model.md §1.5): its price grows with the machine where the profile says so.
            long machinePs = ps(arm.getTlbiPerCpuNs()) * (cpus - 1);
            set(at(arm.getTlbiVa(), others) + machinePs, TLBI_VA);
            set(at(arm.getTlbiRange(), others) + machinePs, TLBI_RANGE);
            set(at(arm.getTlbiAsid(), others) + machinePs, TLBI_ASID);
            set(at(arm.getDsb(), others), DSB);
            set(ps(arm.getContpteConvertNs()), FOLD, UNFOLD);
            this.ipiBasePs = UNPRICED;
            this.ipiPerTargetPs = UNPRICED;
        }
    }

    /** The cost model of {@code profile} under {@code options}: a fresh, cold cache. */
    public static ProfileCostModel create(MachineProfile profile, CostOptions options) {
        return new ProfileCostModel(profile, options);
    }

    @Override
    public void clock(LongSupplier elapsedPs) {
        this.clock = elapsedPs;
    }

    @Override
    public long costPs(Primitive p, long n) {
        if (p == IPI) {
            if (ipiBasePs == UNPRICED) {
                throw unpriced(p);
            }
            return returned(n <= 0 ? 0 : ipiBasePs + ipiPerTargetPs * n);
        }
        long unit = unitPs[p.ordinal()];
        if (unit == UNPRICED) {
            throw unpriced(p);
        }
        return returned(unit * n);
    }

    @Override
    public long unitPs(Primitive p) {
        // IPI is base + slope x targets; an unpriced primitive must reach costPs, which reports it.
        // The prices returned through costPs only feed the clock a ledger replaces with its own.
        return p == IPI ? -1 : unitPs[p.ordinal()];
    }

    @Override
    public long accessPs(Primitive p, long pa) {
        if (!p.memory()) {
            throw new IllegalArgumentException(p.key() + " touches no memory; charge it with costPs.");
        }
        int o = p.ordinal();
        if (timing == null) {
            long extra = servedExtraPs[cache.access(pa)];
            return returned(unitPs[o] + (independent[o] ? extra / overlap : extra));
        }
        timing.at(clock.getAsLong());
        int level = cache.access(pa);
        long line = pa >>> cache.lineShift();
        return returned(unitPs[o]
                + (independent[o] ? timing.independentExtraPs(line, level) : timing.demandExtraPs(line, level)));
    }

    private long returned(long ps) {
        returnedPs += ps;
        return ps;
    }

    @Override
    public boolean l1Resident(long pa) {
        return cache.l1Resident(pa);
    }

    @Override
    public boolean l1Kept(long pa) {
        return cache.l1Kept(pa);
    }

    @Override
    public void recordL1Hits(long[] pa, int[] last, int accesses) {
        cache.recordL1Hits(pa, last, accesses);
    }

    @Override
    public int lineShift() {
        return cache.lineShift();
    }

    @Override
    public long l1HitPs(Primitive p) {
        if (!p.memory()) {
            throw new IllegalArgumentException(p.key() + " touches no memory; charge it with costPs.");
        }
        return unitPs[p.ordinal()] + servedExtraPs[0];
    }

    @Override
    public long streamPs(long pa, long length, boolean write) {
        // Reads and writes both allocate lines; write-back traffic is not modelled.
        cache.stream(pa, length);
        return returned(length <= 0 ? 0 : Math.round(length * streamPsPerByte));
    }

    @Override
    public void writeLines(long pa, long length) {
        cache.stream(pa, length);
    }

    /** Picoseconds demand accesses have waited for prefetched lines still in flight (prefetch timeliness). */
    public long prefetchWaitPs() {
        return timing == null ? 0 : timing.prefetchWaitPs();
    }

    /** Logical CPUs of the priced machine (the profile's, or the override). */
    public int cpus() {
        return cpus;
    }

    /** Demand accesses served by each cache level so far; the last element counts memory. */
    public long[] servedByLevel() {
        return cache.served();
    }

    private void set(long ps, Primitive... primitives) {
        for (Primitive p : primitives) {
            unitPs[p.ordinal()] = ps;
        }
    }

    private IllegalStateException unpriced(Primitive p) {
        return new IllegalStateException("Machine profile " + profileName + " (" + arch + ") has no price for "
                + p.key() + ": the profile and the simulated architecture do not match.");
    }

    private static long[] servedExtraPs(Memory memory) {
        int levels = memory.getLevelCount();
        double l1 = memory.getLevel(0).getLatencyNs().getValue();
        long[] extra = new long[levels + 1];
        for (int k = 0; k < levels; k++) {
            extra[k] = Math.round((memory.getLevel(k).getLatencyNs().getValue() - l1) * 1000);
        }
        extra[levels] = Math.round((memory.getDramLatencyNs().getValue() - l1) * 1000);
        return extra;
    }

    private static long at(Linear price, int x) {
        return ps(price.getBaseNs()) + ps(price.getSlopeNs()) * x;
    }

    private static long cycles(Sourced cycles, double ghz) {
        return Math.round(cycles.getValue() * 1000 / ghz);
    }

    private static long ps(Sourced ns) {
        return Math.round(ns.getValue() * 1000);
    }
}
