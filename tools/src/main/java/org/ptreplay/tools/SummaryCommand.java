package org.ptreplay.tools;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.ptreplay.tools.text.Json;
import org.ptreplay.tools.trace.TraceSummary;
import org.ptreplay.trace.TraceSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "summary",
        mixinStandardHelpOptions = true,
        description = {
            "Summarizes a trace without replaying it: the header, the events by kind, processes and threads"
                    + " (tasks sharing an mm through CLONE_VM), the largest address space, the bytes mapped, moved"
                    + " and unmapped, the duration (sum of the time deltas) and the failed calls by errno.",
            "",
            "Sizes count only what the trace shows: exec maps the program image and stack inside the kernel,"
                    + " without a traced call."})
final class SummaryCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "TRACE", description = "A trace: binary (any codec) or the text form; - reads standard input.")
    Path trace;

    @Option(names = "--json", description = "Print one JSON object with sorted keys (shape: docs/cli.md).")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        TraceSource source = TraceFiles.open(trace);
        try {
            TraceSummary summary = new TraceSummary(trace.toString(), source.header(),
                    TraceFiles.vmaReplay(trace, source.header()));
            TraceFiles.forEach(source, spec.commandLine().getErr(), summary::accept);
            spec.commandLine().getOut().print(json ? Json.write(summary.json()) : summary.text());
        } finally {
            TraceFiles.close(source);
        }
        return ExitCode.OK;
    }
}
