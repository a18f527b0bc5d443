package org.ptreplay.core.state;

import java.util.HashMap;
import java.util.Map;
import org.ptreplay.spi.ops.MmView;

/**
 * One {@code mm_struct}: the VMAs, the page-table root, the layout (mmap_base, brk) and who uses
 * it. {@code mm_cpumask} is modelled as the number of CPUs its live threads run on:
 * min(live threads, cpus). The model has no scheduler: the CPUs in lazy-TLB mode for it (which
 * ran it and now run a kernel thread or idle) are a replay parameter, at most the other CPUs.
 */
public final class Mm implements MmView {
    private final long id;
    private final VmaTree vmas;
    /** Where the nodes of the VMA tree are (docs/kernel-model.md §2.8). */
    private final MapleNodes mapleNodes = new MapleNodes();
    final long pgd;
    /** Top of the top-down mmap area; learned from the trace once (ASLR randomises it). */
    public long mmapBase;
    /** Whether {@link #mmapBase} was taken from the trace. */
    public boolean mmapBaseLearned;
    public long startBrk;
    public long brk;
    public boolean brkSet;
    public int users;
    public int liveThreads;
    private final int cpus;
    private final int lazyTlbCpus;
    /** Pre-allocated PTE tables deposited under PMD-mapped THPs ({@code pgtable_trans_huge_deposit}), by PMD entry address. */
    final Map<Long, Long> deposited = new HashMap<>();
    /** Simulated kernel address of this {@code mm_struct} (docs/kernel-model.md §2.10); 0 until first used. */
    long slab;

    Mm(long id, int pageShift, long pgd, long mmapBase, long startBrk, int cpus, int lazyTlbCpus) {
        this.id = id;
        this.vmas = new VmaTree(pageShift);
        this.pgd = pgd;
        this.mmapBase = mmapBase;
        this.startBrk = startBrk;
        this.brk = startBrk;
        this.cpus = cpus;
        this.lazyTlbCpus = lazyTlbCpus;
    }

    /** PTE tables deposited under PMD leaves, by the leaf's entry address. */
    public Map<Long, Long> deposited() {
        return deposited;
    }

    public long id() {
        return id;
    }

    public VmaTree vmas() {
        return vmas;
    }

    public MapleNodes mapleNodes() {
        return mapleNodes;
    }

    public long pgd() {
        return pgd;
    }

    public long mmapBase() {
        return mmapBase;
    }

    public long brk() {
        return brk;
    }

    public int liveThreads() {
        return liveThreads;
    }

    public int users() {
        return users;
    }

    /** CPUs the mm is live on. */
    public int liveCpus() {
        return Math.max(1, Math.min(liveThreads, cpus));
    }

    @Override
    public int otherCpus() {
        return liveCpus() - 1;
    }

    @Override
    public int lazyCpus() {
        return (int) Math.min(lazyTlbCpus, (long) cpus - liveCpus());
    }

    @Override
    public boolean multiThreaded() {
        return liveThreads > 1;
    }
}
