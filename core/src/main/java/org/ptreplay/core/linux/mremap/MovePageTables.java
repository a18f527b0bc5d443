package org.ptreplay.core.linux.mremap;

import org.ptreplay.core.linux.vma.VmaFile;
import org.ptreplay.spi.PgtableMoveStrategy;
import org.ptreplay.spi.MovePtesStrategy;
import org.ptreplay.spi.KernelPath;
import org.ptreplay.spi.ops.Frame;
import org.ptreplay.spi.ops.Ledger;
import org.ptreplay.spi.ops.Primitive;
import org.ptreplay.spi.ops.Pte;
import org.ptreplay.core.state.KernelState;
import org.ptreplay.core.state.Mm;
import org.ptreplay.core.state.Vma;
import org.ptreplay.core.pgtable.PageWalk;
import org.ptreplay.core.pgtable.TableMemory;
import org.ptreplay.core.linux.huge_memory.HugePmd;

/**
 * {@code move_page_tables} (docs/kernel-model.md §2.2–§2.4): the extent loop with
 * {@code get_extent}, PUD and PMD relinks ({@code move_normal_pud}, {@code move_normal_pmd}) when
 * the page-table-move strategy allows them, THP leaves ({@code move_huge_pmd}, or a split when the
 * extent is partial), and the {@code move_ptes} frame around the strategy's PTE loop.
 */
public final class MovePageTables {
    private static final Frame MOVE_PAGE_TABLES = Frame.of("move_page_tables");
    private static final Frame MOVE_PTES = Frame.of("move_ptes");
    private static final Frame MOVE_NORMAL_PMD = Frame.of("move_normal_pmd");
    private static final Frame MOVE_NORMAL_PUD = Frame.of("move_normal_pud");

    private final KernelState cell;
    private final Ledger ledger;
    private final TableMemory mem;
    private final PageWalk walk;
    private final HugePmd huge;
    private final MovePtesCtx ctx;
    private final MovePtesStrategy movePtes;
    private final PgtableMoveStrategy pgtableMove;
    /** The PTE tables whose locks a {@code ptl-hold} strategy holds across extents (-1: none). */
    private long heldOld = -1;
    private long heldNew = -1;
    private long flushStart = Long.MAX_VALUE;
    private long flushEnd;

    public MovePageTables(KernelState cell, HugePmd huge) {
        this.cell = cell;
        this.ledger = cell.ledger;
        this.mem = cell.mem;
        this.walk = cell.walk;
        this.huge = huge;
        this.ctx = new MovePtesCtx(cell);
        this.movePtes = cell.strategy(KernelPath.MOVE_PTES, MovePtesStrategy.class);
        this.pgtableMove = cell.strategy(KernelPath.PGTABLE_MOVE, PgtableMoveStrategy.class);
    }

