package org.ptreplay.tools;

import org.ptreplay.tools.plugin.PluginLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.ptreplay.spi.OptionSpec;
import org.ptreplay.spi.WorkloadGenerator;
import org.ptreplay.spi.loader.Providers;
import org.ptreplay.spi.loader.ProviderKind;
import org.ptreplay.tools.text.Suggestions;
import org.ptreplay.trace.Codec;
import org.ptreplay.trace.TraceHeader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import org.ptreplay.tools.text.Width;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "generate",
        mixinStandardHelpOptions = true,
        description = {
            "Writes the trace of a synthetic workload (jain-mremap, bigheap, fork-bench, munmap-bench,"
                    + " mremap-large, or a plugin's) for replay.",
            "",
            "The trace header records the generator, every parameter (defaults included) and the THP"
                    + " settings the workload is meant for, as 'recommended-thp'. The same name and"
                    + " parameters always give the same bytes.",
            "",
            "A bad parameter is a usage error (exit 2); OUT is then left untouched."})
final class GenerateCommand implements Callable<Integer> {

    static final String RECOMMENDED_THP = "recommended-thp";

    @ParentCommand
    PtreplayCommand parent;

    @Spec
    CommandSpec spec;

    @Mixin
    PluginPathOption pluginPath;

    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "The workload generator (see --list).")
    String name;

    @Option(names = {"-p", "--param"}, paramLabel = "NAME=VALUE",
            description = "A generator parameter (repeatable); sizes take K, M, G, T, e.g. size=1G.")
    List<String> params = new ArrayList<>();

    @Option(names = {"-o", "--output"}, paramLabel = "OUT",
            description = "The trace to write (replaced if it exists): the text form for '-' or a name ending"
                    + " in .txt, a binary trace otherwise.")
    String output;

    @Option(names = "--to", paramLabel = "FORM", description = "What OUT gets: ptrace or text (default: from OUT's name).")
    String to;

    @Option(names = "--codec", paramLabel = "CODEC",
            description = "Compression of a binary trace: zstd (default), xz, gzip or none.")
    String codec;

    @Option(names = "--list", description = "List the workload generators (or only NAME) with their parameters.")
    boolean list;

    @Override
    public Integer call() {
        Providers registry = PluginLoader.load(pluginPath.directories(parent.env()));
        if (list) {
            List<String> names = name == null ? registry.names(ProviderKind.WORKLOAD) : List.of(name);
            List<WorkloadGenerator> generators = names.stream().map(n -> registry.require(ProviderKind.WORKLOAD, n)).toList();
            spec.commandLine().getOut().print(GeneratorListing.text(generators, Width.of(parent.env())));
            return ExitCode.OK;
        }
        if (name == null) {
            throw CommandFailure.badUsage("generate needs a workload NAME; workloads: "
                    + Suggestions.list(registry.names(ProviderKind.WORKLOAD)));
        }
        if (output == null) {
            throw CommandFailure.badUsage("generate needs -o OUT, the trace file to write");
        }
        Codec c = codec();
        EventOutput.Form form = EventOutput.form(output, to);
        WorkloadGenerator generator = registry.require(ProviderKind.WORKLOAD, name);
        Map<String, String> given = given();
        TraceHeader header = header(generator, given).withEventCountHint(count(generator, given));
        long events = write(generator, given, header, form, c);
        String thp = header.source().params().getOrDefault(RECOMMENDED_THP, "");
        spec.commandLine().getOut().println("wrote " + events + " events to " + output + " (" + name
                + (thp.isEmpty() ? "" : "; recommended THP: " + thp) + ")");
        return ExitCode.OK;
    }

    /** The requested codec, or null for the default (and for text output, which has none). */
    private Codec codec() {
        return CodecOption.parse(codec);
    }

    /** The {@code --param} values by name; each must be NAME=VALUE and given once. */
    private Map<String, String> given() {
        Map<String, String> given = new TreeMap<>();
        for (String p : params) {
            int eq = p.indexOf('=');
            if (eq <= 0) {
                throw CommandFailure.badUsage("--param '" + p + "' is not of the form NAME=VALUE");
            }
            if (given.put(p.substring(0, eq).trim(), p.substring(eq + 1)) != null) {
                throw CommandFailure.badUsage("parameter '" + p.substring(0, eq).trim() + "' is given twice");
            }
        }
        return given;
    }

    /**
     * The header: this tool as producer, the generator as source, every parameter with its value
     * (defaults included) and the recommended THP settings. Asking for them checks the parameters.
     */
    private static TraceHeader header(WorkloadGenerator generator, Map<String, String> given) {
        String thp;
        try {
            thp = generator.recommendedThp(given);
        } catch (IllegalArgumentException e) {
            throw CommandFailure.badUsage(e.getMessage());
        }
        SortedMap<String, String> effective = new TreeMap<>();
        for (OptionSpec o : generator.parameters()) {
            effective.put(o.name(), o.defaultValue());
        }
        effective.putAll(given);
        if (!thp.isEmpty()) {
            effective.put(RECOMMENDED_THP, thp);
        }
        return new TraceHeader(TraceHeader.CURRENT_VERSION, 0, "ptreplay " + VersionProvider.toolVersion(),
                new TraceHeader.Source(TraceHeader.SourceKind.GENERATOR, generator.name(), effective),
                TraceHeader.Machine.UNKNOWN, 0);
    }

    /**
     * The number of events the generator will write, for the header's event_count_hint: generators
     * are deterministic and fast next to the replay, so a counting pass costs little and gives
     * every later progress line its total.
     */
    private static long count(WorkloadGenerator generator, Map<String, String> given) {
        long[] n = {0};
        try {
            generator.generate(given, e -> n[0]++);
        } catch (IllegalArgumentException e) {
            throw CommandFailure.badUsage(e.getMessage());
        }
        return n[0];
    }

    /** Writes through {@link EventOutput}: a failure never leaves half a trace at OUT. */
    private long write(WorkloadGenerator generator, Map<String, String> given, TraceHeader header,
                       EventOutput.Form form, Codec c) {
        try (EventOutput out = EventOutput.open(output, form, c, header, spec.commandLine().getOut())) {
            try {
                generator.generate(given, out::write);
            } catch (IllegalArgumentException e) {
                throw CommandFailure.badUsage(e.getMessage());
            }
            out.commit();
            return out.events();
        }
    }
}
