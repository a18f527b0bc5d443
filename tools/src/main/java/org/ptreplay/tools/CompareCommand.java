package org.ptreplay.tools;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.concurrent.Callable;
import org.ptreplay.tools.replay.CompareOutput;
import org.ptreplay.tools.text.Json;
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

    @Option(names = "--baseline", paramLabel = "S", required = true,
            description = "The strategy argument the others are compared with, e.g. linux-6.16.")
    String baseline;

    @Option(names = "--strategy", split = ",", paramLabel = "T", required = true,
            description = "The strategy arguments to compare with the baseline.")
    List<String> strategies = new ArrayList<>();

    @Override
    public Integer call() {
        List<String> all = new ArrayList<>();
        all.add(baseline);
        all.addAll(strategies);
        NativeBeside beside = nativeOptions.enabled ? NativeBeside.prepare(cells, all, false, nativeOptions,
                spec.commandLine().getParseResult(), parent.env(), spec.commandLine().getErr()) : null;
        ReplayRun.Done done = ReplayRun.run(cells, all, parent.env(), spec.commandLine().getErr());
        String out;
        if (beside == null) {
            out = cells.json
                    ? Json.write(CompareOutput.json(done.traceName(), done.plan(), done.outcome()))
                    : CompareOutput.text(done.traceName(), done.plan(), done.outcome());
        } else {
            SortedMap<String, Object> document = CompareOutput.json(done.traceName(), done.plan(), done.outcome());
            beside.addTo(document);
            out = cells.json ? Json.write(document)
                    : CompareOutput.text(done.traceName(), beside.plan(done.plan()), done.outcome()) + NativeBeside.text(document);
        }
        spec.commandLine().getOut().print(out);
        return ExitCode.OK;
    }
}