    /**
     * Moves the page tables of [pmc.oldAddr, pmc.oldEnd) to pmc.newAddr within one mm.
     *
     * @return the number of bytes moved (always pmc.lenIn: the model cannot run out of memory)
     */
    public long movePageTables(Mm mm, PagetableMoveControl pmc) {
        long len = pmc.lenIn();
        if (len == 0) {
            return 0;
        }
        ledger.enter(MOVE_PAGE_TABLES);
        long oldAddr = pmc.oldAddr();
        long newAddr = pmc.newAddr();
        long oldEnd = pmc.oldEnd();
        boolean needRmapLocks = pmc.needRmapLocks();
        long pmdSize = cell.geo.pmdSize();
        if (cell.config.mremapRealign() && canRealign(mm, pmc, pmdSize)) {
            // try_realign_addr (af8ca1c14906, v6.7; docs/kernel-model.md §2.2): only the start moves.
            oldAddr &= -pmdSize;
            newAddr &= -pmdSize;
        }
        ledger.charge(Primitive.NOTIFIER);
        long pudSize = cell.geo.pudSize();
        long extent;
        for (; oldAddr < oldEnd; oldAddr += extent, newAddr += extent) {
            if (cell.geo.hasPud()) {
                extent = getExtent(oldAddr, oldEnd, newAddr, pudSize);
                long oldPud = walk.entry(mm.pgd(), oldAddr, 3);
                if (oldPud < 0 || mem.peek(oldPud) == Pte.NONE) {
                    continue;
                }
                if (pgtableMove.movePud() && extent == pudSize) {
                    long newPud = walk.entryAlloc(mm.pgd(), newAddr, 3);
                    releaseHeldPtl(mm);
                    if (moveNormal(mm, pmc.oldVma(), MOVE_NORMAL_PUD, oldAddr, oldPud, newPud, pudSize)) {
                        continue;
                    }
                }
            }
            extent = getExtent(oldAddr, oldEnd, newAddr, pmdSize);
            long oldPmd = walk.entry(mm.pgd(), oldAddr, 2);
            if (oldPmd < 0 || mem.peek(oldPmd) == Pte.NONE) {
                continue;
            }
            long newPmd = walk.entryAlloc(mm.pgd(), newAddr, 2);
            long pmd = mem.peek(oldPmd);
            if (HugePmd.isLeaf(pmd)) {
                releaseHeldPtl(mm);
                if (extent == pmdSize && mem.peek(newPmd) == Pte.NONE) {
                    huge.move(mm, oldAddr, oldPmd, newAddr, newPmd, needRmapLocks);
                    continue;
                }
                huge.split(mm, oldAddr & -pmdSize, oldPmd);
            } else if (pgtableMove.movePmd() && extent == pmdSize) {
                releaseHeldPtl(mm);
                if (moveNormal(mm, pmc.oldVma(), MOVE_NORMAL_PMD, oldAddr, oldPmd, newPmd, pmdSize)) {
                    continue;
                }
            }
            if (mem.peek(newPmd) == Pte.NONE) {
                walk.allocInto(newPmd, 1);
            }
            movePtes(mm, pmc.oldVma(), oldPmd, oldAddr, extent, newPmd, newAddr, needRmapLocks);
        }
        releaseHeldPtl(mm);
        ledger.exit(MOVE_PAGE_TABLES);
        return len;
    }

    /**
     * {@code can_realign_addr} with PMD_MASK (af8ca1c14906; the VMA-start condition of
     * {@code can_align_down}): the moved range reaches the old address's next PMD boundary, the old
     * address is not PMD aligned, both addresses have the same offset in their PMD, and each is the
     * start of its VMA with no other VMA between its aligned-down address and that start. The
     * exec-time stack move that relaxes the VMA-start rule is not modelled (no exec stack in traces).
     */
    private static boolean canRealign(Mm mm, PagetableMoveControl pmc, long pmdSize) {
        long offset = pmc.oldAddr() & (pmdSize - 1);
        if (pmc.lenIn() < pmdSize - offset || offset == 0 || offset != (pmc.newAddr() & (pmdSize - 1))) {
            return false;
        }
        return canAlignDown(mm, pmc.oldVma(), pmc.oldAddr(), pmdSize)
                && canAlignDown(mm, pmc.newVma(), pmc.newAddr(), pmdSize);
    }

    private static boolean canAlignDown(Mm mm, Vma vma, long addr, long pmdSize) {
        return vma.start() == addr && !mm.vmas().anyIn(addr & -pmdSize, vma.start());
    }

    /** {@code get_extent}: up to the next boundary of the old and of the new address, and no further than the end. */
    static long getExtent(long oldAddr, long oldEnd, long newAddr, long size) {
        long mask = -size;
        long extent = ((oldAddr + size) & mask) - oldAddr;
        extent = Math.min(extent, oldEnd - oldAddr);
        return Math.min(extent, ((newAddr + size) & mask) - newAddr);
    }

