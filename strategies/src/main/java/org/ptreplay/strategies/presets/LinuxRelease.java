package org.ptreplay.strategies.presets;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import org.ptreplay.spi.KernelConfig;
import org.ptreplay.spi.KernelPath;
import org.ptreplay.spi.KernelPreset;
import org.ptreplay.spi.Spi;

/**
 * A Linux release as the strategy it runs per path, the arch options it has and its kernel
 * configuration. The subclasses are the releases; each cites the commits that decide its choices.
 */
abstract class LinuxRelease implements KernelPreset {
    /** The release that first has try_realign_addr in move_page_tables (af8ca1c14906). */
    private static final int[] REALIGN_SINCE = {6, 7};
    /** The release that first has the folio's _large_mapcount (05c5323b2a34). */
    private static final int[] LARGE_MAPCOUNT_SINCE = {6, 10};
    /**
     * The release that first updates _nr_pages_mapped once per PTE batch (Message-ID
     * 20240807115515.1640951-1-david@redhat.com, in mm for 6.12).
     */
    private static final int[] BATCHED_NR_PAGES_MAPPED_SINCE = {6, 12};
    /** The release whose dup_mmap copies the VMA tree with __mt_dup (d24062914837). */
    private static final int[] FORK_MT_DUP_SINCE = {6, 8};
    /**
     * The release that queues only partially mapped large folios for deferred split (Message-ID
     * 20240502132852.862138-1-zi.yan@sent.com, in the MM pull for 6.10-rc1).
     */
    private static final int[] DEFERRED_SPLIT_PARTIAL_ONLY_SINCE = {6, 10};
    /**
     * The release whose free_pages_and_swap_cache works per folio_batch through folios_put_refs
     * (Matthew Wilcox, "mm: convert free_pages_and_swap_cache() to use folios_put()", mm for 6.9).
     */
    private static final int[] FREE_SWAP_CACHE_BATCHED_SINCE = {6, 9};

    private final String name;
    private final String description;
    private final Map<KernelPath, String> strategies;
    private final Map<String, Map<KernelPath, String>> archStrategies;
    private final Map<String, Map<String, String>> archOptions;
    private final KernelConfig kernelConfig;

    /**
     * @param version        the release, e.g. {@code 6.17-rc1}
     * @param strategies     strategy name per path, the same on every arch unless overridden
     * @param archStrategies per arch, the paths whose strategy differs on that arch
     * @param x86            the x86 options of this release
     * @param arm64          the arm64 options of this release
     */
    LinuxRelease(String version, String description, Map<KernelPath, String> strategies,
                 Map<String, Map<KernelPath, String>> archStrategies,
                 Map<String, String> x86, Map<String, String> arm64) {
        this.name = "linux-" + version;
        this.description = description;
        this.strategies = Collections.unmodifiableMap(new EnumMap<>(strategies));
        Map<String, Map<KernelPath, String>> perArch = new TreeMap<>();
        archStrategies.forEach((arch, overrides) -> {
            Map<KernelPath, String> merged = new EnumMap<>(strategies);
            merged.putAll(overrides);
            perArch.put(arch, Collections.unmodifiableMap(merged));
        });
        this.archStrategies = Collections.unmodifiableMap(perArch);
        Map<String, Map<String, String>> options = new TreeMap<>();
        options.put("arm64", Collections.unmodifiableMap(new TreeMap<>(arm64)));
        options.put("x86", Collections.unmodifiableMap(new TreeMap<>(x86)));
        this.archOptions = Collections.unmodifiableMap(options);
        // CONFIG_PAGE_MAPCOUNT: per-page mapcounts exist in every release up to 6.14 and stay unless
        // CONFIG_NO_PAGE_MAPCOUNT (6.15+, default n) is set; docs/kernel-model.md §0 (MAP±).
        // mremap_realign: try_realign_addr, docs/kernel-model.md §2.2.
        // large_mapcount, nr_pages_mapped_batched: which rmap counters of a large folio an rmap
        // batch touches, docs/kernel-model.md §0 (MAP±).
        // fork_mt_dup: how dup_mmap builds the child's VMA tree, docs/kernel-model.md §2.9.
        // deferred_split_partial_only: which rmap removals queue a folio, docs/kernel-model.md §4.6.
        // free_swap_cache_batched: how the gather's flush looks its entries up, docs/kernel-model.md §4.2.
        this.kernelConfig = new KernelConfig(true, atLeast(version, LARGE_MAPCOUNT_SINCE),
                atLeast(version, BATCHED_NR_PAGES_MAPPED_SINCE), atLeast(version, REALIGN_SINCE),
                atLeast(version, FORK_MT_DUP_SINCE), atLeast(version, DEFERRED_SPLIT_PARTIAL_ONLY_SINCE),
                atLeast(version, FREE_SWAP_CACHE_BATCHED_SINCE));
    }

    /** Whether a release such as {@code 6.17-rc1} is at or after {@code major.minor}. */
    static boolean atLeast(String version, int[] majorMinor) {
        String[] parts = version.split("[.-]");
        int major = Integer.parseInt(parts[0]);
        int minor = Integer.parseInt(parts[1]);
        return major != majorMinor[0] ? major > majorMinor[0] : minor >= majorMinor[1];
    }

    /**
     * The five paths in order: move_ptes, page-table moves, copy_pte_range, zap_pte_range,
     * change_pte_range.
     */
    static Map<KernelPath, String> paths(String movePtes, String pgtableMove, String copyPtes, String zapPtes,
                                         String changePtes) {
        Map<KernelPath, String> m = new EnumMap<>(KernelPath.class);
        m.put(KernelPath.MOVE_PTES, movePtes);
        m.put(KernelPath.PGTABLE_MOVE, pgtableMove);
        m.put(KernelPath.COPY_PTES, copyPtes);
        m.put(KernelPath.ZAP_PTES, zapPtes);
        m.put(KernelPath.CHANGE_PTES, changePtes);
        return m;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String description() {
        return description;
    }

    @Override
    public final String spiVersion() {
        return Spi.VERSION;
    }

    @Override
    public final Map<KernelPath, String> strategies() {
        return strategies;
    }

    @Override
    public final Map<KernelPath, String> strategies(String arch) {
        return archStrategies.getOrDefault(arch, strategies);
    }

    @Override
    public final Map<String, Map<String, String>> archOptions() {
        return archOptions;
    }

    @Override
    public final KernelConfig kernelConfig() {
        return kernelConfig;
    }
}
