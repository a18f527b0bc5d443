package org.ptreplay.core.linux.memory;

import org.ptreplay.core.linux.swap.Swap;
import org.ptreplay.core.linux.page_alloc.FolioAlloc;
import org.ptreplay.spi.ops.ArchMmu;
import org.ptreplay.spi.ops.Frame;
import org.ptreplay.spi.ops.Ledger;
import org.ptreplay.spi.ops.Primitive;
import org.ptreplay.spi.ops.Pte;
import org.ptreplay.core.mem.PhysMem;
import org.ptreplay.core.state.KernelState;
import org.ptreplay.core.state.Mm;
import org.ptreplay.core.state.Vma;
import org.ptreplay.core.state.VmFlags;
import org.ptreplay.core.pgtable.PageWalk;
import org.ptreplay.core.pgtable.TableMemory;
import org.ptreplay.core.linux.huge_memory.HugePmd;
import org.ptreplay.core.linux.page_alloc.FolioFree;
import org.ptreplay.core.linux.rmap.AnonVmas;
import org.ptreplay.core.linux.rmap.Rmap;

/**
 * User accesses and page faults (docs/kernel-model.md §5): a touch that the page tables already
 * allow costs nothing in the kernel; otherwise {@code handle_mm_fault} runs the anonymous fault
 * (zero page on read, {@code alloc_anon_folio} with the mTHP order choice on write, PMD THP via
 * {@code do_huge_pmd_anonymous_page}), the file faults, or the write-protect fault (COW copy, or
 * reuse of an exclusive anon page).
 *
 * <p>Not modelled: large anon folios are never reused on a wp fault (with CONFIG_PAGE_MAPCOUNT the
 * kernel does not either); the huge zero folio is not split on write-access to a neighbouring
 * page other than the one touched (the whole leaf splits, as the kernel does).
 */
public final class Fault {
    private static final Frame HANDLE_MM_FAULT = Frame.of("handle_mm_fault");
    private static final Frame DO_ANONYMOUS_PAGE = Frame.of("do_anonymous_page");
    private static final Frame ALLOC_ANON_FOLIO = Frame.of("alloc_anon_folio");
    private static final Frame DO_HUGE_PMD_ANONYMOUS_PAGE = Frame.of("do_huge_pmd_anonymous_page");
    private static final Frame DO_HUGE_PMD_WP_PAGE = Frame.of("do_huge_pmd_wp_page");
    private static final Frame DO_WP_PAGE = Frame.of("do_wp_page");
    private static final Frame WP_PAGE_COPY = Frame.of("wp_page_copy");
    private static final Frame WP_PAGE_REUSE = Frame.of("wp_page_reuse");
    private static final Frame DO_READ_FAULT = Frame.of("do_read_fault");
    private static final Frame DO_COW_FAULT = Frame.of("do_cow_fault");
    private static final Frame DO_SHARED_FAULT = Frame.of("do_shared_fault");

    private final KernelState cell;
    private final Ledger ledger;
    private final TableMemory mem;
    private final PageWalk walk;
    private final PhysMem phys;
    private final ArchMmu arch;
    private final HugePmd huge;
    private final int pageShift;
    private final boolean[] created = new boolean[1];

    public Fault(KernelState cell, HugePmd huge) {
        this.cell = cell;
        this.ledger = cell.ledger;
        this.mem = cell.mem;
        this.walk = cell.walk;
        this.phys = cell.phys;
        this.arch = cell.arch;
        this.huge = huge;
        this.pageShift = cell.pageShift();
    }