    /**
     * {@code move_normal_pmd} / {@code move_normal_pud}: relink the lower table under the new entry
     * (PTEs untouched), with the rmap locks taken unconditionally (5.13+) and the old range
     * flushed inside the locks (eb66ae030829, 2c91bd4a4e2e).
     */
    private boolean moveNormal(Mm mm, Vma vma, Frame frame, long oldAddr, long oldEntry, long newEntry, long size) {
        if (mem.peek(newEntry) != Pte.NONE) {
            // The kernel WARNs and falls back to the lower level.
            return false;
        }
        ledger.enter(frame);
        // take_rmap_locks: a file VMA's i_mmap_rwsem (docs/kernel-model.md §2.10).
        ledger.charge(Primitive.RMAPLOCK);
        VmaFile.rmapLockLine(cell, vma);
        ledger.charge(Primitive.PTL);
        if (mem.tablePfnOf(oldEntry) != mem.tablePfnOf(newEntry)) {
            ledger.charge(Primitive.PTL);
        }
        long e = mem.readPte(oldEntry);
        boolean moved = PageWalk.tableOf(e) >= 0;
        if (moved) {
            mem.writePte(oldEntry, Pte.NONE);
            mem.writePte(newEntry, e);
            cell.arch.flushTlbRange(mm, oldAddr, oldAddr + size, cell.pageShift(), false, false);
        }
        ledger.exit(frame);
        return moved;
    }

    /**
     * The {@code move_ptes} frame: locks, the strategy's loop, and the extent flush before unlocking
     * (eb66ae030829). A strategy that holds the PTL across extents ({@code move-ptes/ptl-hold}, no
     * kernel) keeps the source table's lock while the next extent uses the same source table, takes
     * a destination lock only when the destination table changes, and flushes the union of the
     * extents it moved once, when it finally drops the lock.
     */
    private void movePtes(Mm mm, Vma vma, long oldPmd, long oldAddr, long extent, long newPmd, long newAddr, boolean needRmapLocks) {
        ledger.enter(MOVE_PTES);
        long oldTable = PageWalk.tableOf(mem.peek(oldPmd));
        long newTable = PageWalk.tableOf(mem.peek(newPmd));
        boolean hold = movePtes.holdPtlAcrossExtents();
        if (hold && oldTable != heldOld) {
            flushHeld(mm);
        }
        if (!hold || heldOld < 0) {
            if (needRmapLocks) {
                ledger.charge(Primitive.RMAPLOCK);
                VmaFile.rmapLockLine(cell, vma);
            }
            ledger.charge(Primitive.PTL);
            if (oldTable != newTable) {
                ledger.charge(Primitive.PTL);
            }
        } else if (newTable != heldNew && newTable != oldTable) {
            ledger.charge(Primitive.PTL);
        }
        long oldEnd = oldAddr + extent;
        ctx.reset(mm, oldAddr, oldEnd, newAddr, mem.ptep(oldTable, walk.index(1, oldAddr)),
                mem.ptep(newTable, walk.index(1, newAddr)));
        cell.entries.moved += mem.countPresent(ctx.oldPtep(), (int) (extent >>> cell.pageShift()));
        boolean moved = ctx.movePtes(movePtes);
        if (hold) {
            heldOld = oldTable;
            heldNew = newTable;
            if (moved) {
                flushStart = Math.min(flushStart, oldAddr);
                flushEnd = Math.max(flushEnd, oldEnd);
            }
        } else if (moved) {
            // eb66ae030829: flush before either PTL is dropped when a present entry moved.
            cell.arch.flushTlbRange(mm, oldEnd - extent, oldEnd, cell.pageShift(), false, false);
        }
        ledger.exit(MOVE_PTES);
    }

    /** Ends a PTL hold of {@code move-ptes/ptl-hold} before any other kind of move or at the end. */
    private void releaseHeldPtl(Mm mm) {
        if (heldOld < 0) {
            return;
        }
        ledger.enter(MOVE_PTES);
        flushHeld(mm);
        ledger.exit(MOVE_PTES);
    }

    /** The deferred flush of a PTL hold, issued before the lock is dropped. */
    private void flushHeld(Mm mm) {
        if (flushEnd > 0) {
            cell.arch.flushTlbRange(mm, flushStart, flushEnd, cell.pageShift(), false, false);
        }
        heldOld = -1;
        heldNew = -1;
        flushStart = Long.MAX_VALUE;
        flushEnd = 0;
    }
}
