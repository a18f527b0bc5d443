package org.ptreplay.tools;

import java.util.List;
import java.util.Map;
import org.ptreplay.spi.OptionSpec;
import org.ptreplay.spi.WorkloadGenerator;
import org.ptreplay.tools.text.Table;
import org.ptreplay.tools.text.Width;

/** {@code generate --list}: each generator, its recommended THP settings and its parameters. */
final class GeneratorListing {

    private GeneratorListing() {
    }

    /** Every generator with its parameters; descriptions wrap to fit {@code width}. */
    static String text(List<WorkloadGenerator> generators, int width) {
        if (generators.isEmpty()) {
            return "No workload generators found.\n";
        }
        StringBuilder out = new StringBuilder();
        for (WorkloadGenerator g : generators) {
            if (out.length() > 0) {
                out.append('\n');
            }
            out.append(Width.wrap(g.name() + ": " + g.description(), "", width));
            String thp = recommendedThp(g);
            if (!thp.isEmpty()) {
                out.append(Width.wrap("recommended THP: " + thp, "  ", width));
            }
            Table table = new Table("  PARAMETER", "DEFAULT", "DESCRIPTION");
            for (OptionSpec o : g.parameters()) {
                String allowed = o.allowed().isEmpty() ? "" : " [" + String.join("|", o.allowed()) + "]";
                table.row("  " + o.name(), o.defaultValue(), o.description() + allowed);
            }
            out.append(g.parameters().isEmpty() ? "  no parameters\n" : table.last(Table.LastColumn.WRAP).render(width));
        }
        return out.toString();
    }

    /** With the default parameters; a generator whose defaults it refuses says so. */
    private static String recommendedThp(WorkloadGenerator g) {
        try {
            return g.recommendedThp(Map.of());
        } catch (IllegalArgumentException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }
}