    /**
     * Whether the page tables already allow this access (the hardware walk, not charged), from
     * the PMD entry's address {@code pmdp} ({@link PageWalk#entry} at level 2, or -1), which the
     * range-level touch walks to once per PMD extent. The caller has checked the VMA permissions.
     */
    public boolean mappedAt(long pmdp, long addr, boolean write) {
        if (pmdp < 0) {
            return false;
        }
        long pmd = mem.peek(pmdp);
        if (HugePmd.isLeaf(pmd)) {
            return !write || Pte.write(pmd);
        }
        long table = PageWalk.tableOf(pmd);
        if (table < 0) {
            return false;
        }
        long pte = mem.peek(mem.ptep(table, walk.index(1, addr)));
        return Pte.present(pte) && (!write || Pte.write(pte));
    }

    /**
     * The physical address the access reaches, for the cost model's user-data streams (-1 if
     * unmapped), from the PMD entry's address (as {@link #mappedAt}).
     */
    public long userPaAt(long pmdp, long addr) {
        if (pmdp < 0) {
            return -1;
        }
        long pmd = mem.peek(pmdp);
        if (HugePmd.isLeaf(pmd)) {
            return phys.pa(Pte.pfn(pmd)) + (addr & (cell.geo.pmdSize() - 1));
        }
        long table = PageWalk.tableOf(pmd);
        if (table < 0) {
            return -1;
        }
        long pte = mem.peek(mem.ptep(table, walk.index(1, addr)));
        return Pte.present(pte) ? phys.pa(Pte.pfn(pte)) : -1;
    }

    /**
     * {@code handle_mm_fault} when the walk to addr's PMD entry is known: {@code pmdp} is that
     * entry's address, or -1 to walk (and allocate the missing upper tables) here. Known or
     * walked, it is the same entry: the upper-level reads are not charged (docs/kernel-model.md §2).
     */
    public void handleMmFault(Mm mm, Vma vma, long addr, boolean write, long knownPmdp) {
        ledger.enter(HANDLE_MM_FAULT);
        addr &= -cell.pageSize();
        long pmdp = knownPmdp >= 0 ? knownPmdp : walk.entryAlloc(mm.pgd(), addr, 2);
        long pmd = mem.peek(pmdp);
        long pmdSize = cell.geo.pmdSize();
        long haddr = addr & -pmdSize;
        if (pmd == Pte.NONE && vma.isAnonymous()
                && (cell.thp.allowedOrders(vma.flags()) & (1L << cell.thp.pmdOrder())) != 0
                && haddr >= vma.start() && haddr + pmdSize <= vma.end() && hugePmdAllocatable(write)) {
            doHugePmdAnonymousPage(mm, vma, addr, pmdp, write);
        } else if (HugePmd.isLeaf(pmd)) {
            doHugePmdWpPage(mm, vma, addr, haddr, pmdp);
        } else {
            if (pmd == Pte.NONE) {
                walk.allocInto(pmdp, 1);
            }
            long ptep = mem.ptep(PageWalk.tableOf(mem.peek(pmdp)), walk.index(1, addr));
            long pte = mem.peek(ptep);
            if (!Pte.present(pte)) {
                if (vma.isAnonymous()) {
                    doAnonymousPage(mm, vma, addr, ptep, write);
                } else if (!write) {
                    doFileFault(mm, vma, addr, ptep, DO_READ_FAULT, false);
                } else if (vma.has(VmFlags.VM_SHARED)) {
                    doFileFault(mm, vma, addr, ptep, DO_SHARED_FAULT, true);
                } else {
                    doCowFault(mm, vma, addr, ptep);
                }
            } else if (write && !Pte.write(pte)) {
                doWpPage(mm, vma, addr, ptep);
            }
        }
        ledger.exit(HANDLE_MM_FAULT);
    }

    /**
     * Whether a PMD THP fault gets its folio. A write fault whose PMD-order folio the buddy cannot
     * supply returns VM_FAULT_FALLBACK ({@code count_vm_event(THP_FAULT_FALLBACK)},
     * {@code do_huge_pmd_anonymous_page}) before its page table is preallocated, and the PTE level
     * handles the fault. Decided before the deposit; a read fault maps the huge zero folio.
     */
    private boolean hugePmdAllocatable(boolean write) {
        if (!write || phys.canAlloc(cell.thp.pmdOrder())) {
            return true;
        }
        cell.entries.thpFaultFallback++;
        return false;
    }

