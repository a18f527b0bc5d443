package org.ptreplay.tools;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.concurrent.Callable;
import org.ptreplay.tools.replay.CsvOutput;
import org.ptreplay.tools.compare.Pairing;
import org.ptreplay.tools.replay.ReplayDocument;
import org.ptreplay.tools.replay.ReplayText;
import org.ptreplay.tools.text.Json;
import org.ptreplay.tools.text.Width;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "replay",
        mixinStandardHelpOptions = true,
        description = {
            "Replays a trace through every cell (arch x strategy x profile, in that order) in one pass:"
                    + " the trace is decoded once and the cells run in parallel.",
            "",
            "Prints, per syscall kind, calls, simulated time and the costliest primitives, one column"
                    + " per cell; with several cells, the first strategy of each arch and profile (or --baseline) is the baseline"
                    + " of the others, which get delta and ratio columns.",
            "",
            "Exit codes: 0 ok, 1 unreadable trace or profile, event that cannot be replayed, a divergence"
                    + " with --strict, or a plugin strategy that failed (the other cells are still printed);"
                    + " 2 unknown name or bad option."})
final class ReplayCommand implements Callable<Integer> {

    @ParentCommand
    PtreplayCommand parent;

    @Spec
    CommandSpec spec;

    @Mixin
    CellOptions cells;

    @Mixin
    NativeOptions nativeOptions;

    @Option(names = "--strategy", split = ",", paramLabel = "S", defaultValue = "linux-6.17",
            description = "Strategy arguments: a kernel preset, a path strategy, or a preset with overrides"
                    + " (linux-6.16+move-ptes/folio-batch) (default: ${DEFAULT-VALUE}).")
    List<String> strategies = new ArrayList<>();

    @Option(names = "--csv", description = "Print CSV instead: one row per cell, syscall kind and primitive (header in docs/output-formats.md).")
    boolean csv;

    @Option(names = "--baseline", paramLabel = "S",
            description = "The strategy argument each arch and profile is compared with (default: the first --strategy);"
                    + " added to --strategy when not there.")
    String baseline;

    @Mixin
    ReplayFiles files;

    @Override
    public Integer call() {
        if (cells.json && csv) {
            throw CommandFailure.badUsage("--json and --csv both print the result; choose one");
        }
        NativeBeside beside = null;
        if (nativeOptions.enabled) {
            if (csv || files.folded != null || files.foldedDir != null || files.timeline != null) {
                throw CommandFailure.badUsage("--native goes with the text table, --json, --report and --svg;"
                        + " not with --csv, --folded, --folded-dir or --timeline");
            }
            beside = NativeBeside.prepare(cells, strategies, !spec.commandLine().getParseResult().hasMatchedOption("--strategy"),
                    nativeOptions, spec.commandLine().getParseResult(), parent.env(), spec.commandLine().getErr());
        }
        ReplayRun.Done done = ReplayRun.run(cells, Pairing.baselineFirst(baseline, strategies), parent.env(),
                spec.commandLine().getErr(), files.timelineEvents());
        // The JSON document and the HTML report are views of the same tree.
        SortedMap<String, Object> document = ReplayDocument.of(done.traceName(), done.plan(), done.outcome());
        if (beside != null) {
            beside.addTo(document);
        }
        files.write(done, document, baseline != null);
        String out;
        if (cells.json) {
            out = Json.write(document);
        } else if (csv) {
            out = CsvOutput.render(done.outcome());
        } else {
            out = ReplayText.render(done.traceName(), beside == null ? done.plan() : beside.plan(done.plan()), done.outcome(),
                    Width.of(parent.env())) + (beside == null ? "" : NativeBeside.text(document));
        }
        spec.commandLine().getOut().print(out);
        spec.commandLine().getOut().flush();
        return done.exitCode(spec.commandLine().getErr());
    }
}
