package org.ptreplay.tools;

import org.ptreplay.spi.loader.DidYouMean;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import org.ptreplay.tools.text.Json;
import org.ptreplay.tools.text.Suggestions;
import org.ptreplay.tools.trace.EventJson;
import org.ptreplay.trace.TextTrace;
import org.ptreplay.trace.TraceEvent;
import org.ptreplay.trace.TraceSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "print",
        mixinStandardHelpOptions = true,
        description = {
            "Prints a trace's events with their indices, filtered by pid, kind and index range.",
            "",
            "Without --json: a text trace (trace-format/README.md): the header's directives, then one line per"
                    + " event ending in a comment with its index, '# N'.",
            "",
            "With --json: JSON Lines, one object per event with 'index', 'kind' and the event's fields"
                    + " (docs/cli.md)."})
final class PrintCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "TRACE", description = "A trace: binary (any codec) or the text form; - reads standard input.")
    Path trace;

    @Option(names = "--json", description = "Print JSON Lines: one object per event.")
    boolean json;

    @Option(names = "--pid", paramLabel = "P", description = "Only events of this pid.")
    Integer pid;

    @Option(names = "--kinds", paramLabel = "K", split = ",",
            description = "Only events of these kinds (comma-separated: mmap, munmap, mremap, brk, madvise, mprotect,"
                    + " fork, exec, exit, touch).")
    List<String> kinds;

    @Option(names = "--from", paramLabel = "N", defaultValue = "0", description = "Start at event index N (default: 0).")
    long from;

    @Option(names = "--limit", paramLabel = "N", description = "Print at most N events.")
    Long limit;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (from < 0) {
            throw CommandFailure.badUsage("--from must be 0 or more, not " + from);
        }
        if (limit != null && limit < 0) {
            throw CommandFailure.badUsage("--limit must be 0 or more, not " + limit);
        }
        Set<TraceEvent.Kind> wanted = kinds();
        PrintWriter out = spec.commandLine().getOut();
        TraceSource source = TraceFiles.open(trace);
        try {
            if (!json) {
                out.print(TextTrace.format(source.header(), List.of()));
            }
            long left = limit == null ? Long.MAX_VALUE : limit;
            for (TraceEvent e; left > 0 && (e = TraceFiles.next(source, spec.commandLine().getErr())) != null; ) {
                long index = source.eventIndex();
                if (index >= from && wanted.contains(e.kind()) && (pid == null || e.pid() == pid)) {
                    out.print(json ? Json.line(EventJson.of(index, e)) : TextTrace.format(e) + "  # " + index + "\n");
                    left--;
                }
            }
        } finally {
            TraceFiles.close(source);
        }
        out.flush();
        return ExitCode.OK;
    }

    private Set<TraceEvent.Kind> kinds() {
        if (kinds == null) {
            return EnumSet.allOf(TraceEvent.Kind.class);
        }
        Set<TraceEvent.Kind> set = EnumSet.noneOf(TraceEvent.Kind.class);
        List<String> known = Arrays.stream(TraceEvent.Kind.values()).map(TraceEvent.Kind::key).toList();
        for (String k : kinds) {
            String key = k.strip().toLowerCase(Locale.ROOT);
            int i = known.indexOf(key);
            if (i < 0) {
                throw CommandFailure.badUsage("unknown event kind '" + k + "'"
                        + DidYouMean.hint(key, known)
                        + "; kinds: " + Suggestions.list(known));
            }
            set.add(TraceEvent.Kind.values()[i]);
        }
        return set;
    }
}