    /**
     * A new mapping of {@code nr} PTEs by the fault path, counted in {@link org.ptreplay.core.state.EntryCounts#faulted}.
     * Each is first accessed when the task retries its access or goes on to the next pages: one
     * {@link Primitive#SHADOW_FILL} per entry ({@link #firstAccess}).
     */
    private void installPtes(Mm mm, long addr, long ptep, long pte, int nr) {
        arch.setPtes(mm, addr, ptep, pte, nr);
        cell.entries.faulted += nr;
        firstAccess(nr);
    }

    /** A new PMD leaf mapping by the fault path: one entry, one first access. */
    private void installPmd(long pmdp, long pmd) {
        mem.writePte(pmdp, pmd);
        cell.entries.faulted++;
        firstAccess(1);
    }

    /**
     * The first user accesses through {@code nr} leaf entries this fault wrote. Measured on a
     * shadow-paging guest (PVM, docs/validation.md): a write after MADV_POPULATE_WRITE costs 6.8 µs
     * per 4 KiB page the first time and 11 ns the second, the other pages of a 64 KiB folio cost
     * as much after the fault as that first write, a 2 MiB PMD leaf costs it once; the hypervisor
     * fills a shadow entry per guest leaf entry. Charged here, at the fault, on the assumption
     * that the task goes on to access every page the fault mapped (touch events access whole
     * ranges); entries that fork or mremap make present are not charged (their first access is
     * not tracked: docs/kernel-model.md §5).
     */
    private void firstAccess(int nr) {
        ledger.charge(Primitive.SHADOW_FILL, nr);
    }

    private void doAnonymousPage(Mm mm, Vma vma, long addr, long ptep, boolean write) {
        ledger.enter(DO_ANONYMOUS_PAGE);
        if (!write) {
            ledger.charge(Primitive.PTL);
            arch.ptepGet(ptep);
            installPtes(mm, addr, ptep, Pte.make(cell.zeroPfn, Pte.PRESENT | Pte.SPECIAL), 1);
            ledger.exit(DO_ANONYMOUS_PAGE);
            return;
        }
        AnonVmas.prepare(cell, mm, vma);
        ledger.enter(ALLOC_ANON_FOLIO);
        int order = chooseOrder(vma, addr, ptep);
        long folio = allocAnonFolio(vma, order);
        order = phys.order(folio);
        ledger.charge(Primitive.MEMCG);
        int nr = 1 << order;
        FolioZeroUser.folioZeroUser(cell, folio, nr, addr);
        ledger.exit(ALLOC_ANON_FOLIO);
        long start = addr & -(cell.pageSize() << order);
        long first = ptep - 8L * ((addr - start) >>> pageShift);
        ledger.charge(Primitive.PTL);
        // vmf_pte_changed / pte_range_none under the lock.
        for (int i = 0; i < nr; i++) {
            arch.ptepGet(first + 8L * i);
        }
        // folio_ref_add(nr - 1): one PTE reference per page; an atomic_add without a return, the
        // posted kind (arm64 STADD, docs/kernel-model.md §4.6).
        ledger.touch(Primitive.REF_POSTED, PhysMem.vmemmap(folio));
        phys.addRef(folio, nr - 1);
        ledger.charge(Primitive.MM_COUNTER);
        addNewAnonRmap(folio, nr);
        Swap.folioAddLru(cell, folio);
        installPtes(mm, start, first, anonEntry(folio, vma), nr);
        ledger.exit(DO_ANONYMOUS_PAGE);
    }

