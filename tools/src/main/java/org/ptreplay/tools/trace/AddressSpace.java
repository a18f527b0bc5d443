package org.ptreplay.tools.trace;

import org.ptreplay.trace.Flags;
import org.ptreplay.trace.TraceEvent;

/**
 * One mm as the trace shows it: the ranges its successful calls mapped and its heap. The mappings
 * that exec creates inside the kernel (program image, interpreter, stack, vdso) are not in any
 * trace, so they are not here either.
 */
final class AddressSpace {
    private final long page;
    private RangeSet mapped;
    /** The first break seen (the heap's start), or -1 before the first brk. */
    private long brkStart = -1;
    private long brk = -1;
    int users;

    AddressSpace(long pageSize) {
        this.page = pageSize;
        this.mapped = new RangeSet();
    }

    /** fork without CLONE_VM: dup_mmap copies every mapping and the heap bounds. */
    AddressSpace copy() {
        AddressSpace c = new AddressSpace(page);
        c.mapped = mapped.copy();
        c.brkStart = brkStart;
        c.brk = brk;
        return c;
    }

    long mappedBytes() {
        return mapped.bytes();
    }

    /** Whether the trace's own mappings cover every page of [addr, addr + length). */
    boolean covers(long addr, long length) {
        return mapped.covers(addr & -page, pageUp(addr + length));
    }

    /** The pages of [addr, addr + length) that no mapping of the trace covers. */
    long uncoveredPages(long addr, long length) {
        long start = addr & -page;
        long end = pageUp(addr + length);
        return (end - start - mapped.coveredBytes(start, end)) / page;
    }

    /** Applies a successful call's effect, given its result (recorded, or the model's where the trace has none). */
    void apply(TraceEvent e, long result) {
        if (!Results.succeeded(result)) {
            return;
        }
        if (e instanceof TraceEvent.Mmap m) {
            mapped.add(result, result + pageUp(m.length()));
        } else if (e instanceof TraceEvent.Munmap m) {
            mapped.remove(m.addr(), m.addr() + pageUp(m.length()));
        } else if (e instanceof TraceEvent.Mremap m) {
            if ((m.flags() & Flags.MREMAP_DONTUNMAP) == 0) {
                mapped.remove(m.oldAddr(), m.oldAddr() + pageUp(m.oldLength()));
            }
            mapped.add(result, result + pageUp(m.newLength()));
        } else if (e instanceof TraceEvent.Brk) {
            moveBreak(result);
        }
    }

    /**
     * brk returns the break in force: the first one seen is the heap's start (glibc's first call is
     * brk(0)); later ones grow or shrink [start, break) in whole pages.
     */
    private void moveBreak(long newBrk) {
        if (newBrk <= 0) {
            return;
        }
        if (brkStart < 0) {
            brkStart = newBrk;
            brk = newBrk;
            return;
        }
        long floor = pageUp(brkStart);
        long oldTop = Math.max(floor, pageUp(brk));
        long newTop = Math.max(floor, pageUp(newBrk));
        if (newTop > oldTop) {
            mapped.add(oldTop, newTop);
        } else {
            mapped.remove(newTop, oldTop);
        }
        brk = newBrk;
    }

    private long pageUp(long v) {
        return (v + page - 1) & -page;
    }
}
