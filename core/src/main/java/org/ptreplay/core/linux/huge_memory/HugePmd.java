package org.ptreplay.core.linux.huge_memory;

import org.ptreplay.spi.ops.Frame;
import org.ptreplay.spi.ops.Ledger;
import org.ptreplay.spi.ops.Primitive;
import org.ptreplay.spi.ops.Pte;
import org.ptreplay.core.mem.PhysMem;
import org.ptreplay.core.state.KernelState;
import org.ptreplay.core.state.Mm;
import org.ptreplay.core.linux.mmu_gather.MmuGather;

/**
 * PMD-mapped THPs (mm/huge_memory.c): the huge fault, split, zap, move, fork copy and mprotect of a PMD
 * leaf. Every PMD THP has a PTE table deposited under it at fault time
 * ({@code pgtable_trans_huge_deposit}), which a split withdraws and a zap frees.
 */
public final class HugePmd {
    private static final Frame SPLIT = Frame.of("__split_huge_pmd");
    private static final Frame ZAP = Frame.of("zap_huge_pmd");
    private static final Frame MOVE = Frame.of("move_huge_pmd");
    private static final Frame COPY = Frame.of("copy_huge_pmd");
    private static final Frame CHANGE = Frame.of("change_huge_pmd");

    private final KernelState cell;
    private final Ledger ledger;
    private final PhysMem phys;

    public HugePmd(KernelState cell) {
        this.cell = cell;
        this.ledger = cell.ledger;
        this.phys = cell.phys;
    }

    public static boolean isLeaf(long pmd) {
        return (pmd & Pte.LEAF) != 0;
    }

    /** Whether the leaf maps the huge zero folio. */
    public boolean isHugeZero(long pmd) {
        return Pte.pfn(pmd) == cell.hugeZeroPfn;
    }

    /** Pre-allocates the PTE table a PMD leaf keeps deposited ({@code pte_alloc_one}). */
    public void deposit(Mm mm, long pmdp) {
        long pfn = cell.mem.allocTable();
        ledger.charge(Primitive.PAGE_ALLOC);
        ledger.charge(Primitive.PT_ALLOC);
        mm.deposited().put(pmdp, pfn);
    }

    private long withdraw(Mm mm, long pmdp) {
        Long pfn = mm.deposited().remove(pmdp);
        if (pfn == null) {
            throw new IllegalStateException("no PTE table deposited under PMD leaf at " + Long.toHexString(pmdp));
        }
        return pfn;
    }

    /**
     * {@code __split_huge_pmd}: the leaf becomes a PTE table of 512 entries mapping the same folio
     * (written with {@code set_ptes}); an anon folio's AnonExclusive moves to every subpage.
     */
    public void split(Mm mm, long haddr, long pmdp) {
        ledger.enter(SPLIT);
        ledger.charge(Primitive.PTL);
        int nr = cell.geo.ptrsPerTable();
        long old = cell.mem.xchgPte(pmdp, Pte.NONE);
        // pmdp_invalidate: the PMD entry must leave the TLB before PTEs replace it.
        cell.arch.flushTlbRange(mm, haddr, haddr + cell.geo.pmdSize(), cell.geo.pmdShift(), true, false);
        long table = withdraw(mm, pmdp);
        long flags = Pte.flags(old) & ~(Pte.LEAF | Pte.TABLE);
        long head = Pte.pfn(old);
        long firstPtep = cell.mem.ptep(table, 0);
        if (isHugeZero(old)) {
            long zero = Pte.make(cell.zeroPfn, Pte.PRESENT | Pte.SPECIAL | Pte.YOUNG);
            for (int i = 0; i < nr; i++) {
                cell.arch.setPtes(mm, haddr + ((long) i << cell.pageShift()), firstPtep + 8L * i, zero, 1);
            }
        } else {
            boolean exclusive = phys.anonExclusive(head);
            ledger.touch(Primitive.REF, PhysMem.vmemmap(head));
            phys.addRef(head, nr - 1);
            for (int i = 0; i < nr; i++) {
                if (cell.config.pageMapcount()) {
                    ledger.touch(Primitive.MAP, PhysMem.vmemmap(head + i));
                }
                phys.addMapcount(head + i, 1);
                if (exclusive) {
                    ledger.touch(Primitive.AE, PhysMem.vmemmap(head + i));
                    phys.setAnonExclusive(head + i, true);
                }
            }
            // _nr_pages_mapped as the PTE mappings replace the PMD one; since 6.10 (05c5323b2a34)
            // also _large_mapcount (+nr - 1).
            ledger.touch(Primitive.MAP, PhysMem.vmemmap(head + 1));
            if (cell.config.largeMapcount()) {
                ledger.touch(Primitive.MAP, PhysMem.vmemmap(head + 1));
            }
            phys.addLargeMapcount(head, nr - 1);
            phys.addEntireMapcount(head, -1);
            // folio_remove_rmap_pmd after the PTE mappings were added: NR_ANON_THPS less the
            // folio's pages; NR_ANON_MAPPED is unchanged (every page stays mapped) (§4.6).
            ledger.charge(Primitive.LRUVEC_STAT);
            cell.arch.setPtes(mm, haddr, firstPtep, Pte.make(head, flags), nr);
        }
        cell.mem.writePte(pmdp, Pte.make(table, Pte.PRESENT | Pte.TABLE));
        ledger.exit(SPLIT);
    }

