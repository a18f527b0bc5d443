package org.ptreplay.tools.workload;

import java.util.List;
import org.ptreplay.trace.Flags;

/**
 * stress-ng's bigheap stressor (stress-bigheap.c, ColinIanKing/stress-ng) on glibc, as
 * docs/kernel-model.md §7 describes it: every call grows one allocation by {@code growth}
 * ({@code malloc} the first time, {@code realloc} after), then writes one word per page over the
 * new tail when the pointer did not change, or over the whole allocation when it did. When the
 * size has passed {@code limit} (stress-ng's {@code --bigheap-bytes}) the next iteration starts
 * over: {@code free}, {@code malloc_trim(0)}, size 0. The trace holds {@code cycles} such runs,
 * each ending with its reset. {@link GlibcHeap} turns the calls into brk, mmap, mremap and munmap;
 * {@link AddressSpace} tells where each lands, and the trace records it so the replay checks it.
 *
 * <p>The process: {@code brk(NULL)} answers a page-aligned break (a fresh process, whose first
 * heap use is this loop); the shared libraries, which Linux maps first, directly below
 * mmap_base, are stood in for by one read-only anonymous mapping that is never touched. Its only
 * job is to close the gap above the first mapped chunk, as the real libraries do; its length is
 * no PMD multiple, or placement would align it and open a gap above it.
 *
 * <p>Why moves and in-place growth alternate, roughly one move per doubling, for the default
 * 64 KiB growth (g) on 4 KiB pages — the pattern of the project's strace recording (§7.3: over
 * 99% of calls are mremap, about one in 1,800 moves at 2 GiB):
 * <ol>
 *   <li>Calls 1 and 2 (64 and 128 KiB) live in the brk heap: the tcache chunk and the first
 *       malloc share one 132 KiB break increase, and realloc(128 KiB) grows into top. Call 3
 *       (192 KiB) no longer fits top and is above the 128 KiB mmap threshold: glibc maps a chunk
 *       of 3g + 4 KiB directly below the libraries, copies, and frees the heap chunk.</li>
 *   <li>From then on call k asks {@code mremap} for k·g + 4 KiB. It grows in place while the gap
 *       above the mapping holds another g; otherwise the mapping moves. Top-down placement puts
 *       it directly below its old place (the gap above is too small, the one below is the
 *       highest that fits) and the old range is unmapped, so the gap above becomes the old
 *       length plus the old gap's remainder r: (k−1)·g + 4 KiB + r.</li>
 *   <li>That gap feeds the next ⌊gap / g⌋ calls in place, about k − 1 of them, so the next move
 *       comes near call 2k. Each move adds the old mapping's extra 4 KiB page to r: the first
 *       moves are at calls 4, 8, 16, 32, 64, 128, 256, … (7 moves in the first 300 calls), and
 *       only after 16 moves does r reach one growth step and shift the pattern by one call.
 *       A 2 GiB heap (32,768 calls) thus moves 14 times: one move per 2,300 calls.</li>
 *   <li>After a reset the mapped chunk is gone and {@code malloc_trim} lowers the break; the
 *       next mapped chunk lands below the libraries again. A freed chunk of at most 32 MiB raises
 *       glibc's mmap threshold to its size, so with a small {@code limit} later cycles stay in
 *       the brk heap longer.</li>
 * </ol>
 * The writes are traced as one write touch per run of pages: from the first word written to the
 * end of the last, so exactly the written pages fault. stress-ng stores one word per page, while
 * a touch's data stream covers whole pages: the {@code user} cost is an upper bound; the
 * metric stress-ng reports times only malloc and realloc.
 *
 * <p>{@code arch} selects TASK_SIZE and so mmap_base: x86-64 has a 47-bit user address space,
 * arm64 (4 KiB granule) a 48-bit one. Both use 4 KiB pages. Replayed on the other architecture,
 * the trace's placements diverge and the replay reports it. The kernel default THP setting is
 * recommended: glibc does not madvise its chunks, so every folio is order 0, the case the
 * 6.17-rc1 regression reports describe (§8.2).
 */
public final class Bigheap extends Generator {
    /** Where brk(NULL) says the heap starts: a non-randomised PIE heap start, page aligned. */
    static final long START_BRK = 0x5555_5555_9000L;
    /** The stand-in for the shared libraries: a little over 4 MiB, not a PMD multiple. */
    static final long LIBRARIES = (4L << 20) + PAGE;
    /** stress-ng writes one uintptr_t per page. */
    private static final long WORD = 8;
    private static final List<String> ARCHS = List.of("x86", "arm64");
    private static final List<Param> PARAMS = List.of(
            Param.size("growth", "64K", 4L << 10, 64L << 20, PAGE,
                    "bytes added per call (stress-ng --bigheap-growth)"),
            Param.size("limit", "1G", 64L << 10, MAX_SIZE, 1,
                    "reset (free, malloc_trim) once the size exceeds this (stress-ng --bigheap-bytes)"),
            Param.count("cycles", "1", 1, 1000, "runs from the first malloc to the reset"),
            Param.choice("arch", "x86", ARCHS, "address-space layout: x86 (47-bit user VA) or arm64 (48-bit)"));

    @Override
    public String name() {
        return "bigheap";
    }

    @Override
    public String description() {
        return "stress-ng bigheap on glibc: grow one allocation by realloc, touch, reset at limit";
    }

    @Override
    List<Param> params() {
        return PARAMS;
    }

    @Override
    String thp(ParamValues values) {
        return "enabled=madvise";
    }

    @Override
    void emit(ParamValues values, EventOut out) {
        long growth = values.get("growth");
        long limit = values.get("limit");
        AddressSpace vm = new AddressSpace(values.choice("arch").equals("x86") ? 47 : 48);
        GlibcHeap heap = new GlibcHeap(vm, out, START_BRK);
        long libraries = vm.mmap(0, LIBRARIES, true);
        out.mmap(0, LIBRARIES, Flags.PROT_READ, EventOut.PRIVATE_ANON, libraries);
        // stress-ng keeps last_ptr and last_ptr_end across resets; so does this loop.
        long lastPtr = 0;
        long lastEnd = 0;
        for (long cycle = 0; cycle < values.get("cycles"); cycle++) {
            long size = 0;
            while (size <= limit) {
                size += growth;
                long ptr = size == growth ? heap.malloc(size) : heap.grow(size);
                long from = ptr == lastPtr ? lastEnd : ptr;
                long end = ptr + size;
                if (from < end) {
                    long words = (end - from + PAGE - 1) / PAGE;
                    out.write(from, (words - 1) * PAGE + WORD);
                }
                lastPtr = ptr;
                lastEnd = end;
            }
            heap.free();
            heap.trim();
        }
    }
}
