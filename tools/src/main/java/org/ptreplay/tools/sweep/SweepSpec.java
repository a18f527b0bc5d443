package org.ptreplay.tools.sweep;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.ptreplay.core.value.Placement;

/**
 * What a sweep replays: the axes of its grid. A grid point (a {@link SweepJob}) is one trace — a
 * generated workload with one value of each parameter, or one file of the corpus — with one THP
 * setting, one CPU count and one concurrency; its cells are every arch × strategy × profile, as
 * in {@code replay}, and share one decode of the trace.
 *
 * @param generator   the workload generator, or null for a corpus of trace files
 * @param params      generator parameters, each with its list of values (sorted by name)
 * @param traces      trace files or directories of traces (empty with a generator)
 * @param thp         the folio-size axis
 * @param cpus        CPU counts (0: the profile's)
 * @param concurrency CPUs running the workload at once
 * @param archs       arch arguments, with options ({@code arm64:contpte=off})
 * @param strategies  strategy arguments
 * @param profiles    machine profiles (empty: {@code generic-<arch>})
 * @param profileFiles machine profiles from files ({@code --profile-file}), named by the file
 * @param placement   where order-0 folios go in physical memory ({@code --placement}), for every job
 * @param lazyTlbCpus CPUs in lazy-TLB mode for every mm ({@code --lazy-tlb-cpus}), for every job
 */
public record SweepSpec(String generator, SortedMap<String, List<String>> params, List<String> traces,
                        List<ThpPoint> thp, List<Integer> cpus, List<Integer> concurrency,
                        List<String> archs, List<String> strategies, List<String> profiles,
                        List<String> profileFiles, String placement, int lazyTlbCpus) {

    public static final List<String> DEFAULT_ARCHS = List.of("x86");
    public static final List<String> DEFAULT_STRATEGIES = List.of("linux-6.17");

    /** @throws IllegalArgumentException one sentence saying what is missing or wrong */
    public SweepSpec {
        SortedMap<String, List<String>> p = new TreeMap<>();
        params.forEach((k, v) -> p.put(k, List.copyOf(v)));
        params = java.util.Collections.unmodifiableSortedMap(p);
        traces = List.copyOf(traces);
        thp = thp.isEmpty() ? List.of(ThpPoint.DEFAULT) : List.copyOf(thp);
        cpus = cpus.isEmpty() ? List.of(0) : List.copyOf(cpus);
        concurrency = concurrency.isEmpty() ? List.of(1) : List.copyOf(concurrency);
        archs = archs.isEmpty() ? DEFAULT_ARCHS : List.copyOf(archs);
        strategies = strategies.isEmpty() ? DEFAULT_STRATEGIES : List.copyOf(strategies);
        profiles = List.copyOf(profiles);
        profileFiles = List.copyOf(profileFiles);
        placement = placement == null ? Placement.DEFAULT.label() : placement;
        Placement.parse(placement);
        if (lazyTlbCpus < 0) {
            throw new IllegalArgumentException("--lazy-tlb-cpus must be 0 or more, not " + lazyTlbCpus + ".");
        }
        if ((generator == null) == traces.isEmpty()) {
            throw new IllegalArgumentException(generator == null
                    ? "a sweep needs a workload generator (--generate NAME) or trace files (a spec's traces)."
                    : "a sweep replays either a generated workload or trace files, not both.");
        }
        if (generator == null && !params.isEmpty()) {
            throw new IllegalArgumentException("generator parameters (-p) need a generator (--generate NAME).");
        }
        for (Map.Entry<String, List<String>> e : params.entrySet()) {
            if (e.getValue().isEmpty()) {
                throw new IllegalArgumentException("generator parameter " + e.getKey() + " has no value.");
            }
        }
        for (int c : cpus) {
            if (c < 0) {
                throw new IllegalArgumentException("CPU counts must be 0 (the profile's) or positive, not " + c + ".");
            }
        }
        for (int c : concurrency) {
            if (c < 1) {
                throw new IllegalArgumentException("concurrency must be at least 1, not " + c + ".");
            }
        }
    }

    /** The spec as {@code sweep.json} records it (keys sorted by the JSON writer). */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("generator", generator);
        m.put("params", new TreeMap<>(params));
        m.put("traces", traces);
        List<Object> t = new ArrayList<>();
        for (ThpPoint p : thp) {
            t.add(new TreeMap<>(Map.of("label", p.label(), "setting", p.setting())));
        }
        m.put("thp", t);
        m.put("cpus", cpus.stream().map(Integer::longValue).toList());
        m.put("concurrency", concurrency.stream().map(Integer::longValue).toList());
        m.put("archs", archs);
        m.put("strategies", strategies);
        m.put("profiles", profiles);
        m.put("profile_files", profileFiles);
        m.put("placement", placement);
        m.put("lazy_tlb_cpus", (long) lazyTlbCpus);
        return m;
    }
}
