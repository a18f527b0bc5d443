package org.ptreplay.tools;

import org.ptreplay.tools.plugin.PluginLoader;
import org.ptreplay.spi.loader.DidYouMean;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.ptreplay.core.value.Placement;
import org.ptreplay.spi.loader.Providers;
import org.ptreplay.tools.text.Json;
import org.ptreplay.tools.text.Suggestions;
import org.ptreplay.tools.validate.Case;
import org.ptreplay.tools.validate.CaseResult;
import org.ptreplay.tools.validate.CaseRunner;
import org.ptreplay.tools.validate.Cases;
import org.ptreplay.tools.validate.ValidationOutput;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

@Command(name = "validate",
        mixinStandardHelpOptions = true,
        description = {
            "Reproduces published kernel measurements: generates each case's workload in memory, replays"
                    + " it through the case's cells and compares the simulated figure with the published one.",
            "",
            "One row per figure: published value, simulated value, error, tolerance, pass or fail."
                    + " docs/validation.md explains every case.",
            "",
            "With --local, checks the model against this machine instead (docs/native.md).",
            "",
            "Exit codes: 0 every case passes, 1 a case fails, 2 unknown case."})
final class ValidateCommand implements Callable<Integer> {

    @ParentCommand
    PtreplayCommand parent;

    @Spec
    CommandSpec spec;

    @Option(names = "--local", description = "Check the model against this machine instead: calibrate (unless --profile-file),"
            + " then execute fork-bench, munmap-bench (and its populate) at 4K/16K/64K/1M/2M folios, mremap-large"
            + " unaligned/PMD/PUD and jain-mremap at 4K/64K on this kernel and simulate each (docs/native.md).")
    boolean local;

    @Option(names = "--profile-file", paramLabel = "FILE.txtpb", description = "With --local: this machine's profile, instead of calibrating now.")
    Path profileFile;

    @Option(names = "--quick", description = "With --local: calibrate with --quick.")
    boolean quick;

    @Option(names = "--runs", paramLabel = "N", defaultValue = "5",
            description = "With --local: native runs per workload, after one warm-up run that is not counted (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--size", paramLabel = "BYTES", defaultValue = "256M",
            description = "With --local: the bytes fork-bench, munmap-bench and mremap-large populate (default: ${DEFAULT-VALUE}).")
    String size;

    @Option(names = "--case", paramLabel = "NAME", split = ",",
            description = "Run only these cases (default: all). Names: lorenzo-bigheap-x86, lkp-bigheap-x86,"
                    + " jain-mremap-arm64, joel-pmd-move-x86, kalesh-arm64-pmd, kalesh-arm64-pud, kalesh-x86-pud,"
                    + " david-fork-x86, ryan-contpte-basic, ryan-batching-altra, david-zap-x86.")
    List<String> names = new ArrayList<>();

    @Option(names = "--placement", paramLabel = "P", defaultValue = "buddy",
            description = "Where order-0 folios go in physical memory, in every cell, as replay takes it: buddy (the"
                    + " default: the page allocator from a measured machine's free memory), buddy:fresh,"
                    + " buddy:N0,N1,..., sequential, scattered or aged[:FRACTION] (docs/profiles.md).")
    String placement;

    @Option(names = "--lazy-tlb-cpus", paramLabel = "N", defaultValue = "0",
            description = "CPUs in lazy-TLB mode for every traced process, in every cell (default: ${DEFAULT-VALUE});"
                    + " x86 shootdowns reach them only when page tables are freed, arm64 ignores it (docs/cli.md).")
    int lazyTlbCpus;

    @Option(names = "--json", description = "Print JSON with sorted keys: every case, its checks and the commands that reproduce it.")
    boolean json;

    @Override
    public Integer call() {
        ParseResult parsed = spec.commandLine().getParseResult();
        if (local) {
            if (!names.isEmpty()) {
                throw CommandFailure.badUsage("--local runs this machine's checks, not the published cases; drop --case");
            }
            return LocalRun.run(parent.env(), profileFile, quick, runs, size, json, spec.commandLine().getOut(),
                    spec.commandLine().getErr());
        }
        for (String option : List.of("--profile-file", "--quick", "--runs", "--size")) {
            if (parsed.hasMatchedOption(option)) {
                throw CommandFailure.badUsage(option + " goes with --local");
            }
        }
        List<Case> cases = selected(names);
        PrintWriter err = spec.commandLine().getErr();
        Placement where;
        try {
            where = Placement.parse(placement);
        } catch (IllegalArgumentException e) {
            throw CommandFailure.badUsage("--placement: " + e.getMessage());
        }
        if (lazyTlbCpus < 0) {
            throw CommandFailure.badUsage("--lazy-tlb-cpus must be 0 or more, not " + lazyTlbCpus);
        }
        CaseRunner runner = new CaseRunner(PluginLoader.load(List.of()), Runtime.getRuntime().availableProcessors(),
                where, lazyTlbCpus);
        List<CaseResult> results = new ArrayList<>();
        for (Case c : cases) {
            err.println("validate: " + c.name() + " (" + (results.size() + 1) + "/" + cases.size() + ")");
            err.flush();
            try {
                results.add(runner.run(c));
            } catch (IllegalStateException e) {
                throw CommandFailure.badData(e.getMessage());
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(json ? Json.write(ValidationOutput.json(results)) : ValidationOutput.text(results));
        return results.stream().allMatch(CaseResult::passed) ? ExitCode.OK : ExitCode.FAILED;
    }

    /** The named cases in table order, or all; an unknown name is a usage error with a suggestion. */
    static List<Case> selected(List<String> names) {
        if (names.isEmpty()) {
            return Cases.all();
        }
        for (String n : names) {
            if (Cases.named(n).isEmpty()) {
                throw CommandFailure.badUsage("unknown case '" + n + "'"
                        + DidYouMean.hint(n, Cases.names())
                        + "; cases: " + Suggestions.list(Cases.names()));
            }
        }
        return Cases.all().stream().filter(c -> names.contains(c.name())).toList();
    }
}
