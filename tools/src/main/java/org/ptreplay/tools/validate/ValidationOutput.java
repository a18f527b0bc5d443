package org.ptreplay.tools.validate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.ptreplay.tools.text.Table;

/** The validation results as a text table or as a JSON tree (for {@link org.ptreplay.tools.text.Json}). */
public final class ValidationOutput {
    private ValidationOutput() {
    }

    /**
     * One row per check, then per case how many checks are predictions and how many fits, the
     * sources, the totals and a one-line verdict.
     */
    public static String text(List<CaseResult> results) {
        StringBuilder out = new StringBuilder(checks(results));
        out.append('\n').append("Predictions and fits (a fit's figure went into a profile parameter;"
                + " docs/profiles.md, Calibration):\n");
        Table tally = new Table("CASE", "CHECKS", "PASS", "PREDICTIONS", "PASS", "FITS", "PASS");
        for (CaseResult r : results) {
            tallyRow(tally, r.validationCase().name(), Tally.of(r.checks()));
        }
        Tally total = Tally.ofCases(results);
        tallyRow(tally, "total", total);
        out.append(indent(tally.render()));
        out.append('\n').append("Published figures:\n");
        for (CaseResult r : results) {
            Case c = r.validationCase();
            out.append("  ").append(c.name()).append(": ").append(c.title()).append(" [").append(c.source()).append("]\n");
        }
        out.append('\n').append(total.passed()).append(" of ").append(total.checks()).append(" checks pass: ")
                .append(total.predictionsPassed()).append(" of ").append(total.predictions()).append(" predictions, ")
                .append(total.fitsPassed()).append(" of ").append(total.fits()).append(" fits.\n");
        List<String> failing = results.stream().filter(r -> !r.passed()).map(r -> r.validationCase().name()).toList();
        out.append(results.size() - failing.size()).append(" of ").append(results.size())
                .append(results.size() == 1 ? " case passes" : " cases pass");
        out.append(failing.isEmpty() ? "." : "; failing: " + String.join(", ", failing)
                + " (docs/validation.md says why).").append('\n');
        return out.toString();
    }

    private static void tallyRow(Table table, String name, Tally t) {
        table.row(name, Integer.toString(t.checks()), Integer.toString(t.passed()), Integer.toString(t.predictions()),
                Integer.toString(t.predictionsPassed()), Integer.toString(t.fits()), Integer.toString(t.fitsPassed()));
    }

    private static String indent(String block) {
        return block.lines().map(l -> "  " + l + "\n").reduce("", String::concat);
    }

    /** The table of checks: case, check, published, simulated, error, tolerance, kind, result. */
    static String checks(List<CaseResult> results) {
        Table table = new Table("CASE", "CHECK", "PUBLISHED", "SIMULATED", "ERROR", "TOLERANCE", "KIND", "RESULT");
        for (CaseResult r : results) {
            for (CheckResult c : r.checks()) {
                table.row(cells(r.validationCase().name(), c));
            }
        }
        return table.render();
    }

    /** One case's checks without the CASE column, for a page that already names the case (the demo). */
    static String checksOf(CaseResult r) {
        Table table = new Table("CHECK", "PUBLISHED", "SIMULATED", "ERROR", "TOLERANCE", "KIND", "RESULT");
        for (CheckResult c : r.checks()) {
            String[] row = cells("", c);
            table.row(java.util.Arrays.copyOfRange(row, 1, row.length));
        }
        return table.render();
    }

    private static String[] cells(String caseName, CheckResult c) {
        Check check = c.check();
        return new String[] {caseName, check.id(), number(check.published()), number(c.simulated()),
            check.tolerance().formatError(check.published(), c.simulated()), check.tolerance().describe(),
            kind(check), verdict(c)};
    }

    /** {@code prediction}, or {@code fit} when a profile parameter was fitted to the figure. */
    static String kind(Check check) {
        return check.prediction() ? "prediction" : "fit";
    }