    /**
     * The allocation loop of {@code alloc_anon_folio}: the chosen order, then each smaller allowed
     * order (their aligned ranges lie inside the chosen one, so they are none too), each failure
     * counted as one {@code MTHP_STAT_ANON_FAULT_FALLBACK}; order 0 last ({@code folio_prealloc}).
     */
    private long allocAnonFolio(Vma vma, int chosen) {
        // Anonymous mTHP orders start at 2: order 1 is never an anonymous large folio (docs/kernel-model.md §5.1).
        long orders = cell.thp.allowedOrders(vma.flags()) & ((1L << (chosen + 1)) - 1) & ~3L;
        for (int order = chosen; order >= 2; order--) {
            if ((orders & (1L << order)) == 0) {
                continue;
            }
            long folio = FolioAlloc.tryAlloc(cell, order, PhysMem.KIND_ANON);
            if (folio >= 0) {
                return folio;
            }
            cell.entries.anonFaultFallback++;
        }
        return FolioAlloc.alloc(cell, 0, PhysMem.KIND_ANON);
    }

    /**
     * The order choice of {@code alloc_anon_folio}: allowed orders below the PMD order whose
     * naturally aligned range lies inside the VMA, highest first, the first whose range is all
     * none ({@code pte_range_none}: one {@code ptep_get_lockless} per entry up to the first non-none).
     */
    private int chooseOrder(Vma vma, long addr, long ptep) {
        // Orders 2 … PMD order - 1 (docs/kernel-model.md §5.1).
        long orders = cell.thp.allowedOrders(vma.flags()) & ((1L << cell.thp.pmdOrder()) - 1) & ~3L;
        for (int order = 63 - Long.numberOfLeadingZeros(orders); orders != 0 && order >= 2; order--) {
            if ((orders & (1L << order)) == 0) {
                continue;
            }
            long size = cell.pageSize() << order;
            long start = addr & -size;
            if (start < vma.start() || start + size > vma.end()) {
                continue;
            }
            long first = ptep - 8L * ((addr - start) >>> pageShift);
            boolean none = true;
            for (int i = 0; i < (1 << order) && none; i++) {
                none = arch.ptepGetLockless(first + 8L * i) == Pte.NONE;
            }
            if (none) {
                return order;
            }
        }
        return 0;
    }

    /** {@code folio_add_new_anon_rmap(RMAP_EXCLUSIVE)} for a PTE-mapped folio. */
    private void addNewAnonRmap(long folio, int nr) {
        for (int i = 0; i < nr; i++) {
            if (nr == 1 || cell.config.pageMapcount()) {
                ledger.touch(Primitive.MAP, PhysMem.vmemmap(folio + i));
            }
            phys.addMapcount(folio + i, 1);
            ledger.touch(Primitive.AE, PhysMem.vmemmap(folio + i));
            phys.setAnonExclusive(folio + i, true);
        }
        if (nr > 1) {
            // _large_mapcount (6.10+, 05c5323b2a34) and _nr_pages_mapped (CONFIG_PAGE_MAPCOUNT), in page[1].
            if (cell.config.largeMapcount()) {
                ledger.touch(Primitive.MAP, PhysMem.vmemmap(folio + 1));
            }
            if (cell.config.pageMapcount()) {
                ledger.touch(Primitive.MAP, PhysMem.vmemmap(folio + 1));
            }
            phys.addLargeMapcount(folio, nr);
        }
        // __lruvec_stat_mod_folio(folio, NR_ANON_MAPPED, nr) (docs/kernel-model.md §4.6).
        ledger.charge(Primitive.LRUVEC_STAT);
    }

    private long anonEntry(long folio, Vma vma) {
        long flags = Pte.PRESENT | Pte.YOUNG | Pte.DIRTY;
        if (vma.has(VmFlags.VM_WRITE)) {
            flags |= Pte.WRITE;
        }
        return Pte.make(folio, flags);
    }

