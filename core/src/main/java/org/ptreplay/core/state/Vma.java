package org.ptreplay.core.state;

import java.util.ArrayList;
import java.util.List;

/**
 * One {@code vm_area_struct}: [start, end), flags, backing (anonymous, or a file id with a page
 * offset) and the anon_vma once the VMA has faulted anonymous pages. Mutable like the kernel's,
 * and owned by one {@link VmaTree}.
 */
public final class Vma {
    public long start;
    public long end;
    public int flags;
    /** In pages; for anonymous VMAs the start page at creation, kept across mremap (merge rules). */
    long pgoff;
    /** Shared anonymous memory is shmem: a file of its own, with an id above every fd number. */
    public static final long SHMEM_FILE_BASE = 1L << 32;
    /** -1 for anonymous memory. */
    final long file;
    AnonVma anonVma;
    /**
     * Simulated kernel address of this {@code vm_area_struct} (docs/kernel-model.md §2.8); 0 until
     * the VMA layer gives it one.
     */
    long slab;
    /** Its {@code anon_vma_chain} list, newest first as {@code list_add} links them (§2.9). */
    private final List<AnonVmaChain> chain = new ArrayList<>(1);

    public Vma(long start, long end, int flags, long pgoff, long file, AnonVma anonVma) {
        this.start = start;
        this.end = end;
        this.flags = flags;
        this.pgoff = pgoff;
        this.file = file;
        this.anonVma = anonVma;
    }

    public long start() {
        return start;
    }

    public long end() {
        return end;
    }

    public int flags() {
        return flags;
    }

    public long pgoff() {
        return pgoff;
    }

    public long file() {
        return file;
    }

    /** Whether the file is shmem ({@code MAP_SHARED | MAP_ANONYMOUS}): its new pages are zeroed, not read. */
    public boolean isShmem() {
        return file >= SHMEM_FILE_BASE;
    }

    public AnonVma anonVma() {
        return anonVma;
    }

    public long slab() {
        return slab;
    }

    public void setSlab(long address) {
        this.slab = address;
    }

    /** The chain entries, newest first; empty until the VMA layer links one. */
    public List<AnonVmaChain> chain() {
        return chain;
    }

    public void setAnonVma(AnonVma a) {
        this.anonVma = a;
    }

    public boolean isAnonymous() {
        return file < 0;
    }

    public boolean has(int flag) {
        return (flags & flag) != 0;
    }

    public long length() {
        return end - start;
    }

    /** The page offset of {@code addr} ({@code linear_page_index}). */
    public long pgoffOf(long addr, int pageShift) {
        return pgoff + ((addr - start) >>> pageShift);
    }

    /** A copy covering [s, e) of this VMA, with the page offset adjusted. */
    Vma slice(long s, long e, int pageShift) {
        return new Vma(s, e, flags, pgoffOf(s, pageShift), file, anonVma);
    }

    @Override
    public String toString() {
        return String.format("[%#x-%#x flags=%#x pgoff=%#x %s]", start, end, flags, pgoff,
                file < 0 ? "anon" : "file " + file);
    }
}
