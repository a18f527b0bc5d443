package org.ptreplay.tools;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.concurrent.Callable;
import org.ptreplay.tools.compare.CompareCsv;
import org.ptreplay.tools.compare.CompareJson;
import org.ptreplay.tools.compare.CompareText;
import org.ptreplay.tools.compare.Comparison;
import org.ptreplay.tools.compare.Pairing;
import org.ptreplay.tools.replay.ReplayDocument;
import org.ptreplay.tools.report.TreeReader;
import org.ptreplay.tools.text.Json;
import org.ptreplay.tools.text.Width;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "compare",
        mixinStandardHelpOptions = true,
        description = {
            "Replays a trace under a baseline strategy and one or more others (the replay engine, one pass),"
                    + " and ranks the syscall kinds, paths (self time) and primitives by their contribution to"
                    + " the difference, per arch and profile.",
            "",
            "Exit codes as for replay."})
final class CompareCommand implements Callable<Integer> {

    @ParentCommand
    PtreplayCommand parent;

    @Spec
    CommandSpec spec;

    @Mixin
    CellOptions cells;

    @Mixin
    NativeOptions nativeOptions;

    @Option(names = "--baseline", paramLabel = "S",
            description = "The strategy argument the others are compared with, e.g. linux-6.16 (default: the first --strategy).")
    String baseline;

    @Option(names = "--strategy", split = ",", paramLabel = "T", required = true,
            description = "The strategy arguments to compare with the baseline.")
    List<String> strategies = new ArrayList<>();

    @Mixin
    RankingOptions ranking;

    @Option(names = "--csv", description = "Print CSV instead: one row per pair, table and name, every non-zero row (header in docs/cli.md).")
    boolean csv;

    @Mixin
    ReplayFiles files;

    @Override
    public Integer call() {
        if (cells.json && csv) {
            throw CommandFailure.badUsage("--json and --csv both print the result; choose one");
        }
        List<String> all = Pairing.baselineFirst(baseline, strategies);
        if (all.size() < 2) {
            throw CommandFailure.badUsage("compare needs a baseline and another strategy: give --baseline S or two --strategy arguments");
        }
        NativeBeside beside = nativeOptions.enabled ? NativeBeside.prepare(cells, all, false, nativeOptions,
                spec.commandLine().getParseResult(), parent.env(), spec.commandLine().getErr()) : null;
        ReplayRun.Done done = ReplayRun.run(cells, all, parent.env(), spec.commandLine().getErr(), files.timelineEvents());
        SortedMap<String, Object> document = ReplayDocument.of(done.traceName(), done.plan(), done.outcome());
        List<Comparison> pairs = Comparison.of(TreeReader.read(document).cells());
        if (beside != null) {
            beside.addTo(document);
        }
        files.write(done, document, true);
        String out;
        if (cells.json) {
            document.put("comparisons", CompareJson.pairs(pairs));
            out = Json.write(document);
        } else if (csv) {
            out = CompareCsv.render(pairs);
        } else {
            List<String> heading = new ArrayList<>();
            heading.add("Trace " + done.traceName() + ": " + done.outcome().events() + " events.");
            heading.addAll(beside == null ? done.plan().notes() : beside.plan(done.plan()).notes());
            out = CompareText.render(heading, pairs, CompareText::strategyTitle, ranking.limit(), Width.of(parent.env()))
                    + (beside == null ? "" : NativeBeside.text(document));
        }
        spec.commandLine().getOut().print(out);
        spec.commandLine().getOut().flush();
        return done.exitCode(spec.commandLine().getErr());
    }
}
