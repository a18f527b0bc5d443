/*
 * mremap_cold: what a syscall costs right after user space streamed a lot of memory (cold) against
 * right after an identical call (hot), for three calls of increasing kernel footprint:
 *
 *   getppid   the syscall entry and exit with almost no work in between;
 *   small     mremap(MREMAP_MAYMOVE | MREMAP_FIXED) of one populated 4 KiB shmem page between two
 *             addresses of one PTE table (kept by a neighbouring page, so no table is allocated or
 *             freed): the VMA work of a move (copy_vma, the destination's and the source's unmap)
 *             with one PTE moved;
 *   pud       the same call on a populated 1 GiB shmem region between two PUD-aligned holes, as
 *             Kalesh Singh's tools/testing/selftests/vm/mremap_test.c (MAP_SHARED | MAP_ANONYMOUS,
 *             MREMAP_MAYMOVE | MREMAP_FIXED): the same VMA work with the page tables moved by one
 *             PUD relink (HAVE_MOVE_PUD, be37c98d1134).
 *
 * "Cold" is the first call after a memset of EVICT_MiB of other, already populated private memory
 * (default 1024: far more than any cache, and 262,144 4 KiB pages through the TLB, as the memset
 * of Kalesh's test); "hot" is the same call made again at once (the pud and small moves go back).
 * Each repetition runs every kind cold then hot, so the kinds see the same machine load. An empty
 * timed interval is measured the same way (the clock's own cost). Every interval is one call
 * between two clock_gettime(CLOCK_MONOTONIC) reads; a first clock read before it keeps the vDSO's
 * own cold lines out of the interval.
 *
 *   small and pud after helper: the same, but the cold call comes right after a round trip
 *             through a pipe to a helper process on the same CPU; after helper's small / pud:
 *             the helper first makes the same call on mappings of its own. Kernel text and global
 *             data are shared between the processes, the mm, VMAs, tree nodes and page tables
 *             not: the difference between the two is what warm text and shared data save.
 *   selftest  Kalesh's test in its own order: map the 1 GiB source (MAP_FIXED_NOREPLACE), memset
 *             all of it (faulting every page), one timed move; "hot" is the move back at once.
 *
 * Build: cc -O2 -Wall -o /tmp/mremap_cold benchmarks/native/mremap_cold.c
 * Run:   /tmp/mremap_cold [reps] [evict_MiB] [selftest_reps]   (defaults 100, 1024, 10; needs
 *        2 GiB + evict_MiB free; a selftest repetition faults 1 GiB and takes seconds)
 * Output: per kind, cold and hot: median, quartiles, min and max in ns, then cold - hot medians.
 */
#define _GNU_SOURCE
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#define PAGE (4096UL)
#define PMD (2UL << 20)
#define PUD (1UL << 30)

enum kind { EMPTY, GETPPID, SMALL, PUDMOVE, SMALL_NOP, SMALL_TEXT, PUD_NOP, PUD_TEXT, SELFTEST, KINDS };
static const char *const names[KINDS] = {
	"empty", "getppid", "small", "pud", "small after helper", "small after helper's small",
	"pud after helper", "pud after helper's pud", "selftest",
};
/* The helper's command before the cold call of a kind (0: no helper), and the call timed. */
static const char helper_cmd[KINDS] = { [SMALL_NOP] = 'n', [SMALL_TEXT] = 's', [PUD_NOP] = 'n', [PUD_TEXT] = 'p' };
static const enum kind timed_kind[KINDS] = {
	EMPTY, GETPPID, SMALL, PUDMOVE, SMALL, SMALL, PUDMOVE, PUDMOVE, PUDMOVE,
};
static int to_helper, from_helper;

static char *evict_buf;
static size_t evict_len;
static volatile unsigned char sink;

static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static void die(const char *what)
{
	perror(what);
	exit(1);
}

/* Streams the eviction buffer as the test's memset does: every line written, every page touched. */
static void evict(int round)
{
	if (evict_len) {
		memset(evict_buf, round & 0xff, evict_len);
		sink = evict_buf[evict_len - 1];
	}
}

/* An address aligned to `align` inside a fresh PROT_NONE reservation of len + align bytes. */
static uintptr_t reserve(size_t len, size_t align)
{
	void *p = mmap(NULL, len + align, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);

	if (p == MAP_FAILED)
		die("mmap reserve");
	return ((uintptr_t)p + align - 1) & ~(align - 1);
}