    /** {@code zap_huge_pmd}: clears the leaf and queues the folio (one gather slot). */
    public void zap(MmuGather tlb, long haddr, long pmdp) {
        ledger.enter(ZAP);
        ledger.charge(Primitive.PTL);
        long old = cell.mem.xchgPte(pmdp, Pte.NONE);
        tlb.removePmdEntry(haddr);
        long table = withdraw(tlb.mm(), pmdp);
        cell.mem.freeTable(table);
        ledger.charge(Primitive.PT_FREE);
        if (!isHugeZero(old)) {
            long head = Pte.pfn(old);
            // folio_remove_rmap_pmd: _entire_mapcount, _large_mapcount (6.10+, 05c5323b2a34),
            // _nr_pages_mapped (CONFIG_PAGE_MAPCOUNT).
            ledger.touch(Primitive.MAP, PhysMem.vmemmap(head + 1));
            if (cell.config.largeMapcount()) {
                ledger.touch(Primitive.MAP, PhysMem.vmemmap(head + 1));
            }
            if (cell.config.pageMapcount()) {
                ledger.touch(Primitive.MAP, PhysMem.vmemmap(head + 1));
            }
            phys.addEntireMapcount(head, -1);
            phys.addLargeMapcount(head, -1);
            if (phys.entireMapcount(head) == 0) {
                // The last PMD mapping went: NR_ANON_THPS less nr_pmdmapped and NR_ANON_MAPPED less
                // the pages no PTE maps (all of them here), each a __lruvec_stat_mod_folio (§4.6).
                ledger.charge(Primitive.LRUVEC_STAT, phys.folioMapcount(head) == 0 ? 2 : 1);
            }
            if (tlb.removeFolioPages(head, 1)) {
                tlb.flush();
            }
        }
        ledger.exit(ZAP);
    }

    /**
     * {@code change_huge_pmd} of mprotect (mm/huge_memory.c, 6.16/6.17) for a PMD leaf that the
     * range covers whole (docs/kernel-model.md §4.5): under the PMD lock
     * ({@code __pmd_trans_huge_lock}), {@code pmdp_invalidate_ad} exchanges the entry for an invalid
     * one (the generic version also flushes the PMD range at once; x86's does not),
     * {@code pmd_modify}, the write upgrade of {@code can_change_pmd_writable} (private: the head
     * page of an anon folio is AnonExclusive; shared: the entry is dirty; the huge zero folio has
     * no normal page), {@code set_pmd_at}, and the gather records the PMD range when
     * {@code huge_pmd_needs_flush}. The NUMA-hinting, uffd-wp, soft-dirty and migration-entry
     * paths are not modelled.
     *
     * @param write            the VMA becomes writable: {@code pmd_modify} keeps the write bit and
     *                         mprotect passes MM_CP_TRY_CHANGE_WRITABLE
     * @param hiddenBitsChange a read or exec change flips PROTNONE/NX bits the simulated entry does
     *                         not carry, which x86 flushes for
     */
    public void changeHugePmd(MmuGather tlb, long haddr, long pmdp, boolean write, boolean shared,
                              boolean hiddenBitsChange) {
        ledger.enter(CHANGE);
        ledger.charge(Primitive.PTL);
        Mm mm = tlb.mm();
        long old = cell.mem.xchgPte(pmdp, Pte.NONE);
        if (cell.arch.pmdpInvalidateAdFlushes()) {
            // flush_pmd_tlb_range: arm64's __flush_tlb_range at PMD stride, not last-level only.
            cell.arch.flushTlbRange(mm, haddr, haddr + cell.geo.pmdSize(), cell.geo.pmdShift(), false, false);
        }
        long entry = write ? old : Pte.wrprotect(old);
        if (write && !Pte.write(entry) && canChangePmdWritable(entry, shared)) {
            entry = Pte.mkwrite(entry);
        }
        cell.mem.writePte(pmdp, entry);
        // The leaf was present and is again: changed in place, as change_pte_range's commit.
        ledger.charge(Primitive.SHADOW_SYNC);
        // huge_pmd_needs_flush: on x86 the same rule as pte_needs_flush on the PMD's flags
        // (arch/x86/include/asm/tlbflush.h), generically always; the arch's pteNeedsFlush is both.
        if (hiddenBitsChange || cell.arch.pteNeedsFlush(old, entry)) {
            tlb.flushPmdRange(haddr);
        }
        ledger.exit(CHANGE);
    }

