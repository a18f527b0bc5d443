package org.ptreplay.tools;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.ptreplay.tools.compare.CompareCsv;
import org.ptreplay.tools.compare.CompareJson;
import org.ptreplay.tools.compare.CompareText;
import org.ptreplay.tools.compare.Comparison;
import org.ptreplay.tools.compare.DocumentPairs;
import org.ptreplay.tools.report.ReportData;
import org.ptreplay.tools.report.TreeReader;
import org.ptreplay.tools.text.Json;
import org.ptreplay.tools.text.JsonReader;
import org.ptreplay.tools.text.Width;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "diff",
        mixinStandardHelpOptions = true,
        description = {
            "Compares two saved replay documents (replay --json > A.json) without replaying, as perf diff does:"
                    + " each cell of NEW against the cell of BASE with the same label (else the same arch, profile"
                    + " and position), ranked as compare ranks them.",
            "",
            "Exit codes: 0 ok, 1 unreadable or malformed document, 2 bad usage."})
final class DiffCommand implements Callable<Integer> {

    @ParentCommand
    PtreplayCommand parent;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "BASE.json", description = "The baseline document (replay or compare --json).")
    Path base;

    @Parameters(index = "1", paramLabel = "NEW.json", description = "The document compared with it.")
    Path other;

    @Mixin
    RankingOptions ranking;

    @Option(names = "--json", description = "Print JSON: the two files and \"comparisons\" as compare --json has them.")
    boolean json;

    @Option(names = "--csv", description = "Print CSV: the rows of compare --csv.")
    boolean csv;

    @Override
    public Integer call() {
        if (json && csv) {
            throw CommandFailure.badUsage("--json and --csv both print the result; choose one");
        }
        ReportData a = read(base);
        ReportData b = read(other);
        DocumentPairs paired = DocumentPairs.of(a.cells(), b.cells());
        List<Comparison> pairs = paired.pairs();
        String out;
        if (json) {
            SortedMap<String, Object> root = new TreeMap<>();
            root.put("baseline_file", base.toString());
            root.put("other_file", other.toString());
            root.put("comparisons", CompareJson.pairs(pairs));
            root.put("unmatched_cells", new ArrayList<Object>(paired.unmatched()));
            out = Json.write(root);
        } else if (csv) {
            out = CompareCsv.render(pairs);
        } else {
            List<String> heading = new ArrayList<>();
            heading.add("Baseline " + base + ": trace " + a.trace().getOrDefault("file", "?") + ", " + a.cells().size() + " cells.");
            heading.add("Compared " + other + ": trace " + b.trace().getOrDefault("file", "?") + ", " + b.cells().size() + " cells.");
            paired.unmatched().forEach(u -> heading.add("No counterpart in the other document: " + u + "."));
            out = CompareText.render(heading, pairs, DiffCommand::title, ranking.limit(), Width.of(parent.env()));
        }
        spec.commandLine().getOut().print(out);
        return ExitCode.OK;
    }

    private static String title(Comparison c) {
        return c.baseline().id().equals(c.other().id())
                ? c.other().id() + ": new vs baseline"
                : c.other().id() + " (new) vs " + c.baseline().id() + " (baseline)";
    }

    private static ReportData read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw CommandFailure.badData(file + ": cannot read the document (" + org.ptreplay.trace.TraceException.why(e) + ")");
        }
        try {
            return TreeReader.read(JsonReader.parse(text));
        } catch (IllegalArgumentException e) {
            throw CommandFailure.badData(file + ": not a replay document (" + e.getMessage() + ")");
        }
    }
}
