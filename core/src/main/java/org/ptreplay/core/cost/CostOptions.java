package org.ptreplay.core.cost;

/**
 * How a replay runs on the profiled machine, beyond the profile itself.
 *
 * @param concurrency CPUs running the workload at once; arm64 broadcast TLBI and DSB prices grow
 *                    with it (docs/kernel-model.md §8b)
 * @param cpus        logical CPUs of the machine, overriding the profile's count (e.g. a VM
 *                    given fewer CPUs); 0 keeps the profile's
 * @param prefetch    whether the cache model's stream prefetcher runs
 * @param pageBytes   base page size: the bytes one {@code PAGE_ZERO} zeroes and one page-table
 *                    page holds
 * @param blockStreams whether a whole 4 KiB block of a user-data stream may be applied to the
 *                    caches as one block record (issue #15), on by default; off, every line goes
 *                    through the per-line path. The results are identical either way (the
 *                    differential tests replay both); off exists for them and for measurements.
 */
public record CostOptions(int concurrency, int cpus, Prefetch prefetch, int pageBytes, boolean blockStreams) {

    /** Whether the stream prefetcher runs: as the profile says, or forced. */
    public enum Prefetch { PROFILE, ON, OFF }

    public CostOptions {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1, not " + concurrency);
        }
        if (cpus < 0) {
            throw new IllegalArgumentException("cpus must be 0 (the profile's count) or positive, not " + cpus);
        }
        if (prefetch == null) {
            throw new IllegalArgumentException("prefetch must be PROFILE, ON or OFF, not null");
        }
        if (pageBytes != 4096 && pageBytes != 16384 && pageBytes != 65536) {
            throw new IllegalArgumentException("pageBytes must be 4096, 16384 or 65536, not " + pageBytes);
        }
    }

    /** One CPU, the profile's CPU count and prefetcher, 4 KiB pages, block streams on. */
    public static CostOptions defaults() {
        return new CostOptions(1, 0, Prefetch.PROFILE, 4096, true);
    }

    public CostOptions withConcurrency(int value) {
        return new CostOptions(value, cpus, prefetch, pageBytes, blockStreams);
    }

    public CostOptions withCpus(int value) {
        return new CostOptions(concurrency, value, prefetch, pageBytes, blockStreams);
    }

    public CostOptions withPrefetch(Prefetch value) {
        return new CostOptions(concurrency, cpus, value, pageBytes, blockStreams);
    }

    public CostOptions withPageBytes(int value) {
        return new CostOptions(concurrency, cpus, prefetch, value, blockStreams);
    }

    public CostOptions withBlockStreams(boolean value) {
        return new CostOptions(concurrency, cpus, prefetch, pageBytes, value);
    }
}
