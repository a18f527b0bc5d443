package org.ptreplay.tools;

import java.util.List;
import java.util.Map;
import org.ptreplay.spi.OptionSpec;
import org.ptreplay.spi.WorkloadGenerator;
import org.ptreplay.tools.text.Table;

/** {@code generate --list}: each generator, its recommended THP settings and its parameters. */
final class GeneratorListing {

    private GeneratorListing() {
    }

    static String text(List<WorkloadGenerator> generators) {
        if (generators.isEmpty()) {
            return "No workload generators found.\n";
        }
        StringBuilder out = new StringBuilder();
        for (WorkloadGenerator g : generators) {
            if (out.length() > 0) {
                out.append('\n');
            }
            out.append(g.name()).append(": ").append(g.description()).append('\n');
            String thp = recommendedThp(g);
            if (!thp.isEmpty()) {
                out.append("  recommended THP: ").append(thp).append('\n');
            }
            Table table = new Table("  PARAMETER", "DEFAULT", "DESCRIPTION");
            for (OptionSpec o : g.parameters()) {
                String allowed = o.allowed().isEmpty() ? "" : " [" + String.join("|", o.allowed()) + "]";
                table.row("  " + o.name(), o.defaultValue(), o.description() + allowed);
            }
            out.append(g.parameters().isEmpty() ? "  no parameters\n" : table.render());
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
