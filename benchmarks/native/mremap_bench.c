/*
 * mremap_bench: the real kernel's per-PTE move_ptes cost, for comparison with the simulator's
 * MovePtesBenchmark. Populates 1 GiB of 4 KiB pages (MADV_NOHUGEPAGE, one write per page), then
 * moves it with mremap(MREMAP_MAYMOVE | MREMAP_FIXED) back and forth between a PMD-aligned
 * address and an address 4 KiB past a PMD boundary, so that no page table can be moved whole
 * and move_ptes runs once per PTE. Each move is timed with clock_gettime(CLOCK_MONOTONIC).
 *
 * Build: gcc -O2 -Wall -o mremap_bench benchmarks/native/mremap_bench.c
 * Run:   ./mremap_bench [moves]   (default 10)
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#define PAGE (4096UL)
#define PMD (2UL << 20)
#define LEN (1UL << 30)

static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

/* Reserves LEN + 2 PMDs of address space (PROT_NONE) and returns its first PMD boundary. */
static uintptr_t reserve_aligned(void)
{
	void *p = mmap(NULL, LEN + 2 * PMD, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);

	if (p == MAP_FAILED) {
		perror("mmap reserve");
		exit(1);
	}
	return ((uintptr_t)p + PMD - 1) & ~(PMD - 1);
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
	int moves = argc > 1 ? atoi(argv[1]) : 10;
	unsigned long ptes = LEN / PAGE;
	uintptr_t aligned = reserve_aligned();
	uintptr_t offset = reserve_aligned() + PAGE;
	double *ns = calloc(moves, sizeof(*ns));
	char *p;

	if (moves < 1 || !ns) {
		fprintf(stderr, "usage: %s [moves >= 1]\n", argv[0]);
		return 2;
	}
	p = mmap((void *)aligned, LEN, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	if (p == MAP_FAILED) {
		perror("mmap");
		return 1;
	}
	if (madvise(p, LEN, MADV_NOHUGEPAGE)) {
		perror("madvise(MADV_NOHUGEPAGE)");
		return 1;
	}
	for (unsigned long i = 0; i < LEN; i += PAGE)
		p[i] = 1;

	for (int m = 0; m < moves; m++) {
		uintptr_t from = m % 2 ? offset : aligned;
		uintptr_t to = m % 2 ? aligned : offset;
		double t0 = now_ns();
		void *r = mremap((void *)from, LEN, LEN, MREMAP_MAYMOVE | MREMAP_FIXED, (void *)to);
		double t1 = now_ns();

		if (r != (void *)to) {
			perror("mremap");
			return 1;
		}
		ns[m] = (t1 - t0) / ptes;
		printf("move %d: %.0f us, %.2f ns per PTE\n", m, (t1 - t0) / 1e3, ns[m]);
	}
	qsort(ns, moves, sizeof(*ns), cmp_double);
	printf("%lu PTEs per move; best %.2f ns per PTE, median %.2f ns per PTE (%.1f M PTE/s at the median)\n",
	       ptes, ns[0], ns[moves / 2], 1e3 / ns[moves / 2]);
	return 0;
}
