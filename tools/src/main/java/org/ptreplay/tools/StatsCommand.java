package org.ptreplay.tools;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.ptreplay.spi.ops.PageTableGeometry;
import org.ptreplay.tools.text.Json;
import org.ptreplay.tools.trace.PageSize;
import org.ptreplay.tools.trace.TraceStats;
import org.ptreplay.tools.trace.VmaReplay;
import org.ptreplay.trace.TraceHeader;
import org.ptreplay.trace.TraceSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "stats",
        mixinStandardHelpOptions = true,
        description = {
            "Shows the shape of a trace's memory calls: mapping and mremap sizes (power-of-two buckets), what"
                    + " each mremap did (expanded in place, shrunk in place, unchanged, moved, failed), how the old and"
                    + " new addresses of each move are aligned to a contpte block (64K with 4K pages), a PMD and a PUD,"
                    + " and the anonymous bytes each fork copies.",
            "",
            "Results the trace does not record come from a VMA-level replay on the simulated kernel, without"
                    + " page tables."})
final class StatsCommand implements Callable<Integer> {

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
            TraceHeader header = source.header();
            VmaReplay replay = TraceFiles.vmaReplay(trace, header);
            PageTableGeometry arm64 = TraceFiles.architecture("arm64")
                    .geometry(Map.of("granule", PageSize.arm64Granule(PageSize.of(header))));
            TraceStats stats = new TraceStats(trace.toString(), header, replay, arm64);
            TraceFiles.forEach(source, spec.commandLine().getErr(), stats::accept);
            spec.commandLine().getOut().print(json ? Json.write(stats.json()) : stats.text());
        } finally {
            TraceFiles.close(source);
        }
        return ExitCode.OK;
    }
}