/* A populated MAP_SHARED | MAP_ANONYMOUS mapping of len bytes at the fixed address at. */
static void move(uintptr_t from, uintptr_t to, size_t len)
{
	if (mremap((void *)from, len, len, MREMAP_MAYMOVE | MREMAP_FIXED, (void *)to) != (void *)to)
		die("mremap");
}

/* A MAP_SHARED | MAP_ANONYMOUS mapping of len bytes at the fixed address at, its first `touch` written. */
static char *shmem_at(uintptr_t at, size_t len, size_t touch)
{
	char *p = mmap((void *)at, len, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS | MAP_FIXED, -1, 0);

	if (p == MAP_FAILED)
		die("mmap shmem");
	memset(p, 0x5a, touch);
	return p;
}

/*
 * The regions the moves use: pud[0] a 1 GiB shmem source (its first `touch` bytes written) with
 * the holes pud[1], self[0] and self[1] still reserved (the caller unmaps them last, so that no
 * later mapping lands in them), and small[0] a shmem page whose PTE table a page at the table's
 * start keeps, small[1] the other slot in that table.
 */
static void regions(uintptr_t pud[2], uintptr_t small[2], uintptr_t self[2], size_t touch)
{
	/*
	 * PUD-aligned 1 GiB holes inside one reservation, a gigabyte of reservation between and
	 * around them: the destination's unmap finds nothing, and the source's unmap frees no upper
	 * table (its neighbours keep them), as in the selftest.
	 */
	uintptr_t base = reserve(9 * PUD, PUD);
	uintptr_t table = reserve(PMD, PMD);

	pud[0] = base + PUD;
	pud[1] = base + 3 * PUD;
	shmem_at(pud[0], PUD, touch);
	self[0] = base + 5 * PUD;
	self[1] = base + 7 * PUD;

	shmem_at(table, PAGE, PAGE);
	small[0] = table + 16 * PAGE;
	small[1] = table + 32 * PAGE;
	if (munmap((void *)small[0], PAGE) || munmap((void *)small[1], PAGE))
		die("munmap small");
	shmem_at(small[0], PAGE, PAGE);
}

static void holes(const uintptr_t pud[2], const uintptr_t self[2])
{
	if (munmap((void *)pud[1], PUD) || munmap((void *)self[0], PUD) || munmap((void *)self[1], PUD))
		die("munmap hole");
}

/*
 * A second process on the same CPU with regions of its own (one page of its 1 GiB written). On
 * command it answers at once ('n'), or first moves its own page ('s') or its own 1 GiB region
 * ('p') back and forth as the parent does: the kernel's text and its global data are shared
 * between processes, the mm, its VMAs, tree nodes and page tables are not. So a parent's cold
 * call right after the helper's identical one finds the text warm and its own data cold.
 */
static void start_helper(void)
{
	int down[2], up[2];
	pid_t pid;

	if (pipe(down) || pipe(up))
		die("pipe");
	pid = fork();
	if (pid < 0)
		die("fork");
	if (pid == 0) {
		uintptr_t pud[2], small[2], self[2];
		int at_small = 0, at_pud = 0;
		char c;

		close(down[1]);
		close(up[0]);
		regions(pud, small, self, PAGE);
		holes(pud, self);
		while (read(down[0], &c, 1) == 1 && c != 'q') {
			if (c == 's') {
				move(small[at_small], small[!at_small], PAGE);
				at_small = !at_small;
			} else if (c == 'p') {
				move(pud[at_pud], pud[!at_pud], PUD);
				at_pud = !at_pud;
			}
			if (write(up[1], &c, 1) != 1)
				die("helper write");
		}
		_exit(0);
	}
	close(down[0]);
	close(up[1]);
	to_helper = down[1];
	from_helper = up[0];
}

static void helper(char cmd)
{
	char c;

	if (write(to_helper, &cmd, 1) != 1 || read(from_helper, &c, 1) != 1)
		die("helper");
}

/* One call of the kind; `back` selects the move's direction. */
static void call(enum kind k, int back, const uintptr_t pud[2], const uintptr_t small[2])
{
	switch (k) {
	case EMPTY:
		break;
	case GETPPID:
		getppid();
		break;
	case SMALL:
		move(small[back], small[!back], PAGE);
		break;
	case PUDMOVE:
		move(pud[back], pud[!back], PUD);
		break;
	default:
		abort();
	}
}

