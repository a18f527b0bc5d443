package org.ptreplay.tools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SortedMap;
import org.ptreplay.core.replay.ReplayOutcome;
import org.ptreplay.tools.replay.FoldedOutput;
import org.ptreplay.tools.report.FlameSvg;
import org.ptreplay.tools.report.HtmlReport;
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

    @Option(names = "--report", paramLabel = "FILE.html",
            description = "Also write a self-contained HTML report: tables, a bar chart per syscall kind,"
                    + " the paths that changed most against each baseline, and an icicle graph per cell.")
    Path report;

    /**
     * @param differential whether the SVG colours cells by their change against the baseline
     *                     ({@code --baseline} given, or {@code compare})
     */
    void write(ReplayOutcome outcome, SortedMap<String, Object> document, boolean differential) {
        if (folded != null) {
            write(folded, "the folded stacks", FoldedOutput.render(outcome));
        }
        if (foldedDir != null) {
            try {
                Files.createDirectories(foldedDir);
            } catch (IOException e) {
                throw CommandFailure.badData("cannot create the folded-stacks directory " + foldedDir + " (" + e.getMessage() + ")");
            }
            Map<String, String> names = FoldedOutput.fileNames(outcome);
            FoldedOutput.perCell(outcome).forEach((label, text) -> write(foldedDir.resolve(names.get(label)), "the folded stacks of " + label, text));
        }
        if (svg != null) {
            try {
                FlameSvg.write(document, svg, differential);
            } catch (IOException e) {
                throw CommandFailure.badData("cannot write the flame graph to " + svg + " (" + e.getMessage() + ")");
            }
        }
        if (report != null) {
            try {
                HtmlReport.write(document, report);
            } catch (IOException e) {
                throw CommandFailure.badData("cannot write the report to " + report + " (" + e.getMessage() + ")");
            }
        }
    }

    static void write(Path file, String what, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw CommandFailure.badData("cannot write " + what + " to " + file + " (" + e.getMessage() + ")");
        }
    }
}
