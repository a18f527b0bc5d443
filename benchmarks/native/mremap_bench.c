/*
 * mremap_bench: the real kernel's per-PTE move_ptes cost, for comparison with the simulator's
 * MovePtesBenchmark. Populates 1 GiB of 4 KiB pages (MADV_NOHUGEPAGE, one write per page), then
 * moves it with mremap(MREMAP_MAYMOVE | MREMAP_FIXED) back and forth between a PMD-aligned
 * address and an address 4 KiB past a PMD boundary, so that no page table can be moved whole
 * and move_ptes runs once per PTE. Each move is timed with clock_gettime(CLOCK_MONOTONIC).
 *
 * Build: gcc -O2 -Wall -o mremap_bench benchmarks/native/mremap_bench.c
 * Run:   ./mremap_bench [moves]   (default 10)
 *
 * Also prints the time of the populate and of populate plus all moves: the kernel's time for the
 * workload `ptreplay generate mremap-large -p size=1G -p align=unaligned -p moves=N` describes.
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

/* CPU time of this thread (user and kernel): on a loaded machine, the time it was not waiting. */
static double cpu_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
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
	double populate0 = now_ns();
	double cpu0 = cpu_ns();

	for (unsigned long i = 0; i < LEN; i += PAGE)
		p[i] = 1;
	double populate = now_ns() - populate0;
	double populateCpu = cpu_ns() - cpu0;
	double moving = 0;
	double movingCpu = 0;

	for (int m = 0; m < moves; m++) {
		uintptr_t from = m % 2 ? offset : aligned;
		uintptr_t to = m % 2 ? aligned : offset;
		double c0 = cpu_ns();
		double t0 = now_ns();
		void *r = mremap((void *)from, LEN, LEN, MREMAP_MAYMOVE | MREMAP_FIXED, (void *)to);
		double t1 = now_ns();

		movingCpu += cpu_ns() - c0;

		if (r != (void *)to) {
			perror("mremap");
			return 1;
		}
		moving += t1 - t0;
		ns[m] = (t1 - t0) / ptes;
		printf("move %d: %.0f us, %.2f ns per PTE\n", m, (t1 - t0) / 1e3, ns[m]);
	}
	qsort(ns, moves, sizeof(*ns), cmp_double);
	printf("%lu PTEs per move; best %.2f ns per PTE, median %.2f ns per PTE (%.1f M PTE/s at the median)\n",
	       ptes, ns[0], ns[moves / 2], 1e3 / ns[moves / 2]);
	/* What `ptreplay generate mremap-large -p size=1G -p align=unaligned -p moves=N` replays. */
	printf("populate %.1f ms (page faults of 1 GiB); populate + %d moves %.1f ms; CPU time %.1f ms + %.1f ms = %.1f ms\n",
	       populate / 1e6, moves, (populate + moving) / 1e6, populateCpu / 1e6, movingCpu / 1e6,
	       (populateCpu + movingCpu) / 1e6);
	return 0;
}
