package org.ptreplay.tools.validate;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One generated workload replayed through a set of cells: every arch argument with every strategy
 * argument, on one machine profile — exactly what {@code ptreplay replay} runs for the same
 * arguments, so {@link #generateCommand} and {@link #replayCommand} reproduce it.
 *
 * @param id          unique within its case; names the trace file of the commands
 * @param generator   the workload generator
 * @param params      generator parameters (the others keep their defaults)
 * @param thp         THP settings as {@code --thp} takes them; empty for the kernel defaults
 * @param archs       arch arguments, e.g. {@code arm64:contpte=basic}
 * @param strategies  strategy arguments (kernel presets or path strategies)
 * @param profile     the machine profile
 * @param concurrency CPUs running the workload at once
 */
public record Experiment(String id, String generator, Map<String, String> params, String thp,
                         List<String> archs, List<String> strategies, String profile, int concurrency) {

    public Experiment {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(generator, "generator");
        params = Collections.unmodifiableSortedMap(new TreeMap<>(params));
        Objects.requireNonNull(thp, "thp");
        archs = List.copyOf(archs);
        strategies = List.copyOf(strategies);
        Objects.requireNonNull(profile, "profile");
        if (archs.isEmpty() || strategies.isEmpty()) {
            throw new IllegalArgumentException("experiment " + id + " needs at least one arch and one strategy");
        }
        if (concurrency < 1) {
            throw new IllegalArgumentException("experiment " + id + ": concurrency must be at least 1");
        }
    }

    /** The cell of {@code arch} and {@code strategy} in this experiment. */
    public CellRef cell(String arch, String strategy) {
        return new CellRef(id, arch, strategy);
    }

    /** The position of a cell in the replay's plan: arch-major, as {@code replay} orders cells. */
    int index(CellRef ref) {
        int a = archs.indexOf(ref.arch());
        int s = strategies.indexOf(ref.strategy());
        if (!ref.experiment().equals(id) || a < 0 || s < 0) {
            throw new IllegalArgumentException("experiment " + id + " has no cell " + ref);
        }
        return a * strategies.size() + s;
    }

    /** {@code ptreplay generate …} writing this workload to {@code <id>.ptrace}. */
    public String generateCommand() {
        List<String> words = new ArrayList<>(List.of("ptreplay", "generate", generator));
        params.forEach((k, v) -> {
            words.add("--param");
            words.add(k + "=" + v);
        });
        words.add("-o");
        words.add(id + ".ptrace");
        return String.join(" ", words);
    }

    /** {@code ptreplay replay …} of that trace with these cells, and the HTML report. */
    public String replayCommand() {
        List<String> words = new ArrayList<>(List.of("ptreplay", "replay", id + ".ptrace",
                "--arch", String.join(",", archs), "--strategy", String.join(",", strategies), "--profile", profile));
        if (!thp.isEmpty()) {
            words.add("--thp");
            words.add(thp);
        }
        if (concurrency != 1) {
            words.add("--concurrency");
            words.add(Integer.toString(concurrency));
        }
        words.add("--report");
        words.add(id + ".html");
        return String.join(" ", words);
    }
}
