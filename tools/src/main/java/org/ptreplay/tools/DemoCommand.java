package org.ptreplay.tools;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.ptreplay.tools.plugin.PluginRegistry;
import org.ptreplay.tools.plugin.ProviderKind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * PLACEHOLDER for the demo (replay bundled traces, compare strategies per architecture): until the
 * bundled demo traces land (with the workload generators) it shows the built-in plugins and says
 * what is missing. It simulates nothing; {@code replay} and {@code compare} do.
 */
@Command(name = "demo",
        mixinStandardHelpOptions = true,
        description = {
            "Will replay bundled traces on each architecture and compare the batching strategies.",
            "",
            "Not yet: this build has no bundled demo traces, so it lists the built-in plugins and says"
                    + " which pieces are missing. It simulates nothing; 'replay' and 'compare' replay a trace of yours."})
final class DemoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PluginRegistry registry = PluginRegistry.load(List.of());
        PrintWriter out = spec.commandLine().getOut();
        out.print(PluginsReport.text(registry));
        out.println();
        out.println("The demo cannot replay anything yet. Missing from this build:");
        out.println("  - the bundled demo traces (they come with the workload generators)");
        for (ProviderKind<?> kind : ProviderKind.ALL) {
            if (registry.names(kind).isEmpty()) {
                out.println("  - " + kind.plural() + ": " + whatIsThere(registry, kind));
            }
        }
        return ExitCode.OK;
    }

    private static String whatIsThere(PluginRegistry registry, ProviderKind<?> kind) {
        List<String> listed = registry.entries().stream()
                .filter(e -> e.kind().equals(kind))
                .map(e -> e.name() + " (" + e.status().label() + ")")
                .toList();
        return listed.isEmpty() ? "none found" : "none usable; found " + String.join(", ", listed);
    }
}