    /** {@code can_change_pmd_writable}: shared by the dirty bit; private only for an AnonExclusive anon head page. */
    private boolean canChangePmdWritable(long pmd, boolean shared) {
        if (shared) {
            return Pte.dirty(pmd);
        }
        if (isHugeZero(pmd)) {
            return false; // vm_normal_page_pmd: the huge zero folio is no normal page
        }
        long head = Pte.pfn(pmd);
        // vm_normal_page_pmd is pfn_to_page; PageAnon reads the page's compound_head (page_folio),
        // as vm_normal_folio does for a PTE (SP_R), then PageAnonExclusive its flags.
        ledger.touch(Primitive.SP_R, PhysMem.vmemmap(head));
        if (!phys.isFolio(head) || phys.kind(phys.head(head)) != PhysMem.KIND_ANON) {
            return false;
        }
        ledger.touch(Primitive.AE, PhysMem.vmemmap(head));
        return phys.anonExclusive(head);
    }

    /** {@code move_huge_pmd}: relinks the leaf and its deposited table; flushes one PMD entry. */
    public void move(Mm mm, long oldAddr, long oldPmdp, long newAddr, long newPmdp, boolean needRmapLocks) {
        ledger.enter(MOVE);
        if (needRmapLocks) {
            ledger.charge(Primitive.RMAPLOCK);
        }
        ledger.charge(Primitive.PTL);
        if (cell.mem.tablePfnOf(oldPmdp) != cell.mem.tablePfnOf(newPmdp)) {
            ledger.charge(Primitive.PTL);
        }
        long pmd = cell.mem.xchgPte(oldPmdp, Pte.NONE);
        mm.deposited().put(newPmdp, withdraw(mm, oldPmdp));
        cell.mem.writePte(newPmdp, pmd);
        cell.arch.flushTlbRange(mm, oldAddr, oldAddr + cell.geo.pmdSize(), cell.geo.pmdShift(), true, false);
        ledger.exit(MOVE);
    }

    /** {@code copy_huge_pmd}: shares the folio with the child, both write-protected. */
    public void copy(Mm parent, Mm child, long srcPmdp, long dstPmdp) {
        ledger.enter(COPY);
        deposit(child, dstPmdp);
        ledger.charge(Primitive.PTL);
        ledger.charge(Primitive.PTL);
        long pmd = cell.mem.readPte(srcPmdp);
        if (!isHugeZero(pmd)) {
            long head = Pte.pfn(pmd);
            // folio_get, ClearPageAnonExclusive and the mapcount increments of
            // __folio_try_dup_anon_rmap at PMD level: atomics without a return, the posted kind
            // (arm64 STADD, STCLR; docs/kernel-model.md §4.6).
            ledger.touch(Primitive.REF_POSTED, PhysMem.vmemmap(head));
            phys.addRef(head, 1);
            ledger.touch(Primitive.AE_POSTED, PhysMem.vmemmap(head));
            phys.setAnonExclusive(head, false);
            // _entire_mapcount; since 6.10 (05c5323b2a34) also _large_mapcount.
            ledger.touch(Primitive.MAP_POSTED, PhysMem.vmemmap(head + 1));
            if (cell.config.largeMapcount()) {
                ledger.touch(Primitive.MAP_POSTED, PhysMem.vmemmap(head + 1));
            }
            phys.addEntireMapcount(head, 1);
            phys.addLargeMapcount(head, 1);
            // pmdp_set_wrprotect: one locked update of the parent's leaf (SHADOW_SYNC_RMW in
            // rmwPte). When it takes the write bit away, under shadow paging the hypervisor also
            // revisits the shadow entries behind the 2 MiB guest leaf, beyond that one entry's
            // resync (§5.0a; the probe's leaf_refs samples, docs/validation.md run N). A leaf
            // already read-only (an earlier fork's, mprotect's) keeps its value: clear_bit of a
            // clear bit changes nothing the hypervisor shadows, and the probe prices changed leaves.
            if (Pte.write(pmd)) {
                ledger.charge(Primitive.SHADOW_LEAF_RMW);
            }
            cell.mem.rmwPte(srcPmdp, Pte.WRITE, 0);
            pmd = Pte.mkold(Pte.wrprotect(pmd));
        }
        cell.mem.writePte(dstPmdp, pmd);
        ledger.exit(COPY);
    }
}
