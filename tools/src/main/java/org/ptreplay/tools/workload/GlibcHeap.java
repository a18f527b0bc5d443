package org.ptreplay.tools.workload;

import org.ptreplay.trace.Flags;

/**
 * glibc's allocator (malloc/malloc.c as of 2.36, the version of the project's recording; read in a
 * 2.33-era tree and in a current development tree, which agree on every rule below except the
 * size of the tcache chunk) as seen by a single-threaded program that owns one growing
 * allocation at a time, which is stress-ng's bigheap. It emits the system calls glibc makes and knows, through
 * {@link AddressSpace}, the addresses they return. The main arena is modelled as the tcache
 * chunk, the one allocation when it lives in the heap, and the top chunk above them; the bins
 * stay empty because every freed heap chunk borders top and merges into it.
 *
 * <p>Rules, in the words of the glibc source:
 * <ul>
 *   <li>a request of {@code n} bytes becomes a chunk of {@code nb = (n + 8 + 15) & ~15} bytes
 *       ({@code checked_request2size}, SIZE_SZ 8, MALLOC_ALIGNMENT 16), at least MINSIZE 32;</li>
 *   <li>the first malloc of a thread allocates its tcache first ({@code MAYBE_INIT_TCACHE}):
 *       a 0x290-byte chunk (64 two-byte counts and 64 pointers, from glibc 2.30);</li>
 *   <li>a request is carved from top when top holds {@code nb + MINSIZE}; otherwise
 *       {@code sysmalloc} maps a chunk of its own when {@code nb >= mmap_threshold}
 *       (128 KiB at start), of {@code ALIGN_UP(nb + SIZE_SZ, page)} bytes (2.36; newer glibc adds
 *       CHUNK_HDR_SZ, the same page count for 16-byte multiples), else grows the break by
 *       {@code ALIGN_UP(nb + top_pad + MINSIZE − top size, page)}, top_pad being 128 KiB
 *       (DEFAULT_TOP_PAD, sysdeps/generic/malloc-machine.h);</li>
 *   <li>{@code _int_realloc} grows a heap chunk into top when the two hold {@code nb + MINSIZE};
 *       otherwise it mallocs {@code nb}: a mapped chunk is filled by a copy and the old chunk
 *       freed; a chunk carved from a grown top starts right after the old one, so the two merge
 *       and the surplus is freed back into top (no copy, same pointer);</li>
 *   <li>{@code mremap_chunk} resizes a mapped chunk to {@code ALIGN_UP(nb + SIZE_SZ, page)}
 *       bytes with {@code mremap(MREMAP_MAYMOVE)}, and does nothing when the page count is
 *       unchanged; a request of k × 64 KiB gives k × 64 KiB + 4 KiB;</li>
 *   <li>freeing a chunk that merges into a top of at least 64 KiB
 *       (ATTEMPT_TRIMMING_THRESHOLD) trims when top reaches trim_threshold (128 KiB at start):
 *       {@code systrim(top_pad)} lowers the break by
 *       {@code ALIGN_DOWN(top − MINSIZE − 1 − pad, page)};</li>
 *   <li>freeing a mapped chunk unmaps it; if its size (with the IS_MMAPPED bit, as
 *       {@code chunksize_nomask} reads it) exceeds mmap_threshold and is at most 32 MiB
 *       (DEFAULT_MMAP_THRESHOLD_MAX on 64-bit), mmap_threshold becomes its size and
 *       trim_threshold twice that;</li>
 *   <li>{@code malloc_trim(0)} finds no binned chunk and calls {@code systrim(0)}.</li>
 * </ul>
 * {@code sbrk(0)} is answered from glibc's cached break and makes no system call; the program's
 * start-up {@code brk(NULL)} is emitted by {@link #GlibcHeap}.
 */
final class GlibcHeap {
    static final long HEADER = 16;
    private static final long SIZE_SZ = 8;
    private static final long MINSIZE = 32;
    private static final long PAGE = AddressSpace.PAGE;
    private static final long TCACHE_CHUNK = 0x290;
    private static final long TOP_PAD = 128L << 10;
    private static final long MMAP_THRESHOLD_MAX = 32L << 20;
    private static final long ATTEMPT_TRIMMING_THRESHOLD = 64L << 10;
    private static final long IS_MMAPPED = 2;

    private final AddressSpace vm;
    private final EventOut out;
    private long mmapThreshold = 128L << 10;
    private long trimThreshold = 128L << 10;
    private boolean tcache;
    /** The top chunk is [top, brk); the break is page aligned throughout. */
    private long top;
    private long brk;
    /** The allocation when it lives in the heap: [chunk, chunk + chunkSize), right below top. */
    private long chunk;
    private long chunkSize;
    /** The allocation when it is a mapped chunk: [block, block + blockLength). */
    private long block;
    private long blockLength;

