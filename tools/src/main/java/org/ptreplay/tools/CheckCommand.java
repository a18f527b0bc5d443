package org.ptreplay.tools;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.ptreplay.tools.text.Json;
import org.ptreplay.tools.trace.InvariantChecker;
import org.ptreplay.trace.TraceSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "check",
        mixinStandardHelpOptions = true,
        description = {
            "Checks that every event of a trace could happen on Linux and prints each one that could not, with"
                    + " its event index and rule: a pid no fork created, events after a task's exit, a fork of a live"
                    + " pid, a successful call that Linux refuses with EINVAL (unaligned address, zero length), an"
                    + " mmap or mremap result that is not page-aligned or ignores MAP_FIXED, a touch outside every"
                    + " mapping the trace made.",
            "",
            "In perf recordings, touches of the program image and stack (which exec maps without a traced call)"
                    + " are counted as a note, not as violations.",
            "",
            "Exit code 1 if any event is impossible."})
final class CheckCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "TRACE", description = "A trace: binary (any codec) or the text form; - reads standard input.")
    Path trace;

    @Option(names = "--json", description = "Print one JSON object with sorted keys (shape: docs/cli.md).")
    boolean json;

    @Option(names = "--max", paramLabel = "N", defaultValue = "100",
            description = "Print at most N violations (all are counted; default: ${DEFAULT-VALUE}).")
    int max;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (max < 0) {
            throw CommandFailure.badUsage("--max must be 0 or more, not " + max);
        }
        TraceSource source = TraceFiles.open(trace);
        InvariantChecker checker;
        try {
            checker = new InvariantChecker(source.header(), TraceFiles.vmaReplay(trace, source.header()), max);
            TraceFiles.forEach(source, spec.commandLine().getErr(), checker::accept);
        } finally {
            TraceFiles.close(source);
        }
        spec.commandLine().getOut().print(json ? Json.write(checker.json(trace.toString())) : checker.text(trace.toString()));
        return checker.violations() == 0 ? ExitCode.OK : ExitCode.FAILED;
    }
}
