package org.ptreplay.core.mem;

import java.util.Arrays;

/**
 * One {@code kmem_cache} of SLUB (mm/slub.c) as far as addresses go: objects of one size carved
 * from slab pages in order, a freed object reused first (LIFO), as the per-CPU freelist of
 * {@code slab_alloc_node} / {@code do_slab_free} hands it out (docs/kernel-model.md §2.8). Object
 * sizes are whole 64-byte lines; a slab never goes back to the page allocator. Nothing here
 * charges primitives: the kernel paths touch the lines they use.
 */
public final class SlabCache {
    private final String name;
    private final int objectBytes;
    private final KernelSlabs pages;
    /** Whether its slab pages come from the range of the mm_struct, file and inode objects. */
    private final boolean objectRange;
    private long[] free = new long[16];
    private int freeCount;
    /** The next unused object of the current slab, and the slab's end; 0 before the first slab. */
    private long next;
    private long slabEnd;

    SlabCache(String name, int objectBytes, KernelSlabs pages) {
        this(name, objectBytes, pages, false);
    }

    SlabCache(String name, int objectBytes, KernelSlabs pages, boolean objectRange) {
        if (objectBytes <= 0 || objectBytes % KernelSlabs.LINE != 0 || objectBytes > pages.slabBytes()) {
            throw new IllegalArgumentException(name + ": object size " + objectBytes);
        }
        this.name = name;
        this.objectBytes = objectBytes;
        this.pages = pages;
        this.objectRange = objectRange;
    }

    public String name() {
        return name;
    }

    public int objectBytes() {
        return objectBytes;
    }

    /** 64-byte lines per object. */
    public int lines() {
        return objectBytes / KernelSlabs.LINE;
    }

    /**
     * Where SLUB keeps the free pointer of a free object: the middle of the object, rounded down
     * to a pointer (3202fa62fb43 "slub: relocate freelist pointer to middle of object", 5.7).
     * The allocation reads it, the free writes it.
     */
    public long freePointer(long object) {
        return object + (objectBytes / 2 & -8);
    }

    /** {@code kmem_cache_alloc}: the last freed object, else the next one of the current slab. */
    public long alloc() {
        if (freeCount > 0) {
            return free[--freeCount];
        }
        if (next == slabEnd) {
            next = objectRange ? pages.newObjectSlab() : pages.newSlab();
            slabEnd = next + (pages.slabBytes() / objectBytes) * (long) objectBytes;
        }
        long object = next;
        next += objectBytes;
        return object;
    }

    /** {@code kmem_cache_free}: the object goes to the head of the freelist. */
    public void free(long object) {
        if (object == 0) {
            throw new IllegalArgumentException(name + ": freeing address 0");
        }
        if (freeCount == free.length) {
            free = Arrays.copyOf(free, freeCount * 2);
        }
        free[freeCount++] = object;
    }
}
