package org.ptreplay.tools.validate;

import java.util.List;
import java.util.Map;
import org.ptreplay.tools.text.Table;
import org.ptreplay.tools.text.Width;

/** The text of {@code ptreplay demo}: per story, simulated against published numbers, the checks, and how to reproduce. */
public final class DemoOutput {
    private DemoOutput() {
    }

    /**
     * @param results   the result of every case the stories name
     * @param placement the placement every cell ran with, e.g. {@code buddy}
     * @param width     the columns the text must fit in
     */
    public static String text(List<Story> stories, Map<String, CaseResult> results, String placement, int width) {
        StringBuilder out = new StringBuilder();
        out.append("ptreplay demo: published kernel measurements, simulated from workloads generated in memory.\n");
        // A story with a failing check says so before its details, not only in its table.
        int k = 0;
        for (Story story : stories) {
            k++;
            List<String> failing = story.cases().stream().filter(name -> !results.get(name).passed()).toList();
            if (!failing.isEmpty()) {
                out.append(Width.wrap("Story " + k + " fails a check: " + String.join(", ", failing)
                        + " (see FAIL below; docs/validation.md explains the known gaps).", "", width));
            }
        }
        int n = 0;
        for (Story story : stories) {
            out.append('\n').append(++n).append(". ").append(story.title()).append('\n');
            for (String name : story.cases()) {
                CaseResult r = results.get(name);
                Case c = r.validationCase();
                out.append('\n').append(Width.wrap(c.title() + " [" + c.source() + "]", "   ", width));
                if (!r.readings().isEmpty()) {
                    Table readings = new Table("", "PUBLISHED", "SIMULATED", "UNIT");
                    for (ReadingResult rr : r.readings()) {
                        readings.row(rr.reading().label(), ValidationOutput.number(rr.reading().published()),
                                ValidationOutput.number(rr.simulated()), rr.reading().figure().unit());
                    }
                    indent(out, readings.render());
                }
                if (!r.explanations().isEmpty()) {
                    out.append('\n').append(Width.wrap("Where the difference comes from (physical placement " + placement
                            + ", see --placement and docs/profiles.md):", "   ", width));
                    Table cause = new Table("", "SIMULATED", "UNIT");
                    for (ExplanationResult x : r.explanations()) {
                        cause.row(x.explanation().label(), ValidationOutput.number(x.simulated()),
                                x.explanation().figure().unit());
                    }
                    indent(out, cause.render());
                }
                out.append('\n');
                indent(out, ValidationOutput.checksOf(r));
                out.append("\n   Reproduce (the HTML report shows the paths and primitives behind the numbers):\n");
                for (Experiment e : c.experiments()) {
                    out.append(command(e.generateCommand(), width));
                    out.append(command(e.replayCommand(), width));
                }
            }
        }
        out.append('\n').append(Width.wrap("Absolute numbers include work the simulator does not price (user space, cold VMA structures);"
                + " the checks compare ratios. './ptreplay validate' runs every case; docs/validation.md explains them.", "", width));
        return out.toString();
    }

    /**
     * A command to paste, run from the repository ({@code ./ptreplay}), broken before an option
     * with a shell line continuation when it is wider than the width, never inside an argument.
     */
    static String command(String command, int width) {
        String indent = "     ";
        String[] words = ("./" + command).split(" ");
        StringBuilder out = new StringBuilder();
        StringBuilder line = new StringBuilder(indent + words[0]);
        for (int i = 1; i < words.length; i++) {
            String word = words[i];
            // An option and its value stay together.
            if (word.startsWith("-") && i + 1 < words.length && !words[i + 1].startsWith("-")) {
                word = word + " " + words[++i];
            }
            if (line.length() + 1 + word.length() + 2 > width && line.length() > indent.length() + 10) {
                out.append(line).append(" \\\n");
                line = new StringBuilder(indent + "    ");
            } else {
                line.append(' ');
            }
            line.append(word);
        }
        return out.append(line).append('\n').toString();
    }

    private static void indent(StringBuilder out, String block) {
        for (String line : block.split("\n")) {
            out.append("   ").append(line).append('\n');
        }
    }
}
