package org.ptreplay.tools.sweep;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One point of a sweep's grid: one replay of one trace through every cell, with one THP setting,
 * CPU count and concurrency. It travels as text ({@link #encode}), so a Spark executor gets
 * exactly what the driver expanded.
 *
 * @param index       its place in the grid (rows of the table are in this order)
 * @param generator   the workload generator, or null for a trace file
 * @param params      the generator's parameters for this point
 * @param trace       the trace file (any Hadoop-compatible path on Spark), or null
 * @param thp         the THP setting
 * @param cpus        CPU count (0: the profile's)
 * @param concurrency CPUs running the workload at once
 * @param archs       arch arguments of the cells
 * @param strategies  strategy arguments of the cells
 * @param profiles    machine profiles of the cells
 * @param profileFiles machine profile files of the cells (by path: a rerun after editing one needs a new output directory)
 * @param placement   where order-0 folios go ({@code --placement})
 * @param lazyTlbCpus CPUs in lazy-TLB mode for every mm ({@code --lazy-tlb-cpus})
 */
public record SweepJob(int index, String generator, SortedMap<String, String> params, String trace, ThpPoint thp,
                       int cpus, int concurrency, List<String> archs, List<String> strategies, List<String> profiles,
                       List<String> profileFiles, String placement, int lazyTlbCpus) {

    public SweepJob {
        params = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(params));
        archs = List.copyOf(archs);
        strategies = List.copyOf(strategies);
        profiles = List.copyOf(profiles);
        profileFiles = List.copyOf(profileFiles);
    }

    /** What the table's {@code trace} column holds: the generator's name or the trace file. */
    public String traceName() {
        return generator != null ? generator : trace;
    }

    /**
     * A name for its result files: a digest of everything that decides its result (not its
     * index), so a rerun with a reordered or extended spec still finds the finished jobs.
     */
    public String id() {
        String encoded = encode();
        String identity = encoded.substring(encoded.indexOf('\n') + 1);
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** One {@code key=value} line per field, the index first; values escaped. */
    public String encode() {
        StringBuilder s = new StringBuilder();
        line(s, "index", Integer.toString(index));
        if (generator != null) {
            line(s, "generator", generator);
        }
        params.forEach((k, v) -> line(s, "param." + k, v));
        if (trace != null) {
            line(s, "trace", trace);
        }
        line(s, "thp.label", thp.label());
        line(s, "thp.setting", thp.setting());
        line(s, "cpus", Integer.toString(cpus));
        line(s, "concurrency", Integer.toString(concurrency));
        line(s, "archs", String.join(",", archs));
        line(s, "strategies", String.join(",", strategies));
        line(s, "profiles", String.join(",", profiles));
        // One line per file: a path may hold a comma.
        for (int i = 0; i < profileFiles.size(); i++) {
            line(s, "profile-file." + i, profileFiles.get(i));
        }
        line(s, "placement", placement);
        if (lazyTlbCpus != 0) {
            // Written only when set, so the jobs of sweeps that do not set it encode as before.
            line(s, "lazy-tlb-cpus", Integer.toString(lazyTlbCpus));
        }
        return s.toString();
    }

    /** @throws IllegalArgumentException if the text was not written by {@link #encode} */
    public static SweepJob decode(String text) {
        Map<String, String> f = new TreeMap<>();
        SortedMap<String, String> params = new TreeMap<>();
        List<String> profileFiles = new ArrayList<>();
        for (String l : text.split("\n")) {
            int eq = l.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("not a sweep job line: '" + l + "'.");
            }
            String key = l.substring(0, eq);
            String value = unescape(l.substring(eq + 1));
            if (key.startsWith("param.")) {
                params.put(key.substring("param.".length()), value);
            } else if (key.startsWith("profile-file.")) {
                profileFiles.add(value);
            } else {
                f.put(key, value);
            }
        }
        return new SweepJob(Integer.parseInt(f.get("index")), f.get("generator"), params, f.get("trace"),
                new ThpPoint(f.get("thp.label"), f.get("thp.setting")), Integer.parseInt(f.get("cpus")),
                Integer.parseInt(f.get("concurrency")), list(f.get("archs")), list(f.get("strategies")),
                list(f.get("profiles")), profileFiles, f.get("placement"),
                Integer.parseInt(f.getOrDefault("lazy-tlb-cpus", "0")));
    }

    private static List<String> list(String joined) {
        return joined == null || joined.isEmpty() ? List.of() : new ArrayList<>(Arrays.asList(joined.split(",")));
    }

    private static void line(StringBuilder s, String key, String value) {
        s.append(key).append('=').append(value.replace("\\", "\\\\").replace("\n", "\\n")).append('\n');
    }

    private static String unescape(String v) {
        StringBuilder out = new StringBuilder(v.length());
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '\\' && i + 1 < v.length()) {
                char n = v.charAt(++i);
                out.append(n == 'n' ? '\n' : n);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
