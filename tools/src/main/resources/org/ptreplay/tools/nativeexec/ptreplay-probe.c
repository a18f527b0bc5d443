/*
 * ptreplay's native probe: measures this machine's primitives (calibrate) and executes a trace's
 * events on this kernel (exec). ptreplay compiles it on first use with the machine's cc and runs
 * it as a child process; Java cannot make these system calls itself.
 *
 *   probe info                      cpu count, page size, caches (cpuid), one "info" line each
 *   probe calibrate REPS SCALE      "sample NAME UNIT VALUE" lines, REPS per measurement
 *   probe placement BYTES           "placement BREAKS PAGES": order-0 pages of a populate whose pfn
 *                                   neither follows nor precedes the previous page's (or "unknown")
 *   probe exec FILE                 executes the event file (format below), prints per-kind times
 *
 * Event file, one event a line (addresses and lengths in hex, the rest decimal):
 *   m PID ADDR LEN PROT FLAGS       anonymous mmap; FLAGS already carry MAP_FIXED_NOREPLACE
 *   u PID ADDR LEN                  munmap
 *   r PID OLD OLDLEN NEWLEN FLAGS NEW   mremap (NEW used with MREMAP_FIXED)
 *   b PID ADDR BASE                 brk(ADDR), ADDR relative to the trace's first break BASE;
 *                                   later events inside the recorded heap move with it
 *   a PID ADDR LEN ADVICE           madvise
 *   p PID ADDR LEN PROT             mprotect
 *   t PID ADDR LEN WRITE            one write (WRITE=1) or read per page
 *   f PID CHILD                     fork; the child continues as CHILD
 *   x PID                           the task exits
 * With PTREPLAY_ONE_CPU set, every task runs on the CPU the probe started on ("pinned CPU").
 * Processes take turns in trace order (a futex on a shared counter), so the kernel sees the
 * events in the trace's order. Output of exec:
 *   refuse SENTENCE | fail INDEX WHAT | kind K CALLS NS CPU_NS ... | wall NS
 * NS is CLOCK_MONOTONIC around each call; CPU_NS the calling thread's CPU time over the same span
 * (what a busy machine's scheduler cannot inflate); both less the cost of reading the clocks.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <math.h>
#include <linux/futex.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#if defined(__x86_64__)
#include <cpuid.h>
#endif

#ifndef MAP_FIXED_NOREPLACE
#define MAP_FIXED_NOREPLACE 0x100000
#endif

static inline uint64_t now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (uint64_t) t.tv_sec * 1000000000ull + (uint64_t) t.tv_nsec;
}

static void *map_anon(size_t len, int huge) {
    void *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) {
        printf("error mmap of %zu bytes failed: %s\n", len, strerror(errno));
        exit(2);
    }
    madvise(p, len, huge ? MADV_HUGEPAGE : MADV_NOHUGEPAGE);
    return p;
}

/* ---------------------------------------------------------------- info */

static void info(void) {
    printf("info cpus %ld\n", sysconf(_SC_NPROCESSORS_ONLN));
    printf("info page_size %ld\n", sysconf(_SC_PAGESIZE));
#if defined(__x86_64__)
    /* Deterministic cache parameters: leaf 4 (Intel) or 0x8000001D (AMD), same register layout. */
    unsigned a, b, c, d, leaf = 4, max;
    __cpuid(0, max, b, c, d);
    int amd = (b == 0x68747541); /* "Auth" */
    if (amd) {
        leaf = 0x8000001D;
    }
    int found = 0;
    for (unsigned i = 0; i < 8; i++) {
        __cpuid_count(leaf, i, a, b, c, d);
        unsigned type = a & 31;
        if (type == 0) {
            break;
        }
        if (type == 2) {
            continue; /* instruction cache */
        }
        unsigned level = (a >> 5) & 7;
        unsigned line = (b & 0xfff) + 1, parts = ((b >> 12) & 0x3ff) + 1, ways = ((b >> 22) & 0x3ff) + 1;
        unsigned sets = c + 1;
        unsigned sharing = ((a >> 14) & 0xfff) + 1;
        printf("info cache %u %lu %u %u %u\n", level, (unsigned long) line * parts * ways * sets, ways, line, sharing);
        found = 1;
    }
    if (!found && amd) {
        /* Hypervisors may hide leaf 0x8000001D; the legacy AMD leaves give sizes and line sizes,
         * and ways where the 4-bit code is not "see leaf 0x8000001D" (reported as 0: unknown). */
        static const unsigned ways_of[16] = {0, 1, 2, 3, 4, 6, 8, 0, 16, 0, 32, 48, 64, 96, 128, 0};
        __cpuid(0x80000005, a, b, c, d);
        printf("info cache 1 %u %u %u 1\n", (c >> 24) * 1024, (c >> 16) & 0xff, c & 0xff);
        __cpuid(0x80000006, a, b, c, d);
        printf("info cache 2 %u %u %u 1\n", (c >> 16) * 1024, ways_of[(c >> 12) & 15], c & 0xff);
        if (d >> 18) {
            printf("info cache 3 %lu %u %u 0\n", (unsigned long) (d >> 18) * 512 * 1024, ways_of[(d >> 12) & 15], d & 0xff);
        }
    }
#endif
    fflush(stdout);
}

/* ---------------------------------------------------------------- calibrate */

/*
 * Calibration times with the thread's CPU clock, not the wall clock: on a shared machine a
 * descheduled probe would otherwise measure other tasks. It counts user and kernel time of this
 * thread (syscalls and faults included), not the time others ran.
 */
static inline uint64_t cpu_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return (uint64_t) t.tv_sec * 1000000000ull + (uint64_t) t.tv_nsec;
}

static void sample(const char *name, const char *unit, double v) {
    printf("sample %s %s %.6g\n", name, unit, v);
    fflush(stdout);
}