    private void doHugePmdAnonymousPage(Mm mm, Vma vma, long addr, long pmdp, boolean write) {
        ledger.enter(DO_HUGE_PMD_ANONYMOUS_PAGE);
        huge.deposit(mm, pmdp);
        if (!write) {
            // The huge zero folio (transparent_hugepage/use_zero_page, on by default).
            ledger.charge(Primitive.PTL);
            installPmd(pmdp, Pte.make(cell.hugeZeroPfn, Pte.PRESENT | Pte.LEAF | Pte.SPECIAL));
            ledger.exit(DO_HUGE_PMD_ANONYMOUS_PAGE);
            return;
        }
        AnonVmas.prepare(cell, mm, vma);
        int order = cell.thp.pmdOrder();
        // vma_alloc_anon_folio_pmd: allocation, memcg charge, zeroing.
        long folio = FolioAlloc.alloc(cell, order, PhysMem.KIND_ANON);
        ledger.charge(Primitive.MEMCG);
        FolioZeroUser.folioZeroUser(cell, folio, 1 << order, addr);
        ledger.charge(Primitive.PTL);
        // folio_add_new_anon_rmap at PMD level: _entire_mapcount, _large_mapcount (6.10+,
        // 05c5323b2a34), _nr_pages_mapped (CONFIG_PAGE_MAPCOUNT), AE on the head.
        ledger.touch(Primitive.MAP, PhysMem.vmemmap(folio + 1));
        if (cell.config.largeMapcount()) {
            ledger.touch(Primitive.MAP, PhysMem.vmemmap(folio + 1));
        }
        if (cell.config.pageMapcount()) {
            ledger.touch(Primitive.MAP, PhysMem.vmemmap(folio + 1));
        }
        ledger.touch(Primitive.AE, PhysMem.vmemmap(folio));
        // NR_ANON_THPS and NR_ANON_MAPPED, each a __lruvec_stat_mod_folio (§4.6).
        ledger.charge(Primitive.LRUVEC_STAT, 2);
        phys.addEntireMapcount(folio, 1);
        phys.addLargeMapcount(folio, 1);
        phys.setAnonExclusive(folio, true);
        Swap.folioAddLru(cell, folio);
        installPmd(pmdp, anonEntry(folio, vma) | Pte.LEAF);
        ledger.charge(Primitive.MM_COUNTER);
        ledger.exit(DO_HUGE_PMD_ANONYMOUS_PAGE);
    }

    /**
     * Write to a read-only PMD leaf: reuse the THP when its head is AnonExclusive, or else when
     * the folio's refcount is 1 (the head then becomes AnonExclusive again, after
     * {@code folio_move_anon_rmap} on the same struct page line); otherwise split and take the PTE
     * wp fault. {@code do_huge_pmd_wp_page} (mm/huge_memory.c), the PageAnonExclusive rules of
     * 6c287605fd56 (5.19); the swap-cache reference it also allows is not modelled (no swap).
     */
    private void doHugePmdWpPage(Mm mm, Vma vma, long addr, long haddr, long pmdp) {
        ledger.enter(DO_HUGE_PMD_WP_PAGE);
        long pmd = mem.peek(pmdp);
        ledger.charge(Primitive.PTL);
        if (!huge.isHugeZero(pmd)) {
            long head = Pte.pfn(pmd);
            ledger.touch(Primitive.AE, PhysMem.vmemmap(head));
            boolean reuse = phys.anonExclusive(head) || phys.refcount(head) == 1;
            if (reuse && !phys.anonExclusive(head)) {
                ledger.touch(Primitive.AE, PhysMem.vmemmap(head));
                phys.setAnonExclusive(head, true);
            }
            if (reuse) {
                mem.readPte(pmdp);
                mem.writePte(pmdp, pmd | Pte.WRITE | Pte.DIRTY | Pte.YOUNG);
                firstAccess(1);
                ledger.exit(DO_HUGE_PMD_WP_PAGE);
                return;
            }
        }
        huge.split(mm, haddr, pmdp);
        long ptep = mem.ptep(PageWalk.tableOf(mem.peek(pmdp)), walk.index(1, addr));
        doWpPage(mm, vma, addr, ptep);
        ledger.exit(DO_HUGE_PMD_WP_PAGE);
    }

