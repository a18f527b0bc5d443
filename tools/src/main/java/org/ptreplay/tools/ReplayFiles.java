package org.ptreplay.tools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SortedMap;
import org.ptreplay.core.replay.ReplayOutcome;
import org.ptreplay.tools.replay.FoldedOutput;
import org.ptreplay.tools.report.HtmlReport;
import picocli.CommandLine.Option;

/** The files {@code replay} and {@code compare} can write besides what they print. */
final class ReplayFiles {

    @Option(names = "--folded", paramLabel = "FILE",
            description = "Also write folded stacks (cell;syscall;path... sim_ns) for flamegraph.pl or speedscope.")
    Path folded;

    @Option(names = "--report", paramLabel = "FILE.html",
            description = "Also write a self-contained HTML report: tables, a bar chart per syscall kind,"
                    + " the paths that changed most against each baseline, and an icicle graph per cell.")
    Path report;

    void write(ReplayOutcome outcome, SortedMap<String, Object> document) {
        if (folded != null) {
            write(folded, "the folded stacks", FoldedOutput.render(outcome));
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
