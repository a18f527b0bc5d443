package org.ptreplay.tools.validate;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A published result ptreplay reproduces: its source, the experiments that simulate it and the
 * checks that compare the two.
 *
 * @param name        {@code lorenzo-bigheap-x86}, the {@code --case} argument
 * @param title       one line: who measured what on which machine
 * @param source      the primary source (Message-ID or commit)
 * @param experiments the replays, each on one profile
 * @param checks      the published figures
 * @param readings    published absolute numbers shown beside the simulated ones, unchecked
 * @param explanations simulated numbers that show where the difference comes from, unchecked
 */
public record Case(String name, String title, String source, List<Experiment> experiments, List<Check> checks,
                   List<Reading> readings, List<Explanation> explanations) {

    /** A case without explanations. */
    public Case(String name, String title, String source, List<Experiment> experiments, List<Check> checks,
                List<Reading> readings) {
        this(name, title, source, experiments, checks, readings, List.of());
    }

    public Case {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(source, "source");
        experiments = List.copyOf(experiments);
        checks = List.copyOf(checks);
        readings = List.copyOf(readings);
        explanations = List.copyOf(explanations);
        Set<String> ids = new HashSet<>();
        for (Experiment e : experiments) {
            if (!ids.add(e.id())) {
                throw new IllegalArgumentException("case " + name + " has two experiments " + e.id());
            }
        }
        Set<String> checkIds = new HashSet<>();
        for (Check c : checks) {
            if (!checkIds.add(c.id())) {
                throw new IllegalArgumentException("case " + name + " has two checks " + c.id());
            }
            for (CellRef ref : c.figure().cells()) {
                find(name, experiments, ref.experiment()).index(ref);
            }
        }
        for (Reading r : readings) {
            CellRef ref = r.figure().cell();
            find(name, experiments, ref.experiment()).index(ref);
        }
        for (Explanation x : explanations) {
            CellRef ref = x.figure().cell();
            find(name, experiments, ref.experiment()).index(ref);
        }
    }

    /** The experiment named {@code id}. */
    public Experiment experiment(String id) {
        return find(name, experiments, id);
    }

    private static Experiment find(String name, List<Experiment> experiments, String id) {
        return experiments.stream().filter(e -> e.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("case " + name + " has no experiment " + id));
    }
}