    private void doWpPage(Mm mm, Vma vma, long addr, long ptep) {
        ledger.enter(DO_WP_PAGE);
        ledger.charge(Primitive.PTL);
        long pte = arch.ptepGet(ptep);
        long folio = Pte.special(pte) ? -1 : mem.pageFolio(Pte.pfn(pte));
        boolean reuse;
        if (vma.has(VmFlags.VM_SHARED)) {
            reuse = true;
        } else if (folio >= 0 && phys.kind(folio) == PhysMem.KIND_ANON && phys.order(folio) == 0) {
            long page = Pte.pfn(pte);
            ledger.touch(Primitive.AE, PhysMem.vmemmap(page));
            // wp_can_reuse_anon_folio (mm/memory.c): a small folio nobody else references becomes
            // exclusive again, the PageAnonExclusive rule of 6c287605fd56 (5.19) [recalled, not re-read].
            reuse = phys.anonExclusive(page) || phys.refcount(folio) == 1;
            if (reuse && !phys.anonExclusive(page)) {
                ledger.touch(Primitive.AE, PhysMem.vmemmap(page));
                phys.setAnonExclusive(page, true);
            }
        } else {
            reuse = false;
        }
        if (reuse) {
            ledger.enter(WP_PAGE_REUSE);
            arch.ptepSetAccessFlags(mm, addr, ptep, pte | Pte.WRITE | Pte.DIRTY | Pte.YOUNG);
            firstAccess(1);
            ledger.exit(WP_PAGE_REUSE);
        } else {
            wpPageCopy(mm, vma, addr, ptep, pte, folio);
        }
        ledger.exit(DO_WP_PAGE);
    }

    private void wpPageCopy(Mm mm, Vma vma, long addr, long ptep, long old, long oldFolio) {
        ledger.enter(WP_PAGE_COPY);
        AnonVmas.prepare(cell, mm, vma);
        long folio = FolioAlloc.alloc(cell, 0, PhysMem.KIND_ANON);
        ledger.charge(Primitive.MEMCG);
        if (oldFolio < 0) {
            FolioZeroUser.folioZeroUser(cell, folio, 1, addr);
        } else {
            cell.ledger.stream(phys.pa(Pte.pfn(old)), cell.pageSize(), false);
            cell.ledger.stream(phys.pa(folio), cell.pageSize(), true);
        }
        arch.ptepGet(ptep);
        // ptep_clear_flush: the old translation must be gone before the new page is mapped.
        arch.ptepGetAndClear(mm, addr, ptep);
        arch.flushTlbRange(mm, addr, addr + cell.pageSize(), pageShift, true, false);
        if (oldFolio < 0 || phys.kind(oldFolio) != PhysMem.KIND_ANON) {
            // The zero page or a file page is replaced by an anonymous one: MM_ANONPAGES grows
            // (and MM_FILEPAGES shrinks: a second counter update for a file page).
            ledger.charge(Primitive.MM_COUNTER, oldFolio < 0 ? 1 : 2);
        }
        addNewAnonRmap(folio, 1);
        Swap.folioAddLru(cell, folio);
        installPtes(mm, addr, ptep, anonEntry(folio, vma), 1);
        if (oldFolio >= 0) {
            Rmap.removePtes(cell, oldFolio, Pte.pfn(old), 1);
            ledger.touch(Primitive.REF, PhysMem.vmemmap(oldFolio));
            if (phys.addRef(oldFolio, -1) == 0) {
                // __folio_put: the lruvec lock and mem_cgroup_uncharge's uncharge_batch for this
                // one folio (docs/kernel-model.md §4.4).
                ledger.charge(Primitive.LRU_LOCK);
                ledger.charge(Primitive.UNCHARGE_BATCH);
                FolioFree.free(cell, oldFolio);
            }
        }
        ledger.exit(WP_PAGE_COPY);
    }