    /** A process whose break starts at {@code startBrk}: emits the loader's {@code brk(NULL)}. */
    GlibcHeap(AddressSpace vm, EventOut out, long startBrk) {
        this.vm = vm;
        this.out = out;
        this.top = startBrk;
        this.brk = startBrk;
        out.brk(0, startBrk);
    }

    /** malloc(bytes) while nothing is allocated: the user pointer. */
    long malloc(long bytes) {
        requireEmpty();
        if (!tcache) {
            carve(TCACHE_CHUNK);
            tcache = true;
        }
        long nb = chunkSize(bytes);
        if (topSize() < nb + MINSIZE && nb >= mmapThreshold) {
            return map(nb);
        }
        chunk = carve(nb);
        chunkSize = nb;
        return chunk + HEADER;
    }

    /** realloc(ptr, bytes) of the allocation to a larger size: the new user pointer. */
    long grow(long bytes) {
        long nb = chunkSize(bytes);
        if (blockLength > 0) {
            long length = mappedLength(nb);
            if (length != blockLength) {
                long moved = vm.grow(block, blockLength, length);
                out.mremap(block, blockLength, length, Flags.MREMAP_MAYMOVE, 0, moved);
                block = moved;
                blockLength = length;
            }
            return block + HEADER;
        }
        if (chunkSize == 0 || nb <= chunkSize) {
            throw new IllegalStateException("grow needs a heap allocation smaller than the request");
        }
        if (chunkSize + topSize() >= nb + MINSIZE) {
            chunkSize = nb;
            top = chunk + nb;
            return chunk + HEADER;
        }
        if (nb >= mmapThreshold) {
            long p = map(nb);
            freeHeapChunk();
            return p;
        }
        // The new chunk is carved from a grown top right after the old one: they merge and
        // the old chunk's size, now surplus, goes back to top.
        growTop(nb);
        chunkSize = nb;
        top = chunk + nb;
        maybeTrim(topSize());
        return chunk + HEADER;
    }

    /** free() of the allocation. */
    void free() {
        if (blockLength > 0) {
            if ((blockLength | IS_MMAPPED) > mmapThreshold && (blockLength | IS_MMAPPED) <= MMAP_THRESHOLD_MAX) {
                mmapThreshold = blockLength;
                trimThreshold = 2 * blockLength;
            }
            vm.munmap(block, blockLength);
            out.munmap(block, blockLength);
            blockLength = 0;
        } else if (chunkSize > 0) {
            freeHeapChunk();
        } else {
            throw new IllegalStateException("nothing is allocated");
        }
    }

    /** malloc_trim(0). */
    void trim() {
        systrim(0);
    }

    private static long chunkSize(long bytes) {
        return Math.max(MINSIZE, (bytes + SIZE_SZ + 15) & ~15L);
    }

    private static long mappedLength(long nb) {
        return (nb + SIZE_SZ + PAGE - 1) & -PAGE;
    }

    private long topSize() {
        return brk - top;
    }

    private void requireEmpty() {
        if (chunkSize > 0 || blockLength > 0) {
            throw new IllegalStateException("the model holds one allocation at a time");
        }
    }

    private long map(long nb) {
        long length = mappedLength(nb);
        block = vm.mmap(0, length, true);
        blockLength = length;
        out.mmap(0, length, EventOut.RW, EventOut.PRIVATE_ANON, block);
        return block + HEADER;
    }

    /** Takes {@code nb} bytes from the bottom of top, growing the break first when needed. */
    private long carve(long nb) {
        if (topSize() < nb + MINSIZE) {
            growTop(nb);
        }
        long c = top;
        top += nb;
        return c;
    }

    private void growTop(long nb) {
        long size = (nb + TOP_PAD + MINSIZE - topSize() + PAGE - 1) & -PAGE;
        vm.occupy(brk, size);
        brk += size;
        out.brk(brk, brk);
    }

    private void freeHeapChunk() {
        top = chunk;
        chunkSize = 0;
        maybeTrim(topSize());
    }

    private void maybeTrim(long mergedSize) {
        if (mergedSize >= ATTEMPT_TRIMMING_THRESHOLD && topSize() >= trimThreshold) {
            systrim(TOP_PAD);
        }
    }

    private void systrim(long pad) {
        long area = topSize() - MINSIZE - 1;
        if (area <= pad) {
            return;
        }
        long extra = (area - pad) & -PAGE;
        if (extra == 0) {
            return;
        }
        vm.munmap(brk - extra, extra);
        brk -= extra;
        out.brk(brk, brk);
    }
}
