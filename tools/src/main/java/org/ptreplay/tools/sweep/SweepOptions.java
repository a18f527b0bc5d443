package org.ptreplay.tools.sweep;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The grid options of {@code ptreplay sweep}, shared with the Spark job's command line. A spec
 * file gives every axis; an option given on the command line replaces that axis.
 */
public final class SweepOptions {

    @Parameters(index = "0", arity = "0..1", paramLabel = "SPEC",
            description = "A spec file (.yaml, .yml, .textproto, .txtpb, .pbtxt) with the axes; options given replace its axes.")
    public Path specFile;

    @Option(names = "--generate", paramLabel = "NAME", description = "The workload generator to sweep (see generate --list).")
    public String generate;

    @Option(names = {"-p", "--param"}, paramLabel = "K=V1,V2",
            description = "A generator parameter and its values (repeatable); one job per combination.")
    public List<String> params = new ArrayList<>();

    @Option(names = "--trace", paramLabel = "FILE|DIR",
            description = "A trace file, or a directory whose files are the corpus (repeatable), instead of --generate.")
    public List<String> traces = new ArrayList<>();

    @Option(names = "--thp", paramLabel = "SIZES=V",
            description = {"The folio-size axis (repeatable): 4K,16K,64K=always gives one point per size (4K: no large folio);",
                "a setting with several keys (enabled=always,2M=always) is one point."})
    public List<String> thp = new ArrayList<>();

    @Option(names = "--cpus", split = ",", paramLabel = "N", description = "CPU counts (0: the profile's; default 0).")
    public List<String> cpus = new ArrayList<>();

    @Option(names = "--concurrency", split = ",", paramLabel = "N", description = "CPUs running the workload at once (default 1).")
    public List<String> concurrency = new ArrayList<>();

    @Option(names = "--arch", split = ",", paramLabel = "A",
            description = "Architectures with options; alternatives with '|' expand: arm64:contpte=off|basic|batched (default x86).")
    public List<String> archs = new ArrayList<>();

    @Option(names = "--strategy", split = ",", paramLabel = "S",
            description = "Strategy arguments; the first is the plots' baseline (default linux-6.17).")
    public List<String> strategies = new ArrayList<>();

    @Option(names = "--profile", split = ",", paramLabel = "P",
            description = "Machine profiles (default generic-<arch>).")
    public List<String> profiles = new ArrayList<>();

    @Option(names = "--profile-file", paramLabel = "FILE.txtpb",
            description = "Machine profiles from files (as replay takes them), for every job; may be repeated.")
    public List<String> profileFiles = new ArrayList<>();

    @Option(names = "--placement", paramLabel = "P",
            description = "Where order-0 folios go, as replay takes it (default buddy), for every job.")
    public String placement;

    @Option(names = "--lazy-tlb-cpus", paramLabel = "N",
            description = "CPUs in lazy-TLB mode for every traced process, as replay takes it (default 0), for every job.")
    public String lazyTlbCpus;

    /**
     * The spec: the file's axes, each replaced by the command line's when given.
     *
     * @throws IllegalArgumentException one sentence naming the bad value
     * @throws java.io.UncheckedIOException an unreadable spec file, one sentence
     */
    public SweepSpec spec() {
        SpecFile file = specFile == null ? new SpecFile(Map.of(), Map.of()) : SpecFile.load(specFile);
        Map<String, List<String>> v = new LinkedHashMap<>(file.values());
        override(v, "generate", generate == null ? List.of() : List.of(generate));
        override(v, "traces", traces);
        override(v, "thp", thp);
        override(v, "cpus", cpus);
        override(v, "concurrency", concurrency);
        override(v, "arch", archs);
        override(v, "strategy", strategies);
        override(v, "profile", profiles);
        override(v, "profile-file", profileFiles);
        override(v, "placement", placement == null ? List.of() : List.of(placement));
        override(v, "lazy-tlb-cpus", lazyTlbCpus == null ? List.of() : List.of(lazyTlbCpus));
        java.util.SortedMap<String, List<String>> p = new TreeMap<>(file.params());
        if (!params.isEmpty()) {
            p.clear();
            for (String kv : params) {
                int eq = kv.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("-p " + kv + ": expected NAME=VALUE[,VALUE…].");
                }
                List<String> values = List.of(kv.substring(eq + 1).split(",", -1));
                if (values.stream().anyMatch(String::isBlank)) {
                    throw new IllegalArgumentException("-p " + kv + ": a value is empty.");
                }
                p.merge(kv.substring(0, eq).strip(), values, (a, b) -> {
                    List<String> all = new ArrayList<>(a);
                    all.addAll(b);
                    return all;
                });
            }
        }
        List<String> gen = v.getOrDefault("generate", List.of());
        if (gen.size() > 1) {
            throw new IllegalArgumentException("a sweep has one generator, not " + gen + ".");
        }
        List<ThpPoint> thpPoints = new ArrayList<>();
        for (String t : v.getOrDefault("thp", List.of())) {
            try {
                thpPoints.addAll(ThpPoint.parse(t));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--thp " + t + ": " + e.getMessage(), e);
            }
        }
        List<String> archArgs = new ArrayList<>();
        for (String a : v.getOrDefault("arch", List.of())) {
            archArgs.addAll(expandAlternatives(a.strip()));
        }
        return new SweepSpec(gen.isEmpty() ? null : gen.get(0), p, v.getOrDefault("traces", List.of()), thpPoints,
                integers("cpus", v.getOrDefault("cpus", List.of())),
                integers("concurrency", v.getOrDefault("concurrency", List.of())),
                archArgs, strip(v.getOrDefault("strategy", List.of())), strip(v.getOrDefault("profile", List.of())),
                v.getOrDefault("profile-file", List.of()), single(v, "placement"),
                lazyTlb(single(v, "lazy-tlb-cpus")));
    }

    private static int lazyTlb(String value) {
        return value == null ? 0 : integers("lazy-tlb-cpus", List.of(value)).get(0);
    }

    private static String single(Map<String, List<String>> v, String key) {
        List<String> l = v.getOrDefault(key, List.of());
        if (l.size() > 1) {
            throw new IllegalArgumentException("a sweep has one " + key + ", not " + l + ".");
        }
        return l.isEmpty() ? null : l.get(0).strip();
    }

    private static void override(Map<String, List<String>> v, String key, List<String> given) {
        if (!given.isEmpty()) {
            v.put(key, given);
        }
    }

    private static List<String> strip(List<String> l) {
        return l.stream().map(String::strip).toList();
    }

    private static List<Integer> integers(String what, List<String> values) {
        List<Integer> out = new ArrayList<>();
        for (String s : values) {
            try {
                out.add(Integer.parseInt(s.strip()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--" + what + ": '" + s + "' is not a whole number.", e);
            }
        }
        return out;
    }

    /** {@code arm64:contpte=off|basic:granule=4k} → one arch argument per combination of alternatives, in order. */
    static List<String> expandAlternatives(String arch) {
        List<String> out = List.of("");
        String[] parts = arch.split(":");
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            List<String> choices = new ArrayList<>();
            int eq = part.indexOf('=');
            if (i > 0 && eq > 0 && part.indexOf('|') > eq) {
                for (String alt : part.substring(eq + 1).split("\\|")) {
                    choices.add(part.substring(0, eq + 1) + alt);
                }
            } else {
                choices.add(part);
            }
            List<String> next = new ArrayList<>();
            for (String prefix : out) {
                for (String c : choices) {
                    next.add(i == 0 ? c : prefix + ":" + c);
                }
            }
            out = next;
        }
        return out;
    }
}