    /** do_read_fault / do_shared_fault: map the page-cache folio, writable and dirty for a shared write. */
    private void doFileFault(Mm mm, Vma vma, long addr, long ptep, Frame frame, boolean write) {
        ledger.enter(frame);
        long folio = cell.pageCache.lookupOrCreate(vma.file(), vma.pgoffOf(addr, pageShift), created);
        if (created[0]) {
            ledger.charge(Primitive.PAGE_ALLOC);
            addToPageCache(vma, folio, addr);
        }
        ledger.touch(Primitive.REF, PhysMem.vmemmap(folio));
        phys.addRef(folio, 1);
        ledger.charge(Primitive.PTL);
        arch.ptepGet(ptep);
        ledger.touch(Primitive.MAP, PhysMem.vmemmap(folio));
        phys.addMapcount(folio, 1);
        if (phys.mapcount(folio) == 1) {
            // folio_add_file_rmap_ptes: the page's first mapping, NR_FILE_MAPPED plus one (the
            // removal's counterpart is in Rmap.removePtes).
            ledger.charge(Primitive.LRUVEC_STAT);
        }
        ledger.charge(Primitive.MM_COUNTER);
        long flags = Pte.PRESENT | Pte.YOUNG;
        if (write) {
            flags |= Pte.WRITE | Pte.DIRTY;
            ledger.touch(Primitive.SP_ATOM, PhysMem.vmemmap(folio));
        }
        installPtes(mm, addr, ptep, Pte.make(folio, flags), 1);
        ledger.exit(frame);
    }

    /**
     * A new page-cache folio for a file fault (mm/shmem.c {@code shmem_alloc_and_add_folio} and
     * {@code shmem_get_folio_gfp}; mm/filemap.c {@code __filemap_add_folio} for other files): the
     * memcg charge, NR_FILE_PAGES (and NR_SHMEM for shmem) in the node and memcg statistics, and
     * {@code folio_add_lru}; a shmem folio is then zeroed ({@code clear_highpage}, through the
     * cache model like an anonymous page's), where another file's page would be read, which the
     * model does not time. The xarray store of the page cache is not modelled.
     */
    private void addToPageCache(Vma vma, long folio, long addr) {
        ledger.charge(Primitive.MEMCG);
        ledger.charge(Primitive.LRUVEC_STAT, vma.isShmem() ? 2 : 1);
        Swap.folioAddLru(cell, folio);
        if (vma.isShmem()) {
            FolioZeroUser.folioZeroUser(cell, folio, 1, addr);
        }
    }

    /** do_cow_fault: a private write to a file page gets an anonymous copy. */
    private void doCowFault(Mm mm, Vma vma, long addr, long ptep) {
        ledger.enter(DO_COW_FAULT);
        AnonVmas.prepare(cell, mm, vma);
        long src = cell.pageCache.lookupOrCreate(vma.file(), vma.pgoffOf(addr, pageShift), created);
        if (created[0]) {
            ledger.charge(Primitive.PAGE_ALLOC);
            addToPageCache(vma, src, addr);
        }
        long folio = FolioAlloc.alloc(cell, 0, PhysMem.KIND_ANON);
        ledger.charge(Primitive.MEMCG);
        cell.ledger.stream(phys.pa(src), cell.pageSize(), false);
        cell.ledger.stream(phys.pa(folio), cell.pageSize(), true);
        ledger.charge(Primitive.PTL);
        arch.ptepGet(ptep);
        ledger.charge(Primitive.MM_COUNTER);
        addNewAnonRmap(folio, 1);
        Swap.folioAddLru(cell, folio);
        installPtes(mm, addr, ptep, anonEntry(folio, vma), 1);
        ledger.exit(DO_COW_FAULT);
    }
}
