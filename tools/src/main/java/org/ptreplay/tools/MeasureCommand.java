package org.ptreplay.tools;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.ptreplay.tools.calibrate.HostFacts;
import org.ptreplay.tools.nativeexec.NativeCell;
import org.ptreplay.tools.nativeexec.NativeRun;
import org.ptreplay.tools.nativeexec.NativeText;
import org.ptreplay.tools.replay.ReplayDocument;
import org.ptreplay.tools.text.Json;
import org.ptreplay.trace.TraceHeader;
import org.ptreplay.trace.TraceSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "measure",
        mixinStandardHelpOptions = true,
        description = {
            "Executes a trace's events on this machine's kernel with the native probe (compiled on first use with cc):"
                    + " mmap at the recorded addresses, munmap, mremap, madvise, mprotect, brk, one access per touched"
                    + " page, fork with the child running its own events. Every call is timed (CLOCK_MONOTONIC).",
            "",
            "Prints the real time per syscall kind, median and spread over the runs; --json prints it as a cell"
                    + " labelled native, in the replay JSON's shape. THP as the trace recommends (or --thp), set"
                    + " through sysfs as root and restored; otherwise the current settings, with a warning. docs/native.md.",
            "",
            "Exit codes: 0 ok, 1 a trace it cannot run (one sentence, before anything runs), no compiler, or a failed"
                    + " run; 2 bad option."})
final class MeasureCommand implements Callable<Integer> {

    @ParentCommand
    PtreplayCommand parent;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "TRACE", description = "The trace file (any codec; detected from its bytes).")
    Path trace;

    @Option(names = "--runs", paramLabel = "N", defaultValue = "" + NativeOptions.DEFAULT_RUNS,
            description = "Runs; median and spread are reported (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--thp", paramLabel = "SPEC",
            description = "THP settings for the runs, as replay takes them (default: the trace's recommended-thp, else the kernel defaults).")
    String thp;

    @Option(names = "--json", description = "Print JSON: the trace and the native cell, as replay --json prints cells.")
    boolean json;

    @Override
    public Integer call() {
        NativeOptions.checkRuns(runs);
        TraceHeader header;
        NativeRun run;
        // One opening for the header and the run: a FIFO cannot be opened again.
        try (TraceSource s = TraceFiles.open(trace)) {
            header = s.header();
            run = NativeOptions.measure(s, trace.toString(), thp, runs, parent.env(), spec.commandLine().getErr());
        } catch (IOException e) {
            throw CommandFailure.badData(trace + ": cannot close the trace (" + e.getMessage() + ")");
        }
        SortedMap<String, Object> document = new TreeMap<>();
        document.put("trace", ReplayDocument.trace(trace.toString(), header, run.events()));
        List<Object> cells = new ArrayList<>();
        cells.add(NativeCell.of(run, HostFacts.hostArch().orElse("unknown")));
        document.put("cells", cells);
        document.put("notes", new ArrayList<Object>());
        spec.commandLine().getOut().print(json ? Json.write(document)
                : "Trace " + trace + ": " + run.events() + " events.\n" + NativeText.render(cells));
        return ExitCode.OK;
    }
}
