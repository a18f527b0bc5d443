package org.ptreplay.tools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.ptreplay.core.replay.ReplayOutcome;
import org.ptreplay.tools.replay.FoldedOutput;
import org.ptreplay.tools.replay.TimelineOutput;
import org.ptreplay.tools.report.FlameSvg;
import org.ptreplay.tools.report.HtmlReport;
import org.ptreplay.tools.text.Json;
import org.ptreplay.trace.TraceException;
import picocli.CommandLine.Option;

/** The files {@code replay} and {@code compare} can write besides what they print. */
final class ReplayFiles {

    @Option(names = "--folded", paramLabel = "FILE",
            description = "Also write folded stacks (cell;syscall;path... sim_ns) for flamegraph.pl or speedscope.")
    Path folded;

    @Option(names = "--folded-dir", paramLabel = "DIR",
            description = "Also write one folded-stacks file per cell into DIR (created if needed), without the cell frame,"
                    + " for difffolded.pl: NN-LABEL.folded.")
    Path foldedDir;

    @Option(names = "--svg", paramLabel = "FILE.svg",
            description = "Also write the icicle graph of every cell as one standalone SVG;"
                    + " differential (red grew, blue shrank against the baseline) with --baseline and in compare.")
    Path svg;

    @Option(names = "--timeline", paramLabel = "FILE.json",
            description = "Also write the simulated timeline in Chrome's trace-event format (ui.perfetto.dev, chrome://tracing):"
                    + " a track per cell, a slice per event, nested slices per kernel path frame.")
    Path timeline;

    @Option(names = "--timeline-events", paramLabel = "N", defaultValue = "10000",
            description = "Events per cell in the --timeline file (default: ${DEFAULT-VALUE}); the rest are counted in its otherData.")
    int timelineEvents;

    @Option(names = "--report", paramLabel = "FILE.html",
            description = "Also write a self-contained HTML report: tables, a bar chart per syscall kind,"
                    + " the paths that changed most against each baseline, and an icicle graph per cell.")
    Path report;

    /** Events per cell the replay must record for {@code --timeline}: 0 without it. */
    int timelineEvents() {
        if (timeline == null) {
            return 0;
        }
        if (timelineEvents < 1) {
            throw CommandFailure.badUsage("--timeline-events must be at least 1, not " + timelineEvents);
        }
        return timelineEvents;
    }

    /**
     * @param differential whether the SVG colours cells by their change against the baseline
     *                     ({@code --baseline} given, or {@code compare})
     */
    void write(ReplayRun.Done done, SortedMap<String, Object> document, boolean differential) {
        ReplayOutcome outcome = done.outcome();
        if (timeline != null) {
            List<String> labels = outcome.cells().stream().map(c -> c.spec().label()).toList();
            write(timeline, "the timeline", Json.write(TimelineOutput.tree(done.traceName(), labels, done.timelines(), done.omitted())));
        }
        if (folded != null) {
            write(folded, "the folded stacks", FoldedOutput.render(outcome));
        }
        if (foldedDir != null) {
            try {
                Files.createDirectories(foldedDir);
            } catch (IOException e) {
                throw CommandFailure.badData("cannot create the folded-stacks directory " + foldedDir + " (" + TraceException.why(e) + ")");
            }
            Map<String, String> names = FoldedOutput.fileNames(outcome);
            FoldedOutput.perCell(outcome).forEach((label, text) -> write(foldedDir.resolve(names.get(label)), "the folded stacks of " + label, text));
        }
        if (svg != null) {
            try {
                FlameSvg.write(document, svg, differential);
            } catch (IOException e) {
                throw CommandFailure.badData("cannot write the flame graph to " + svg + " (" + TraceException.why(e) + ")");
            }
        }
        if (report != null) {
            try {
                HtmlReport.write(document, report);
            } catch (IOException e) {
                throw CommandFailure.badData("cannot write the report to " + report + " (" + TraceException.why(e) + ")");
            }
        }
    }

    static void write(Path file, String what, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw CommandFailure.badData("cannot write " + what + " to " + file + " (" + TraceException.why(e) + ")");
        }
    }
}