    private static SortedMap<String, Object> tallyJson(Tally t) {
        SortedMap<String, Object> n = new TreeMap<>();
        n.put("checks", t.checks());
        n.put("passed", t.passed());
        n.put("predictions", t.predictions());
        n.put("predictions_passed", t.predictionsPassed());
        n.put("fits", t.fits());
        n.put("fits_passed", t.fitsPassed());
        return n;
    }

    /** {@code pass}, {@code FAIL}, or {@code FAIL (known gap)} for a documented miss. */
    static String verdict(CheckResult c) {
        if (c.passed()) {
            return c.check().knownGap().isPresent() ? "pass (unexpected)" : "pass";
        }
        return c.check().knownGap().isPresent() ? "FAIL (known gap)" : "FAIL";
    }

    /** The JSON tree: every case with its checks, figures and the commands that reproduce it. */
    public static SortedMap<String, Object> json(List<CaseResult> results) {
        List<Object> cases = new ArrayList<>();
        for (CaseResult r : results) {
            Case c = r.validationCase();
            SortedMap<String, Object> node = new TreeMap<>();
            node.put("name", c.name());
            node.put("title", c.title());
            node.put("source", c.source());
            node.put("passed", r.passed());
            List<Object> checks = new ArrayList<>();
            for (CheckResult cr : r.checks()) {
                Check check = cr.check();
                SortedMap<String, Object> n = new TreeMap<>();
                n.put("id", check.id());
                n.put("figure", check.figure().describe());
                n.put("published", round(check.published()));
                n.put("quote", check.quote());
                n.put("simulated", round(cr.simulated()));
                n.put("error", round(cr.error()));
                n.put("tolerance", new TreeMap<>(Map.of("kind", check.tolerance().kind(),
                        "bound", round(check.tolerance().bound()))));
                n.put("passed", cr.passed());
                n.put("known_gap", check.knownGap().orElse(null));
                n.put("kind", kind(check));
                n.put("fitted_parameter", check.fit().orElse(null));
                checks.add(n);
            }
            node.put("checks", checks);
            node.put("tally", tallyJson(Tally.of(r.checks())));
            List<Object> readings = new ArrayList<>();
            for (ReadingResult rr : r.readings()) {
                Reading reading = rr.reading();
                readings.add(new TreeMap<>(Map.of("label", reading.label(), "published", round(reading.published()),
                        "simulated", round(rr.simulated()), "unit", reading.figure().unit(),
                        "figure", reading.figure().describe())));
            }
            node.put("readings", readings);
            List<Object> explanations = new ArrayList<>();
            for (ExplanationResult x : r.explanations()) {
                explanations.add(new TreeMap<>(Map.of("label", x.explanation().label(),
                        "simulated", round(x.simulated()), "unit", x.explanation().figure().unit(),
                        "figure", x.explanation().figure().describe())));
            }
            node.put("explanations", explanations);
            List<Object> experiments = new ArrayList<>();
            for (Experiment e : c.experiments()) {
                experiments.add(new TreeMap<>(Map.of("id", e.id(), "generate", e.generateCommand(),
                        "replay", e.replayCommand())));
            }
            node.put("experiments", experiments);
            cases.add(node);
        }
        SortedMap<String, Object> root = new TreeMap<>();
        root.put("cases", cases);
        root.put("tally", tallyJson(Tally.ofCases(results)));
        root.put("passed", results.stream().allMatch(CaseResult::passed));
        return root;
    }

    /** Four significant digits, plain notation: 0.5666, 23.06, 14.33, 143857. */
    static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        double a = Math.abs(v);
        int decimals = a >= 1000 ? 0 : a >= 100 ? 1 : a >= 10 ? 2 : a >= 1 ? 3 : 4;
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    /** Six significant digits: stable in JSON and far finer than any tolerance. */
    static double round(double v) {
        if (v == 0 || Double.isNaN(v) || Double.isInfinite(v)) {
            return v;
        }
        return new java.math.BigDecimal(v).round(new java.math.MathContext(6)).doubleValue();
    }
}
