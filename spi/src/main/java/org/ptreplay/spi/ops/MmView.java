package org.ptreplay.spi.ops;

/**
 * What an architecture may know about an mm when it flushes TLBs: which CPUs can hold its
 * entries ({@code mm_cpumask}, docs/kernel-model.md §1.4 and §6).
 */
public interface MmView {

    /** CPUs other than the current one that run this mm now (the targets of an x86 shootdown). */
    int otherCpus();

    /**
     * CPUs that ran this mm and are in lazy-TLB mode: x86 skips them unless page tables are freed.
     */
    int lazyCpus();

    /** More than one thread shares the mm (x86 INVLPGB global ASID since 6.15, 4afeb0ed1753). */
    boolean multiThreaded();
}