static double timed(enum kind k, int back, const uintptr_t pud[2], const uintptr_t small[2])
{
	double t0, t1;

	now_ns();
	t0 = now_ns();
	call(k, back, pud, small);
	t1 = now_ns();
	return t1 - t0;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static void report(const char *name, double *v, int n)
{
	qsort(v, n, sizeof(*v), cmp_double);
	printf("  %-5s median %9.0f  q1 %9.0f  q3 %9.0f  min %9.0f  max %9.0f\n", name, v[n / 2],
	       v[n / 4], v[3 * n / 4], v[0], v[n - 1]);
}

int main(int argc, char **argv)
{
	int reps = argc > 1 ? atoi(argv[1]) : 100;
	long evict_mib = argc > 2 ? atol(argv[2]) : 1024;
	int self_reps = argc > 3 ? atoi(argv[3]) : 10;
	uintptr_t pud[2], small[2], self[2];
	double *cold[KINDS], *hot[KINDS];

	/* One CPU: the mm's cpumask stays this CPU, so no move's flush sends an IPI to the other. */
	cpu_set_t one;

	CPU_ZERO(&one);
	CPU_SET(sched_getcpu(), &one);
	if (sched_setaffinity(0, sizeof(one), &one))
		die("sched_setaffinity");
	if (reps < 1 || evict_mib < 0 || self_reps < 1) {
		fprintf(stderr, "usage: %s [reps >= 1] [evict_MiB >= 0] [selftest_reps >= 1]\n", argv[0]);
		return 2;
	}
	for (int k = 0; k < KINDS; k++) {
		cold[k] = calloc(k == SELFTEST ? self_reps : reps, sizeof(double));
		hot[k] = calloc(k == SELFTEST ? self_reps : reps, sizeof(double));
		if (!cold[k] || !hot[k])
			die("calloc");
	}

	start_helper(); /* before the big mappings: the fork copies none of them */
	regions(pud, small, self, PUD);

	evict_len = (size_t)evict_mib << 20;
	if (evict_len) {
		evict_buf = mmap(NULL, evict_len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (evict_buf == MAP_FAILED)
			die("mmap evict");
		evict(1); /* populate: the timed rounds fault nothing */
	}
	holes(pud, self);

	/*
	 * A hot move is timed in the same direction as the cold one (the move back in between is not
	 * timed): on this kernel consecutive 1 GiB moves alternate between two costs (about 14 and
	 * 40-55 us hot, see benchmarks/native/README.md), so only like is compared with like. A
	 * kind's turn ends with its region at the other address, so the directions alternate.
	 */
	int at[KINDS] = { 0 }; /* which address the region a kind moves is at */

	for (int r = 0; r < reps; r++) {
		for (int k = 0; k < SELFTEST; k++) {
			enum kind t = timed_kind[k];
			int x = at[t];

			evict(r);
			if (helper_cmd[k])
				helper(helper_cmd[k]);
			cold[k][r] = timed(t, x, pud, small);
			if (t == SMALL || t == PUDMOVE)
				call(t, !x, pud, small);
			hot[k][r] = timed(t, x, pud, small);
			at[t] = !x;
		}
	}
	for (int r = 0; r < self_reps; r++) {
		/*
		 * The selftest's own order: map the source (MAP_FIXED_NOREPLACE), write all of it (its
		 * faults and its data stream are the eviction), one timed move to the hole; "hot" is
		 * the move back at once. Then the source goes, as the test's process exits.
		 */
		if (mmap((void *)self[0], PUD, PROT_READ | PROT_WRITE,
			 MAP_SHARED | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0) != (void *)self[0])
			die("mmap selftest source");
		memset((void *)self[0], r & 0xff, PUD);
		cold[SELFTEST][r] = timed(PUDMOVE, 0, self, small);
		hot[SELFTEST][r] = timed(PUDMOVE, 1, self, small);
		if (munmap((void *)self[0], PUD))
			die("munmap selftest source");
	}

	printf("mremap_cold: eviction memset %ld MiB; times in ns, one call each\n", evict_mib);
	for (int k = 0; k < KINDS; k++) {
		int n = k == SELFTEST ? self_reps : reps;
		double c, h;

		printf("%s (%d repetitions)\n", names[k], n);
		report("cold", cold[k], n);
		report("hot", hot[k], n);
		c = cold[k][n / 2];
		h = hot[k][n / 2];
		printf("  cold - hot (medians) %9.0f\n", c - h);
	}
	if (write(to_helper, "q", 1) != 1)
		die("helper quit");
	return 0;
}
