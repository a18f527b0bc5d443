package org.ptreplay.tools.validate;

import java.util.List;
import java.util.Map;
import org.ptreplay.tools.text.Table;

/** The text of {@code ptreplay demo}: per story, simulated against published numbers, the checks, and how to reproduce. */
public final class DemoOutput {
    private DemoOutput() {
    }

    /**
     * @param results   the result of every case the stories name
     * @param placement the placement every cell ran with, e.g. {@code aged:0.5}
     */
    public static String text(List<Story> stories, Map<String, CaseResult> results, String placement) {
        StringBuilder out = new StringBuilder();
        out.append("ptreplay demo: published kernel measurements, simulated from workloads generated in memory.\n");
        int n = 0;
        for (Story story : stories) {
            out.append('\n').append(++n).append(". ").append(story.title()).append('\n');
            for (String name : story.cases()) {
                CaseResult r = results.get(name);
                Case c = r.validationCase();
                out.append('\n').append("   ").append(c.title()).append(" [").append(c.source()).append("]\n");
                if (!r.readings().isEmpty()) {
                    Table readings = new Table("", "PUBLISHED", "SIMULATED", "UNIT");
                    for (ReadingResult rr : r.readings()) {
                        readings.row(rr.reading().label(), ValidationOutput.number(rr.reading().published()),
                                ValidationOutput.number(rr.simulated()), rr.reading().figure().unit());
                    }
                    indent(out, readings.render());
                }
                if (!r.explanations().isEmpty()) {
                    out.append('\n').append("   Where the difference comes from (physical placement ").append(placement)
                            .append(", see --placement and docs/profiles.md):\n");
                    Table cause = new Table("", "SIMULATED", "UNIT");
                    for (ExplanationResult x : r.explanations()) {
                        cause.row(x.explanation().label(), ValidationOutput.number(x.simulated()),
                                x.explanation().figure().unit());
                    }
                    indent(out, cause.render());
                }
                out.append('\n');
                indent(out, ValidationOutput.checks(List.of(r)));
                out.append("\n   Reproduce (the HTML report shows the paths and primitives behind the numbers):\n");
                for (Experiment e : c.experiments()) {
                    out.append("     ").append(e.generateCommand()).append('\n');
                    out.append("     ").append(e.replayCommand()).append('\n');
                }
            }
        }
        out.append("\nAbsolute numbers include work the simulator does not price (user space, cold VMA structures);"
                + " the checks compare ratios. 'ptreplay validate' runs every case; docs/validation.md explains them.\n");
        return out.toString();
    }

    private static void indent(StringBuilder out, String block) {
        for (String line : block.split("\n")) {
            out.append("   ").append(line).append('\n');
        }
    }
}