static uint64_t rng = 88172645463325252ull;
static uint64_t xorshift(void) {
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

/*
 * `bytes` of anonymous memory starting at a 2 MiB boundary, THP asked for (MADV_HUGEPAGE, which
 * takes effect at the default enabled=madvise) or refused, before the first touch so that the
 * faults allocate what was asked. Huge pages keep a chase's TLB misses (and, under shadow paging,
 * the hypervisor's shadow faults) out of a figure meant to be the cache's or memory's latency: the
 * kernel reaches struct pages and page tables through its direct map, which is mapped huge.
 */
static char *map_aligned(size_t bytes, int huge) {
    size_t span = (size_t) 2 << 20, whole = (bytes + span - 1) & ~(span - 1); /* a small set gets a whole huge page */
    char *map = mmap(NULL, whole + span, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (map == MAP_FAILED) {
        printf("error mmap of %zu bytes failed: %s\n", whole + span, strerror(errno));
        exit(2);
    }
    char *buf = (char *) (((uintptr_t) map + span - 1) & ~(uintptr_t) (span - 1));
    madvise(buf, whole, huge ? MADV_HUGEPAGE : MADV_NOHUGEPAGE);
    return buf;
}

/* The share of [buf, buf + bytes) mapped by huge pages: AnonHugePages of its VMA in /proc/self/smaps. */
static double huge_share(const char *buf, size_t bytes) {
    FILE *f = fopen("/proc/self/smaps", "r");
    char line[512];
    int in = 0;
    double kb = -1;
    while (f && fgets(line, sizeof line, f)) {
        unsigned long long s, t;
        if (sscanf(line, "%llx-%llx ", &s, &t) == 2) { /* a VMA's first line; field lines never scan twice */
            in = s <= (uintptr_t) buf && (uintptr_t) buf < t;
        } else if (in && strncmp(line, "AnonHugePages:", 14) == 0) {
            kb = strtod(line + 14, NULL);
            break;
        }
    }
    if (f) fclose(f);
    return kb < 0 ? NAN : kb * 1024 / (double) bytes;
}

/* A chase: a random cyclic permutation of the lines of a buffer, and where the walk has got to. */
typedef struct {
    void **at;
    char *buf;
    size_t bytes;
} chase_t;

static chase_t chain(size_t bytes, int huge) {
    size_t n = bytes / 64;
    char *buf = map_aligned(bytes, huge);
    size_t *order = malloc(n * sizeof *order);
    for (size_t i = 0; i < n; i++) {
        order[i] = i;
    }
    for (size_t i = n - 1; i > 0; i--) {
        size_t j = xorshift() % (i + 1), t = order[i];
        order[i] = order[j];
        order[j] = t;
    }
    for (size_t i = 0; i < n; i++) {
        *(void **) (buf + order[i] * 64) = buf + order[(i + 1) % n] * 64;
    }
    free(order);
    return (chase_t) {(void **) buf, buf, bytes};
}

/*
 * ns per dependent load along the chain, walking on from where the last walk stopped: restarting
 * at the head would walk the same first lines every time, and from the second sample on they hit
 * in the caches however large the buffer (what made the memory latency of earlier calibrations
 * come out anywhere between an L3 hit and a TLB miss). `warm` bytes are walked first, untimed.
 * Timed with the thread's CPU clock like the other samples: a chase of 10,000 misses takes
 * milliseconds, long enough on a busy machine to be descheduled, and the wall clock would then
 * count other tasks.
 */
static double chase(chase_t *c, size_t warm, uint64_t loads) {
    void **p = c->at;
    for (uint64_t i = 0; i < warm / 64; i++) {
        p = *p;
    }
    uint64_t t0 = cpu_ns();
    for (uint64_t i = 0; i < loads; i++) {
        p = *p;
    }
    uint64_t t1 = cpu_ns();
    c->at = p;
    return loads == 0 ? 0 : (double) (t1 - t0) / loads;
}

/* Core clock: a chain of dependent adds retires one per cycle. */
static double ghz(uint64_t iters) {
    uint64_t x = 0, t0 = cpu_ns();
    for (uint64_t i = 0; i < iters; i++) {
#if defined(__x86_64__) || defined(__aarch64__)
        __asm__ volatile(
#if defined(__x86_64__)
            "add $1, %0\n\tadd $1, %0\n\tadd $1, %0\n\tadd $1, %0\n\t"
            "add $1, %0\n\tadd $1, %0\n\tadd $1, %0\n\tadd $1, %0\n\t"
            "add $1, %0\n\tadd $1, %0\n\tadd $1, %0\n\tadd $1, %0\n\t"
            "add $1, %0\n\tadd $1, %0\n\tadd $1, %0\n\tadd $1, %0"
#else
            "add %0, %0, #1\n\tadd %0, %0, #1\n\tadd %0, %0, #1\n\tadd %0, %0, #1\n\t"
            "add %0, %0, #1\n\tadd %0, %0, #1\n\tadd %0, %0, #1\n\tadd %0, %0, #1\n\t"
            "add %0, %0, #1\n\tadd %0, %0, #1\n\tadd %0, %0, #1\n\tadd %0, %0, #1\n\t"
            "add %0, %0, #1\n\tadd %0, %0, #1\n\tadd %0, %0, #1\n\tadd %0, %0, #1"
#endif
            : "+r"(x));
#endif
    }
    uint64_t t1 = cpu_ns();
    return (double) iters * 16 / (double) (t1 - t0);
}

static volatile uint64_t cell __attribute__((aligned(64)));

/* ns per operation on one L1-resident line; each atomic orders the next one. */
static double atomic_op(int kind, uint64_t iters) {
    uint64_t v = 1, t0 = cpu_ns();
    for (uint64_t i = 0; i < iters; i++) {
        switch (kind) {
        case 0: v = __atomic_exchange_n(&cell, v, __ATOMIC_SEQ_CST); break;
        case 1: { uint64_t e = v; __atomic_compare_exchange_n(&cell, &e, v + 1, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST); v = e; break; }
        default: __atomic_fetch_add(&cell, 1, __ATOMIC_SEQ_CST); break;
        }
    }
    uint64_t t1 = cpu_ns();
    __asm__ volatile("" : : "r"(v));
    return (double) (t1 - t0) / iters;
}

static double syscall_ns(uint64_t iters) {
    uint64_t t0 = cpu_ns();
    for (uint64_t i = 0; i < iters; i++) {
        syscall(SYS_getppid);
    }
    return (double) (cpu_ns() - t0) / iters;
}

/* Bytes per ns zeroing (or copying) 4 KiB pages of a buffer larger than the caches, as clear_page does. */
static double page_stream(char *dst, char *src, size_t bytes) {
    uint64_t t0 = cpu_ns();
    for (size_t off = 0; off < bytes; off += 4096) {
        if (src == NULL) {
#if defined(__x86_64__)
            void *d = dst + off;
            size_t c = 4096;
            __asm__ volatile("rep stosb" : "+D"(d), "+c"(c) : "a"(0) : "memory");
#else
            memset(dst + off, 0, 4096);
#endif
        } else {
#if defined(__x86_64__)
            void *d = dst + off;
            const void *s = src + off;
            size_t c = 4096;
            __asm__ volatile("rep movsb" : "+D"(d), "+S"(s), "+c"(c) : : "memory");
#else
            memcpy(dst + off, src + off, 4096);
#endif
        }
    }
    return (double) bytes / (double) (cpu_ns() - t0);
}

/* ns per first write of an order-0 anonymous page (THP off for the range): fault, allocation, zeroing. */
static double fault_ns(size_t pages) {
    long ps = sysconf(_SC_PAGESIZE);
    char *buf = map_anon(pages * ps, 0);
    uint64_t t0 = cpu_ns();
    for (size_t i = 0; i < pages; i++) {
        buf[i * ps] = 1;
    }
    uint64_t t1 = cpu_ns();
    munmap(buf, pages * ps);
    return (double) (t1 - t0) / pages;
}

/*
 * ns per write fault that allocates nothing: the pages of a THP-disabled mapping populated, then a
 * fork whose child exits at once (untimed) leaves every PTE write-protected and every page mapped
 * once again, so the first write of each page takes do_wp_page's reuse path (wp_can_reuse_anon_folio,
 * mm/memory.c): no allocation, no zeroing, no memcg charge; the exception, the entry made writable
 * and, under shadow paging, the hypervisor's work on both. Set beside fault_ns, it says how much of
 * an allocating fault the allocation is. Taken before calibrate maps its buffers, so the fork copies
 * a tiny process and leaves nothing of theirs write-protected. NaN when fork fails.
 */
static double wp_reuse_ns(size_t pages) {
    long ps = sysconf(_SC_PAGESIZE);
    char *buf = map_anon(pages * ps, 0);
    for (size_t i = 0; i < pages; i++) {
        buf[i * ps] = 1;
    }
    pid_t child = fork();
    if (child == 0) {
        _exit(0);
    }
    if (child < 0) {
        munmap(buf, pages * ps);
        return NAN;
    }
    waitpid(child, NULL, 0);
    uint64_t t0 = cpu_ns();
    for (size_t i = 0; i < pages; i++) {
        buf[i * ps] = 2;
    }
    uint64_t t1 = cpu_ns();
    munmap(buf, pages * ps);
    return (double) (t1 - t0) / pages;
}

#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23
#endif

/* A first write this much slower than a repeated one trapped to the hypervisor: a VM exit and entry
 * takes microseconds, while a write through a present PTE costs tens of ns, and a TLB miss whose
 * page walk misses to memory at every level a few hundred at most. */
#define TRAP_NS 1000.0

static int cmp_double(const void *a, const void *b) {
    double x = *(const double *) a, y = *(const double *) b;
    return x < y ? -1 : x > y;
}

static double median_of(double *v, size_t n) {
    qsort(v, n, sizeof *v, cmp_double);
    return n == 0 ? NAN : n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/*
 * The first user write through each PTE the kernel has just made present, beyond a repeated write
 * (THP off for the range, 4 KiB entries): MADV_POPULATE_WRITE faults every page in from the kernel
 * (no user access), then every page's first and second write are timed one by one. On bare metal
 * or with hardware nested paging no write traps. Under shadow paging a first write traps to the
 * hypervisor, which fills its shadow entry, in one of two modes per page table (seen on PVM,
 * docs/validation.md): every entry traps on its own first access (the fill a fault's retried
 * access pays), or the table's first trap fills all its present entries and the others do not
 * trap. *fill is the median excess of the trapped writes in tables of the first mode (0 when no
 * table trapped, NaN when only the second mode was seen); *whole the share of the tables with a
 * trap that filled whole. NaN in both when the kernel has no MADV_POPULATE_WRITE (before 5.14).
 */
static void shadow_fill(size_t pages, double *fill, double *whole) {
    long ps = sysconf(_SC_PAGESIZE);
    size_t entries = (size_t) ps / 8; /* PTEs per table: 8-byte entries on x86-64 and arm64 */
    size_t span = entries * ps;
    pages -= pages % entries;
    /* Whole tables: the pages start at a table boundary. */
    char *map = map_anon(pages * ps + span, 0);
    char *buf = (char *) (((uintptr_t) map + span - 1) & ~(uintptr_t) (span - 1));
    *fill = *whole = NAN;
    if (madvise(buf, pages * ps, MADV_POPULATE_WRITE) != 0) {
        munmap(map, pages * ps + span);
        return;
    }
    double *first = malloc(pages * sizeof *first), *again = malloc(pages * sizeof *again);
    for (size_t i = 0; i < pages; i++) {
        uint64_t t = now_ns();
        buf[i * ps] = 1;
        first[i] = (double) (now_ns() - t);
    }
    for (size_t i = 0; i < pages; i++) {
        uint64_t t = now_ns();
        buf[i * ps] = 2;
        again[i] = (double) (now_ns() - t);
    }
    munmap(map, pages * ps + span);
    double repeat = median_of(again, pages);
    size_t trapped = 0, tables = 0, wholes = 0;
    for (size_t t0 = 0; t0 + entries <= pages; t0 += entries) {
        size_t traps = 0;
        for (size_t i = t0; i < t0 + entries; i++) {
            traps += first[i] - repeat > TRAP_NS;
        }
        if (traps <= entries / 2) {
            /* A whole-table fill traps at the table's first write; a few slow writes elsewhere
             * are interrupts or preemption, and no trap at all is no shadow paging. */
            if (first[t0] - repeat > TRAP_NS) {
                tables++;
                wholes++;
            }
            continue;
        }
        tables++;
        for (size_t i = t0; i < t0 + entries; i++) {
            if (first[i] - repeat > TRAP_NS) {
                again[trapped++] = first[i] - repeat;
            }
        }
    }
    *whole = tables == 0 ? 0 : (double) wholes / tables;
    *fill = tables == 0 ? 0 : trapped == 0 ? NAN : median_of(again, trapped);
    free(first);
    free(again);
}

/*
 * TLB flushes cannot be timed from user space alone, but mprotect flushes only when it changed a
 * present entry (change_protection: no pages, no flush_tlb_range). One toggle (two mprotect calls
 * over a whole VMA, so no split) of a VMA with `pages` populated entries, or of the same VMA with
 * none, in ns per call: the difference is the entries' updates plus one flush per call, a single
 * INVLPG for one page and a full flush above the 33-page ceiling (arch/x86/mm/tlb.c). 64 and 128
 * pages both flush fully, so their difference is 64 entry updates alone.
 */
static double mprotect_ns(size_t pages, int populated, uint64_t iters) {
    long ps = sysconf(_SC_PAGESIZE);
    char *buf = map_anon(pages * ps, 0);
    if (populated) {
        for (size_t i = 0; i < pages; i++) {
            buf[i * ps] = 1;
        }
    }
    uint64_t t0 = cpu_ns();
    for (uint64_t i = 0; i < iters; i++) {
        mprotect(buf, pages * ps, PROT_READ);
        mprotect(buf, pages * ps, PROT_READ | PROT_WRITE);
    }
    uint64_t t1 = cpu_ns();
    munmap(buf, pages * ps);
    return (double) (t1 - t0) / (2.0 * iters);
}

/*
 * The timed part of the mremap samples, in ns per call: the mapping of `len` bytes at spot[0]
 * moved to spot[1] and back (MREMAP_FIXED), `iters` moves in all. `n` and `what` name the size in
 * the error line.
 */
static double pingpong_ns(char *spot[2], size_t len, uint64_t iters, size_t n, const char *what) {
    int at = 0;
    uint64_t t0 = cpu_ns();
    for (uint64_t i = 0; i < iters; i++) {
        if (mremap(spot[at], len, len, MREMAP_MAYMOVE | MREMAP_FIXED, spot[1 - at]) == MAP_FAILED) {
            printf("error mremap of %zu %s failed: %s\n", n, what, strerror(errno));
            exit(2);
        }
        at = 1 - at;
    }
    return (double) (cpu_ns() - t0) / iters;
}

/*
 * One flush as mremap pays it, in ns per call: a VMA of `pages` pages moved back and forth
 * (MREMAP_FIXED) between two spots in different page tables, each table kept by a populated page
 * of its own VMA, with its first page populated or never touched. move_ptes flushes the old range
 * only when it moved a present entry (mm/mremap.c), so the difference is one PTE's get-and-clear
 * and set plus one flush of the whole range: a single-page flush (one INVLPG on x86) for one
 * page, a full flush above x86's 33-page ceiling. The VMA work is the same in both.
 */
static double mremap_ns(size_t pages, int populated, uint64_t iters) {
    long ps = sysconf(_SC_PAGESIZE);
    size_t pmd = (size_t) ps / 8 * ps;
    char *hole = mmap(NULL, 8 * pmd, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (hole == MAP_FAILED) {
        printf("error mmap of %zu bytes failed: %s\n", 8 * pmd, strerror(errno));
        exit(2);
    }
    char *spot[2];
    spot[0] = (char *) (((uintptr_t) hole + pmd - 1) & ~(uintptr_t) (pmd - 1));
    spot[1] = spot[0] + 2 * pmd;
    for (int i = 0; i < 2; i++) {
        char *keep = mmap(spot[i] + pmd / 2, ps, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
        keep[0] = 1;
    }
    size_t len = pages * ps; /* below pmd / 2, where the keeper sits */
    char *page = mmap(spot[0], len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    madvise(page, len, MADV_NOHUGEPAGE);
    if (populated) {
        page[0] = 1;
    }
    double ns = pingpong_ns(spot, len, iters, pages, "pages");
    munmap(hole, 8 * pmd);
    return ns;
}

#ifndef MADV_GUARD_INSTALL
#define MADV_GUARD_INSTALL 102
#endif

/*
 * One long move, in ns per call: a VMA of `tables` page tables mapped at `src` pages past a table
 * boundary and moved back and forth to `dst` pages past another one, with the page `mark` pages
 * into each table's part holding, by `what`: 0 nothing, 1 a present entry, 2 a guard marker. NaN
 * when the kernel has no guard markers. The two layouts are mremap_tables_ns and mremap_small_ns.
 */
static double long_move_ns(size_t tables, int what, uint64_t iters, size_t src, size_t dst, size_t mark) {
    long ps = sysconf(_SC_PAGESIZE);
    size_t pmd = (size_t) ps / 8 * ps, len = tables * pmd, room = (2 * tables + 8) * pmd;
    char *hole = mmap(NULL, room, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (hole == MAP_FAILED) {
        printf("error mmap of %zu bytes failed: %s\n", room, strerror(errno));
        exit(2);
    }
    char *base = (char *) (((uintptr_t) hole + pmd - 1) & ~(uintptr_t) (pmd - 1));
    char *spot[2] = {base + src * ps, base + (tables + 2) * pmd + dst * ps};
    char *p = mmap(spot[0], len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    madvise(p, len, MADV_NOHUGEPAGE);
    for (size_t t = 0; what != 0 && t < tables; t++) {
        char *page = p + t * pmd + mark * ps;
        if (what == 1) {
            *page = 1;
        } else if (madvise(page, ps, MADV_GUARD_INSTALL) != 0) {
            munmap(hole, room);
            return NAN;
        }
    }
    double ns = pingpong_ns(spot, len, iters, tables, "page tables");
    munmap(hole, room);
    return ns;
}

/*
 * Full flushes inside one long move, in ns per call: a VMA spanning `tables` page tables moved back
 * and forth between two spots whose offsets into their tables differ (8 and 16 pages), so no extent
 * is PMD-aligned and move_page_tables moves every extent entry by entry, with the first page of
 * each table's part holding, by `what`: 0 nothing, 1 a present entry, 2 a guard marker (see
 * mremap_small_ns). Each such page lies in an extent of 496 or 504 pages, which move_ptes
 * flushes fully after moving a present entry; the other extents hold nothing and do not flush.
 * Between two sizes the difference of the differences, per table, is one full flush as a move of
 * many tables pays it: under shadow paging a call's first flushes cost the hypervisor far more
 * than its later ones (docs/validation.md, run G), which a one-table move cannot tell apart.
 * Against the guard markers it is the flush alone; against nothing it also holds a page table
 * allocated and one freed per table (run J). NaN when the kernel has no guard markers.
 */
static double mremap_tables_ns(size_t tables, int what, uint64_t iters) {
    return long_move_ns(tables, what, iters, 8, 16, 0);
}

/*
 * Single-page flushes inside one long move, in ns per call: a VMA spanning `tables` page tables moved
 * back and forth between a table-aligned spot and one a page higher (as validate's unaligned
 * mremap-large), so every table's part splits into an extent of 511 pages and one of a single page.
 * The page of each single-page extent holds, by `what`: 0 nothing, 1 a present entry, 2 a guard
 * marker (MADV_GUARD_INSTALL, Linux 6.13+: an entry that is not present, which move_ptes moves
 * like any other but flushes for only when it moved a present one, mm/mremap.c). A present entry
 * costs its extent one flush of one page, one INVLPG on x86 (at most 33 pages, arch/x86/mm/tlb.c),
 * per table. Against the guard markers, whose tables are allocated at the destination and freed at
 * the source as the present entries' are, the difference is the flush alone; against nothing, it
 * also holds a page table allocated and one freed per table. Between two sizes the difference of
 * the differences, per table, is one single-page flush as a long move pays it, apart from what a
 * call pays for its first flushes. NaN when the kernel has no guard markers.
 */
static double mremap_small_ns(size_t tables, int what, uint64_t iters) {
    /* the last page of each table's part: its own one-page extent */
    return long_move_ns(tables, what, iters, 0, 1, (size_t) sysconf(_SC_PAGESIZE) / 8 - 1);
}

/*
 * One page zapped by MADV_DONTNEED, in ns per call: the first page of a THP-disabled 2 MiB VMA
 * whose last page stays populated (so the table stays), written again between calls (untimed) or
 * never. The difference is one PTE cleared, its folio's rmap and reference dropped and the folio
 * freed, and the flush that must come before the free (mm/mmu_gather.c), beside the LRU drain of
 * the folio the rewrite added.
 */
static double dontneed_ns(int populated, uint64_t iters) {
    long ps = sysconf(_SC_PAGESIZE);
    size_t len = (size_t) ps / 8 * ps;
    char *buf = map_anon(len, 0);
    buf[len - ps] = 1;
    uint64_t sum = 0;
    for (uint64_t i = 0; i < iters; i++) {
        if (populated) {
            buf[0] = 1;
        }
        uint64_t t = cpu_ns();
        madvise(buf, ps, MADV_DONTNEED);
        sum += cpu_ns() - t;
    }
    munmap(buf, len);
    return (double) sum / iters;
}

/* A sample is the best of BURSTS short runs: the least disturbed one (interrupts, steal time). */
#define BURSTS 3
#define BEST(expr, higher) ({ double best_ = (expr); for (int b_ = 1; b_ < BURSTS; b_++) { double v_ = (expr); \
        if ((higher) ? v_ > best_ : v_ < best_) best_ = v_; } best_; })

/*
 * One locked read-modify-write of present entries, as fork's write-protect pays it (x86
 * ptep_set_wrprotect is a clear_bit, arm64's a cmpxchg loop), without forking: write("1") to
 * /proc/self/clear_refs walks every VMA and clears the accessed bit of each young present entry
 * with one locked bit clear (clear_refs_pte_range: ptep_test_and_clear_young), and flushes
 * nothing. A full flush of the mm follows in the timed part, as fork's flush_tlb_mm follows its
 * write-protects: a shadow-paging hypervisor resyncs the entries changed in place at the flush.
 * The flush is a mprotect of a separate 64-page VMA with one populated page, toggled each time
 * (above x86's 33-page ceiling: a full flush). Before each timed call, untimed, the pages are made
 * young again: mprotect read-only and back, then a write to each page, which has to walk its entry
 * again and sets the accessed bit (under shadow paging a read after a flush does not: the
 * hypervisor's shadow entry stays and nothing walks the guest's, seen on PVM: 4 ns per read, and
 * the next clear_refs found every entry old). In ns per call,
 * the write and its flush (*flushed), the write alone (*bare), and a second write at once (*old:
 * every entry old, the walk without the locked updates, which shows whether the first found the
 * entries young); with `pages` populated pages or none. Returns 0, or -1 when
 * /proc/self/clear_refs cannot be written (no CONFIG_PROC_PAGE_MONITOR, or a sandbox).
 */
static int clear_refs_ns(size_t pages, int populated, uint64_t iters, double *flushed, double *bare, double *old) {
    int fd = open("/proc/self/clear_refs", O_WRONLY);
    if (fd < 0) {
        return -1;
    }
    long ps = sysconf(_SC_PAGESIZE);
    char *buf = map_anon(pages * ps, 0), *flusher = map_anon(64 * ps, 0);
    flusher[0] = 1;
    if (populated) {
        for (size_t i = 0; i < pages; i++) {
            buf[i * ps] = 1;
        }
    }
    int ro = 0, ok = 1;
    uint64_t with = 0, without = 0, again = 0;
    for (uint64_t i = 0; i < iters && ok; i++) {
        mprotect(buf, pages * ps, PROT_READ);
        mprotect(buf, pages * ps, PROT_READ | PROT_WRITE);
        for (size_t j = 0; populated && j < pages; j++) {
            buf[j * ps] = 2;
        }
        uint64_t t0 = cpu_ns();
        ok = write(fd, "1", 1) == 1;
        uint64_t t1 = cpu_ns();
        ro = !ro;
        mprotect(flusher, 64 * ps, ro ? PROT_READ : PROT_READ | PROT_WRITE);
        uint64_t t2 = cpu_ns();
        ok = ok && write(fd, "1", 1) == 1;
        with += t2 - t0;
        without += t1 - t0;
        again += cpu_ns() - t2;
    }
    int err = errno;
    close(fd);
    munmap(buf, pages * ps);
    munmap(flusher, 64 * ps);
    if (!ok) {
        errno = err; /* the write's, for the note */
        return -1;
    }
    *flushed = (double) with / iters;
    *bare = (double) without / iters;
    *old = (double) again / iters;
    return 0;
}

/* The clear_refs samples of one round (pages populated or not), each the best of BURSTS runs by
 * the flushed time; a line without "sample" when the file cannot be written, once. */
static void clear_refs_samples(uint64_t iters) {
    static int told;
    for (int n = 0; n < 2; n++) {
        size_t pages = n ? 512 : 64;
        for (int populated = 0; populated < 2; populated++) {
            double best = NAN, best_bare = NAN, best_old = NAN;
            for (int b = 0; b < BURSTS; b++) {
                double f, nf, o;
                if (clear_refs_ns(pages, populated, iters, &f, &nf, &o) != 0) {
                    if (!told++) {
                        printf("note /proc/self/clear_refs cannot be written here (%s): no single-update sample\n", strerror(errno));
                    }
                    return;
                }
                if (isnan(best) || f < best) {
                    best = f;
                    best_bare = nf;
                    best_old = o;
                }
            }
            char name[64];
            snprintf(name, sizeof name, "clear_refs.%zu.%s", pages, populated ? "mapped" : "empty");
            sample(name, "ns", best);
            snprintf(name, sizeof name, "clear_refs.%zu.%s.noflush", pages, populated ? "mapped" : "empty");
            sample(name, "ns", best_bare);
            snprintf(name, sizeof name, "clear_refs.%zu.%s.old", pages, populated ? "mapped" : "empty");
            sample(name, "ns", best_old);
        }
    }
}

/*
 * PMD leaves changed in place, without forking or unmapping: `leaves` 2 MiB THPs in one mapping
 * (MADV_HUGEPAGE on that mapping only, which the default enabled=madvise honours; nothing in sysfs
 * changes), every 4 KiB page written before each timed call (untimed), as fork-bench's populate
 * writes every page before its fork: under shadow paging an accessed leaf has shadow entries the
 * hypervisor must revisit when the guest changes the leaf. Two ways, in ns per call:
 *  - kind 0, the locked update fork pays on the parent's leaf (copy_huge_pmd: pmdp_set_wrprotect,
 *    one x86 clear_bit): write("1") to /proc/self/clear_refs clears each young leaf's accessed bit
 *    with one locked bit clear (clear_refs_pte_range: pmdp_test_and_clear_young), then the
 *    clear_refs samples' full flush (a 64-page VMA toggled), made young again as clear_refs_ns does;
 *  - kind 1, mprotect's clear-then-set (change_huge_pmd: pmdp_invalidate_ad, set_pmd_at): one
 *    toggle, read-only and back, per two calls; above 33 leaves x86 flushes fully (flush_tlb_mm_range
 *    counts a PMD-stride range in leaves).
 * Between two leaf counts everything but the leaves' updates is the same, so their difference per
 * leaf is one leaf's update. *huge is the share of the mapping PMD-mapped (AnonHugePages in
 * /proc/self/smaps after the first write): below 1 the kernel gave small folios and the sample is
 * not a leaf's. NaN when clear_refs cannot be written (kind 0).
 */
static double leaf_update_ns(size_t leaves, int kind, uint64_t iters, double *huge) {
    size_t span = (size_t) 2 << 20, len = leaves * span;
    long ps = sysconf(_SC_PAGESIZE);
    int fd = kind == 0 ? open("/proc/self/clear_refs", O_WRONLY) : -1;
    *huge = NAN;
    if (kind == 0 && fd < 0) {
        return NAN;
    }
    char *map = mmap(NULL, len + span, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (map == MAP_FAILED) {
        printf("error mmap of %zu bytes failed: %s\n", len + span, strerror(errno));
        exit(2);
    }
    char *buf = (char *) (((uintptr_t) map + span - 1) & ~(uintptr_t) (span - 1));
    madvise(buf, len, MADV_HUGEPAGE);
    char *flusher = kind == 0 ? map_anon(64 * ps, 0) : NULL;
    if (flusher) flusher[0] = 1;
    for (size_t i = 0; i < len; i += ps) buf[i] = 1;
    *huge = huge_share(buf, len);
    int ro = 0, ok = 1;
    uint64_t sum = 0;
    for (uint64_t i = 0; i < iters && ok; i++) {
        if (kind == 0) {
            mprotect(buf, len, PROT_READ);
            mprotect(buf, len, PROT_READ | PROT_WRITE);
        }
        for (size_t j = 0; j < len; j += ps) buf[j] = 2;
        uint64_t t = cpu_ns();
        if (kind == 0) {
            ok = write(fd, "1", 1) == 1;
            ro = !ro;
            mprotect(flusher, 64 * ps, ro ? PROT_READ : PROT_READ | PROT_WRITE);
        } else {
            mprotect(buf, len, PROT_READ);
            mprotect(buf, len, PROT_READ | PROT_WRITE);
        }
        sum += cpu_ns() - t;
    }
    if (fd >= 0) close(fd);
    if (flusher) munmap(flusher, 64 * ps);
    munmap(map, len + span);
    return ok ? (double) sum / (kind == 0 ? iters : 2.0 * iters) : NAN;
}

/* The leaf samples of one round, 34 and 68 leaves of each kind, the best of BURSTS runs; with
 * the share of the leaves that were PMD-mapped. */
static void leaf_samples(uint64_t iters) {
    for (int kind = 0; kind < 2; kind++) {
        for (size_t n = 34; n <= 68; n += 34) {
            double best = NAN, huge = NAN;
            for (int b = 0; b < BURSTS; b++) {
                double h, v = leaf_update_ns(n, kind, iters, &h);
                if (!isnan(v) && (isnan(best) || v < best)) best = v;
                if (isnan(huge) || h < huge) huge = h;
            }
            char name[64];
            if (isnan(best)) continue;
            snprintf(name, sizeof name, "leaf_%s.%zu", kind ? "mprotect" : "refs", n);
            sample(name, "ns", best);
            if (!isnan(huge)) {
                snprintf(name, sizeof name, "leaf_%s.%zu.huge_share", kind ? "mprotect" : "refs", n);
                sample(name, "share", huge);
            }
        }
    }
}

static void calibrate(int reps, int scale) {
    /* One CPU throughout: a thread that migrated leaves the other CPU in its mm's cpumask, and a
     * flush then also reaches that CPU (a remote flush, an IPI's price): the flush samples are to
     * price a local flush, which is what the model's INVLPG and full flush are. */
    cpu_set_t one;
    CPU_ZERO(&one);
    CPU_SET(sched_getcpu(), &one);
    sched_setaffinity(0, sizeof one, &one);
    size_t l1 = 0, l2 = 0, l3 = 0;
    const char *e;
    /* The wp-reuse faults first, while this process is tiny: a fork copies every mapping's tables
     * and write-protects every page, which with the buffers below would be both slow and leave
     * them faulting again. */
    for (int r = 0; r < reps; r++) {
        double wp = BEST(wp_reuse_ns(1024 * (size_t) scale), 0);
        if (!isnan(wp)) {
            sample("fault.wp_reuse", "ns", wp);
        }
    }
    if ((e = getenv("PTREPLAY_L1")) != NULL) l1 = strtoull(e, NULL, 10);
    if ((e = getenv("PTREPLAY_L2")) != NULL) l2 = strtoull(e, NULL, 10);
    if ((e = getenv("PTREPLAY_L3")) != NULL) l3 = strtoull(e, NULL, 10);
    uint64_t k = 1000ull * scale;
    /* Fork's kind of entry update, one locked bit clear (priced apart from mprotect's
     * clear-then-set): every round's samples first, before the buffers below exist, because
     * clear_refs walks every VMA of the process: the chase and stream buffers' young entries
     * would add their own clears to the samples, and the accessed bits it clears in them would
     * make the chases below pay the re-setting (under shadow paging a trap per entry). */
    for (int r = 0; r < reps; r++) {
        clear_refs_samples(k / 200 + 1);
        /* The leaves' samples here for the same reason: clear_refs walks every VMA. */
        leaf_samples(k / 200 + 1);
    }
    /* Streams and the memory chase must not fit in the last level; PTREPLAY_MEM bounds them. */
    size_t memory = (size_t) 256 << 20, stream = (size_t) 64 << 20;
    if ((e = getenv("PTREPLAY_MEM")) != NULL) memory = strtoull(e, NULL, 10);
    if (l3 * 2 > stream) stream = l3 * 2 < memory ? l3 * 2 : memory;
    char *a = map_anon(stream, 0), *b = map_anon(stream, 0);
    chase_t c1 = {0}, c2 = {0};
    if (l1) c1 = chain(l1 / 2, 1);
    if (l2) c2 = chain(l2 / 2, 1);
    /* Memory twice: on 2 MiB pages (the figure the profile uses) and on 4 KiB pages (recorded beside
     * it, to show what TLB misses and, under shadow paging, shadow faults add to a chase). */
    chase_t mem = chain(memory, 1), mem4k = chain(memory, 0);
    double share = huge_share(mem.buf, memory);
    /* The sweep beyond L2, doubling up to the reported last level: where latency climbs to memory's
     * is the last level one core really has (a VM may report the host package's). */
    size_t first = l2 ? l2 * 2 : ((size_t) 2 << 20), top = l3 ? l3 : memory / 4;
    if (top > ((size_t) 16 << scale << 20)) top = (size_t) 16 << scale << 20; /* 32 MiB quick, 64 MiB full */
    chase_t sweep[32];
    size_t sizes[32];
    int nsweep = 0;
    for (size_t sz = first; sz <= top && sz < memory && nsweep < 32; sz *= 2) {
        sizes[nsweep] = sz;
        sweep[nsweep++] = chain(sz, 1);
    }
    memset(a, 1, stream);
    memset(b, 1, stream);
    for (int r = 0; r < reps; r++) {
        sample("frequency", "GHz", BEST(ghz(20 * k), 1));
        if (l1) sample("latency.L1", "ns", BEST(chase(&c1, l1 / 2, 200 * k), 0));
        if (l2) sample("latency.L2", "ns", BEST(chase(&c2, l2 / 2, 100 * k), 0));
        for (int i = 0; i < nsweep; i++) {
            char name[64];
            snprintf(name, sizeof name, "sweep.%zu", sizes[i]);
            chase(&sweep[i], sizes[i], 0); /* one warm-up walk of the whole set, then the best of the timed runs */
            sample(name, "ns", BEST(chase(&sweep[i], 0, 20 * k), 0));
        }
        /* Every run a sample of its own, huge and small pages taking turns, so that a disturbance
         * lands in one sample of each rather than in all of one: the median is the figure. */
        if (!isnan(share)) sample("latency.memory.huge_share", "share", share);
        /* The round's other measurements (flushes, faults, streams) left the TLB and the caches in
         * their state: one untimed walk of each first, so the timed ones start from a chase's. */
        chase(&mem, 0, 10 * k);
        chase(&mem4k, 0, 10 * k);
        for (int i = 0; i < 4; i++) {
            sample("latency.memory", "ns", chase(&mem, 0, 10 * k));
            sample("latency.memory.4k", "ns", chase(&mem4k, 0, 10 * k));
        }
        sample("xchg", "ns", BEST(atomic_op(0, 100 * k), 0));
        sample("cmpxchg", "ns", BEST(atomic_op(1, 100 * k), 0));
        sample("atomic_add", "ns", BEST(atomic_op(2, 100 * k), 0));
        sample("syscall", "ns", BEST(syscall_ns(20 * k), 0));
        sample("zero", "B/ns", BEST(page_stream(a, NULL, stream), 1));
        sample("copy", "B/ns", BEST(page_stream(b, a, stream), 1));
        sample("fault", "ns", BEST(fault_ns(1024 * (size_t) scale), 0));
        /* Until a run shows the per-entry mode: a run of whole-table fills has no per-entry price. */
        double fill = NAN, whole = NAN;
        for (int b = 0; b < BURSTS && isnan(fill); b++) {
            shadow_fill(1024 * (size_t) scale, &fill, &whole);
            if (!isnan(whole)) {
                sample("shadow_fill.whole_tables", "share", whole);
            }
        }
        if (!isnan(fill)) {
            sample("shadow_fill", "ns", fill);
        }
        sample("mprotect.1.empty", "ns", BEST(mprotect_ns(1, 0, 2 * k), 0));
        sample("mprotect.1.mapped", "ns", BEST(mprotect_ns(1, 1, 2 * k), 0));
        sample("mprotect.64.empty", "ns", BEST(mprotect_ns(64, 0, 2 * k), 0));
        sample("mprotect.64.mapped", "ns", BEST(mprotect_ns(64, 1, 2 * k), 0));
        sample("mprotect.128.empty", "ns", BEST(mprotect_ns(128, 0, k), 0));
        sample("mprotect.128.mapped", "ns", BEST(mprotect_ns(128, 1, k), 0));
        /* 448 more entries than the 64-page toggle: a per-entry signal that outweighs the noise of
         * the one full flush every toggle pays, which under shadow paging costs tens of us. */
        sample("mprotect.512.empty", "ns", BEST(mprotect_ns(512, 0, k / 4 + 1), 0));
        sample("mprotect.512.mapped", "ns", BEST(mprotect_ns(512, 1, k / 4 + 1), 0));
        sample("mremap.1.empty", "ns", BEST(mremap_ns(1, 0, 2 * k), 0));
        sample("mremap.1.mapped", "ns", BEST(mremap_ns(1, 1, 2 * k), 0));
        sample("mremap.64.empty", "ns", BEST(mremap_ns(64, 0, k), 0));
        sample("mremap.64.one", "ns", BEST(mremap_ns(64, 1, k), 0));
        /* Long moves of 8 and 64 tables, a full flush (mremap.tables) or a single-page one
         * (mremap.small) per table, with a present entry, a guard marker or nothing. */
        for (size_t n = 8; n <= 64; n *= 8) {
            static const char *kinds[] = {"empty", "one", "guard"};
            for (int small = 0; small < 2; small++) {
                for (int w = 0; w < 3; w++) {
                    char name[64];
                    snprintf(name, sizeof name, "mremap.%s.%zu.%s", small ? "small" : "tables", n, kinds[w]);
                    uint64_t iters = n == 8 ? k / 10 : k / 50;
                    double v = small ? BEST(mremap_small_ns(n, w, iters), 0) : BEST(mremap_tables_ns(n, w, iters), 0);
                    if (!isnan(v)) {
                        sample(name, "ns", v);
                    }
                }
            }
        }
        sample("dontneed.1.empty", "ns", BEST(dontneed_ns(0, k), 0));
        sample("dontneed.1.mapped", "ns", BEST(dontneed_ns(1, k), 0));
    }
}

/* ---------------------------------------------------------------- placement */

/*
 * Where the page allocator puts this process's order-0 pages now: `bytes` of a THP-refused
 * mapping faulted in address order, as a workload's populate faults them, their pfns read from
 * /proc/self/pagemap (bits 0-54; 0 without CAP_SYS_ADMIN), and the pages whose pfn is neither the
 * previous page's plus one nor its minus one counted: a LIFO per-CPU list refilled by a large free
 * hands out descending pfns, whose struct pages are a (descending) stream too. The pages are then
 * unmapped: they go back to the per-CPU
 * and buddy lists the next workload allocates from, as a workload's own runs hand theirs on.
 * Prints "placement BREAKS PAGES", or "placement unknown" when no pfn can be read.
 */
static int placement(size_t bytes) {
    long ps = sysconf(_SC_PAGESIZE);
    size_t pages = bytes / (size_t) ps;
    char *buf = pages < 2 ? MAP_FAILED : mmap(NULL, pages * ps, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    uint64_t *pfn = pages < 2 ? NULL : malloc(pages * sizeof *pfn);
    int fd = open("/proc/self/pagemap", O_RDONLY);
    if (buf == MAP_FAILED || pfn == NULL || fd < 0) {
        printf("placement unknown\n");
        return 0;
    }
    madvise(buf, pages * ps, MADV_NOHUGEPAGE);
    for (size_t i = 0; i < pages; i++) {
        buf[i * ps] = 1;
    }
    ssize_t want = (ssize_t) (pages * sizeof *pfn);
    ssize_t got = pread(fd, pfn, (size_t) want, (off_t) ((uintptr_t) buf / (uintptr_t) ps * sizeof *pfn));
    close(fd);
    size_t breaks = 0, known = 0;
    for (size_t i = 0; got == want && i < pages; i++) {
        pfn[i] &= (1ull << 55) - 1;
        known += pfn[i] != 0;
        breaks += i > 0 && pfn[i] != pfn[i - 1] + 1 && pfn[i] + 1 != pfn[i - 1];
    }
    munmap(buf, pages * ps);
    free(pfn);
    if (known < pages) {
        printf("placement unknown\n");
    } else {
        printf("placement %zu %zu\n", breaks, pages);
    }
    return 0;
}

/* ---------------------------------------------------------------- exec */

typedef struct {
    char kind;
    int pid;
    uint64_t a, b, c, d, e;
} event;

#define KINDS "murbapftx"
struct shared {
    uint32_t turn;
    int32_t fail_index;
    char fail[200];
    uint64_t calls[16], ns[16], cpu[16];
};

static struct shared *sh;
/* What the clock reads around an empty event cost, subtracted from every event (min of many tries). */
static uint64_t mono_overhead, cpu_overhead;

static inline uint64_t thread_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return (uint64_t) t.tv_sec * 1000000000ull + (uint64_t) t.tv_nsec;
}

static void clock_overheads(void) {
    mono_overhead = cpu_overhead = UINT64_MAX;
    for (int i = 0; i < 2000; i++) {
        uint64_t m0 = now_ns(), c0 = thread_ns(), c1 = thread_ns(), m1 = now_ns();
        if (m1 - m0 < mono_overhead) mono_overhead = m1 - m0;
        if (c1 - c0 < cpu_overhead) cpu_overhead = c1 - c0;
    }
}
static event *evs;
static long nev;
static long current = -1;

static void futex_wake(uint32_t *p) {
    syscall(SYS_futex, p, FUTEX_WAKE, INT32_MAX, NULL, NULL, 0);
}

static int wait_turn(long i) {
    struct timespec to = {0, 100000000};
    for (;;) {
        uint32_t t = __atomic_load_n(&sh->turn, __ATOMIC_ACQUIRE);
        if (t == (uint32_t) i) {
            return 1;
        }
        if (__atomic_load_n(&sh->fail_index, __ATOMIC_ACQUIRE) >= 0) {
            return 0;
        }
        syscall(SYS_futex, &sh->turn, FUTEX_WAIT, t, &to, NULL, 0);
    }
}

static void pass_turn(long next) {
    __atomic_store_n(&sh->turn, (uint32_t) next, __ATOMIC_RELEASE);
    futex_wake(&sh->turn);
}

static void fail(long i, const char *what) {
    int32_t expected = -1;
    if (__atomic_compare_exchange_n(&sh->fail_index, &expected, (int32_t) i, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST)) {
        snprintf(sh->fail, sizeof sh->fail, "%s", what);
    }
    pass_turn(UINT32_MAX);
}

static void on_segv(int sig) {
    (void) sig;
    fail(current, "a touch faulted (SIGSEGV): the page is not mapped, or not accessible");
    _exit(4);
}

static int parse(const char *file) {
    FILE *f = fopen(file, "r");
    if (f == NULL) {
        printf("error cannot open %s: %s\n", file, strerror(errno));
        return 0;
    }
    long cap = 1024;
    evs = malloc(cap * sizeof *evs);
    char line[512];
    while (fgets(line, sizeof line, f)) {
        event v = {0};
        unsigned long long a = 0, b = 0, c = 0, d = 0, e = 0;
        if (sscanf(line, "%c %d %llx %llx %llx %llx %llx", &v.kind, &v.pid, &a, &b, &c, &d, &e) < 2) {
            continue;
        }
        v.a = a, v.b = b, v.c = c, v.d = d, v.e = e;
        if (nev == cap) {
            cap *= 2;
            evs = realloc(evs, cap * sizeof *evs);
        }
        evs[nev++] = v;
    }
    fclose(f);
    return 1;
}

/* The ranges the trace maps at fixed addresses must be free in this process before it starts. */
static int overlaps_own_mapping(uint64_t lo, uint64_t hi, char *what, size_t len) {
    FILE *m = fopen("/proc/self/maps", "r");
    char line[512];
    int hit = 0;
    while (m && !hit && fgets(line, sizeof line, m)) {
        unsigned long long s, t;
        if (sscanf(line, "%llx-%llx", &s, &t) == 2 && s < hi && lo < t) {
            line[strcspn(line, "\n")] = 0;
            snprintf(what, len, "%s", line);
            hit = 1;
        }
    }
    if (m) fclose(m);
    return hit;
}

/* The heap: brk moves relative to the trace's first break, so addresses inside the recorded heap
 * [heap_lo, heap_hi) are the recorded ones shifted by heap_shift (this process's break less the
 * trace's). Touches, madvise, mprotect and munmap of heap memory go there; without it a heap touch
 * lands on the recorded address, which nothing maps here. heap_hi is the highest break recorded so
 * far: a page above the current break faults natively as it did in the recording. */
static uint64_t heap_lo, heap_hi, heap_shift;

static uint64_t at(uint64_t a) {
    return a >= heap_lo && a < heap_hi ? a + heap_shift : a;
}

static void run_events(int mypid, long from, uint64_t brk_base) {
    long ps = sysconf(_SC_PAGESIZE);
    for (long i = from; i < nev; i++) {
        event *v = &evs[i];
        if (v->pid != mypid) {
            continue;
        }
        if (!wait_turn(i)) {
            _exit(4);
        }
        current = i;
        uint64_t t0 = now_ns(), c0 = thread_ns(), t1;
        long r = 0;
        char msg[160];
        switch (v->kind) {
        case 'm':
            r = (long) mmap((void *) v->a, v->b, (int) v->c, (int) v->d, -1, 0);
            if ((void *) r == MAP_FAILED || (uint64_t) r != v->a) {
                snprintf(msg, sizeof msg, "mmap at 0x%llx failed natively: %s", (unsigned long long) v->a, strerror(errno));
                fail(i, msg);
                _exit(4);
            }
            break;
        case 'u': r = syscall(SYS_munmap, at(v->a), v->b); break;
        case 'r': {
            void *p = mremap((void *) v->a, v->b, v->c, (int) v->d, (void *) v->e);
            r = p == MAP_FAILED ? -1 : 0;
            break;
        }
        case 'b': {
            uint64_t target = brk_base + (v->a - v->b);
            heap_lo = v->b;
            heap_shift = brk_base - v->b;
            if (v->a > heap_hi) heap_hi = v->a;
            r = syscall(SYS_brk, target);
            r = (uint64_t) r == target ? 0 : -1;
            errno = ENOMEM;
            break;
        }
        case 'a': r = syscall(SYS_madvise, at(v->a), v->b, v->c); break;
        case 'p': r = syscall(SYS_mprotect, at(v->a), v->b, v->c); break;
        case 't': {
            volatile char *p = (volatile char *) (at(v->a) & ~(uint64_t) (ps - 1));
            volatile char *end = (volatile char *) (at(v->a) + v->b);
            if (v->c) {
                for (; p < end; p += ps) *p = 1;
            } else {
                for (; p < end; p += ps) (void) *p;
            }
            break;
        }
        case 'f': {
            pid_t c = fork();
            if (c < 0) {
                r = -1;
                break;
            }
            if (c == 0) {
                /* The child waits for the turn the parent passes below, after it has counted the
                 * fork: passing it here as well let a child run ahead while the parent was not yet
                 * scheduled, and the parent's late pass then set the turn back, so no task ever got
                 * the next one (a hang seen under heavy load). */
                run_events((int) v->a, i + 1, brk_base);
                _exit(0);
            }
            break;
        }
        case 'x':
            pass_turn(i + 1);
            _exit(0);
        default:
            fail(i, "unknown event kind in the event file");
            _exit(4);
        }
        if (r < 0) {
            snprintf(msg, sizeof msg, "failed natively: %s", strerror(errno));
            fail(i, msg);
            _exit(4);
        }
        uint64_t c1 = thread_ns();
        t1 = now_ns();
        int k = (int) (strchr(KINDS, v->kind) - KINDS);
        sh->calls[k]++;
        sh->ns[k] += t1 - t0 > mono_overhead ? t1 - t0 - mono_overhead : 0;
        sh->cpu[k] += c1 - c0 > cpu_overhead ? c1 - c0 - cpu_overhead : 0;
        pass_turn(i + 1);
    }
}

static int exec_trace(const char *file) {
    if (!parse(file)) {
        return 2;
    }
    sh = mmap(NULL, sizeof *sh, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    sh->fail_index = -1;
    char what[512];
    for (long i = 0; i < nev; i++) {
        event *v = &evs[i];
        uint64_t lo = 0, hi = 0;
        if (v->kind == 'm') lo = v->a, hi = v->a + v->b;
        if (v->kind == 'r' && (v->d & MREMAP_FIXED)) lo = v->e, hi = v->e + v->c;
        if (hi > lo && overlaps_own_mapping(lo, hi, what, sizeof what)) {
            printf("refuse event %ld maps [0x%llx, 0x%llx), which this process already uses (%s)\n", i,
                   (unsigned long long) lo, (unsigned long long) hi, what);
            return 3;
        }
    }
    if (getenv("PTREPLAY_ONE_CPU") != NULL) {
        /* Every task on the CPU this one started on (forked tasks inherit it), as the simulation
         * runs them: no CPU is left in the mm's cpumask to receive a remote flush. */
        cpu_set_t one;
        int cpu = sched_getcpu();
        CPU_ZERO(&one);
        CPU_SET(cpu, &one);
        if (sched_setaffinity(0, sizeof one, &one) == 0) {
            printf("pinned %d\n", cpu);
        }
    }
    prctl(PR_SET_CHILD_SUBREAPER, 1);
    struct sigaction sa = {0};
    sa.sa_handler = on_segv;
    sigaction(SIGSEGV, &sa, NULL);
    sigaction(SIGBUS, &sa, NULL);
    uint64_t brk_base = (uint64_t) syscall(SYS_brk, 0);
    clock_overheads();
    uint64_t t0 = now_ns();
    /* The trace's first task runs in a child, so that this process, a subreaper, outlives every
     * task of the trace and reports even when one of them fails. */
    pid_t first = fork();
    if (first == 0) {
        run_events(nev > 0 ? evs[0].pid : 0, 0, brk_base);
        _exit(0);
    }
    while (wait(NULL) > 0 || errno == EINTR) {
    }
    uint64_t wall = now_ns() - t0;
    if (sh->fail_index >= 0) {
        printf("fail %d %s\n", sh->fail_index, sh->fail);
        return 4;
    }
    for (int k = 0; KINDS[k]; k++) {
        printf("kind %c %llu %llu %llu\n", KINDS[k], (unsigned long long) sh->calls[k], (unsigned long long) sh->ns[k],
               (unsigned long long) sh->cpu[k]);
    }
    printf("wall %llu\n", (unsigned long long) wall);
    return 0;
}

int main(int argc, char **argv) {
    if (argc >= 2 && strcmp(argv[1], "info") == 0) {
        info();
        return 0;
    }
    if (argc >= 4 && strcmp(argv[1], "calibrate") == 0) {
        calibrate(atoi(argv[2]), atoi(argv[3]));
        return 0;
    }
    if (argc >= 3 && strcmp(argv[1], "placement") == 0) {
        return placement(strtoull(argv[2], NULL, 10));
    }
    if (argc >= 3 && strcmp(argv[1], "exec") == 0) {
        return exec_trace(argv[2]);
    }
    fprintf(stderr, "usage: %s info | calibrate REPS SCALE | placement BYTES | exec FILE\n", argv[0]);
    return 2;
}
