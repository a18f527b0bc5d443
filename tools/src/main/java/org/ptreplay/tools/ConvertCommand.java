package org.ptreplay.tools;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.ptreplay.spi.loader.DidYouMean;
import org.ptreplay.tools.trace.InputKind;
import org.ptreplay.trace.Codec;
import org.ptreplay.trace.FileSniffer;
import org.ptreplay.trace.InputFile;
import org.ptreplay.trace.SniffedInput;
import org.ptreplay.trace.TraceEvent;
import org.ptreplay.trace.TraceException;
import org.ptreplay.trace.TraceHeader;
import org.ptreplay.trace.TraceReader;
import org.ptreplay.trace.TraceSource;
import org.ptreplay.trace.importer.ImportException;
import org.ptreplay.trace.importer.ImportOptions;
import org.ptreplay.trace.importer.ImportResult;
import org.ptreplay.trace.importer.ImportStats;
import org.ptreplay.trace.importer.PerfScriptImporter;
import org.ptreplay.trace.importer.Populate;
import org.ptreplay.trace.importer.StraceImporter;
import org.ptreplay.trace.importer.TraceImporter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "convert",
        mixinStandardHelpOptions = true,
        description = {
            "Converts between trace forms, and imports strace and perf script output, streaming in constant memory.",
            "",
            "IN is a binary trace, the text form, 'strace -f' output or 'perf script' output (of a recording with"
                    + " ptreplay's tracepoints, see 'ptreplay record'), any of them possibly compressed with zstd, xz or"
                    + " gzip. What it is comes from its bytes, not its name; --from overrides.",
            "",
            "OUT gets the text form if it is '-' (standard output) or ends in .txt, otherwise a binary trace;"
                    + " --to overrides. A failed conversion leaves no OUT behind.",
            "",
            "strace cannot see page faults: --populate chooses which first touches to add after each call that"
                    + " maps new pages (examples/traces/README.md says which mode suits which workload)."})
final class ConvertCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "IN", description = "The input file; - reads standard input.")
    Path in;

    @Parameters(index = "1", paramLabel = "OUT", description = "The trace to write, or '-' for standard output (text form).")
    String out;

    @Option(names = "--from", paramLabel = "KIND", description = "What IN holds: ptrace, strace, perf or text (default: detected).")
    String from;

    @Option(names = "--to", paramLabel = "FORM", description = "What OUT gets: ptrace or text (default: from OUT's name).")
    String to;

    @Option(names = "--codec", paramLabel = "CODEC",
            description = "Compression of a binary OUT: zstd (default), xz, gzip or none.")
    String codec;

    @Option(names = "--populate", paramLabel = "MODE",
            description = "strace input only: none (default), all or writable; which first touches to synthesize.")
    String populate;

    @Option(names = "--pid", paramLabel = "PID", defaultValue = "1",
            description = "strace input without a pid column (no -f): the pid of its calls (default: ${DEFAULT-VALUE}).")
    int defaultPid;

    @Option(names = "--machine", paramLabel = "KEY=VALUE...",
            description = "The recording machine where IN does not say it: arch=…, pagesize=… (4K, 16K, 64K), kernel=…,"
                    + " cpus=…, space- or comma-separated; given keys win over what IN says.")
    String machine;

    @Spec
    CommandSpec spec;

    /** IN, opened once (issue #16 item 14): a regular file is read again through the same opening. */
    private InputFile input;

    /** The next reading of IN: sniffed and not yet consumed, or null for a fresh one. */
    private SniffedInput reading;

    /** The header OUT gets: IN's, with --machine applied and a page size every reader accepts. */
    private TraceHeader outHeader(TraceHeader h) {
        TraceHeader.Machine m = machine == null ? h.machine() : MachineOption.apply(h.machine(), machine);
        MachineOption.checkPageSize(in.toString(), m.pageSize());
        return h.withMachine(m);
    }

    /** The report's line on what the header's machine leaves unknown, or empty. */
    private static String unknownMachine(TraceHeader h) {
        java.util.List<String> u = MachineOption.unknown(h.machine());
        return u.isEmpty() ? "" : System.lineSeparator() + "the header leaves the machine's " + String.join(", ", u)
                + " unknown (give them with --machine KEY=VALUE where you know them)";
    }

    @Override
    public Integer call() {
        in = Stdin.resolve(in);
        try {
            return convert();
        } finally {
            if (reading != null) {
                reading.closeUnread();
            }
            if (input != null) {
                closeInput();
            }
            // A command line may run again (Main.commandLine).
            reading = null;
            input = null;
        }
    }

    private void closeInput() {
        try {
            input.close();
        } catch (IOException e) {
            // OUT is written or refused by now: a failing close of IN loses nothing.
        }
    }

    /** The next reading of IN from its first byte. */
    private SniffedInput reading() {
        SniffedInput r = reading;
        reading = null;
        try {
            return r != null ? r : input.read();
        } catch (TraceException e) {
            throw CommandFailure.badData(e.getMessage(), e);
        }
    }

    private Integer convert() {
        Populate mode = populate == null ? Populate.NONE : populateMode();
        Codec outCodec = CodecOption.parse(codec);
        EventOutput.Form form = EventOutput.form(out, to);
        InputKind kind = from == null ? null : inputKind();
        if (defaultPid <= 0) {
            throw CommandFailure.badUsage("--pid must be positive, not " + defaultPid);
        }
        try {
            input = InputFile.open(in);
        } catch (TraceException e) {
            throw CommandFailure.badData(e.getMessage(), e);
        }
        reading = reading();
        if (kind == null) {
            kind = detect(reading.sniff());
        }
        if (populate != null && kind != InputKind.STRACE) {
            throw CommandFailure.badUsage("--populate applies to strace input only, but " + in + " is "
                    + (from == null ? "detected as " : "given as ") + kind.key());
        }
        String summary = switch (kind) {
            case PTRACE, TEXT -> copy(kind, form, outCodec);
            case STRACE -> importText(new StraceImporter(), form, outCodec, mode);
            case PERF -> importText(new PerfScriptImporter(), form, outCodec, Populate.NONE);
        };
        // With OUT on standard output the report must not mix with the trace.
        (out.equals("-") ? spec.commandLine().getErr() : spec.commandLine().getOut()).println(summary);
        return ExitCode.OK;
    }

    /** The --populate mode, checked before IN is opened so that a typo is the first thing reported. */
    private Populate populateMode() {
        java.util.List<String> modes = java.util.Arrays.stream(Populate.values()).map(Populate::key).toList();
        String key = populate.strip().toLowerCase(Locale.ROOT);
        if (!modes.contains(key)) {
            throw CommandFailure.badUsage("unknown populate mode '" + populate + "'" + DidYouMean.hint(key, modes)
                    + "; modes: " + String.join(", ", modes));
        }
        return Populate.parse(key);
    }

    /** The --from kind, with the did-you-mean of every name. */
    private InputKind inputKind() {
        java.util.List<String> kinds = java.util.Arrays.stream(InputKind.values()).map(InputKind::key).toList();
        String key = from.strip().toLowerCase(Locale.ROOT);
        if (!kinds.contains(key)) {
            throw CommandFailure.badUsage("unknown input kind '" + from + "'" + DidYouMean.hint(key, kinds)
                    + "; kinds: " + String.join(", ", kinds));
        }
        return InputKind.fromKey(key);
    }

    private InputKind detect(FileSniffer.Sniff sniff) {
        return InputKind.detect(sniff).orElseThrow(() -> CommandFailure.badData(in
                + ": header: cannot tell what this file holds (not a trace, nor strace or perf script output);"
                + " give --from if it is one of them."));
    }

    /** A trace from the next reading of IN. */
    private TraceSource open(InputKind kind) {
        SniffedInput r = reading();
        if (kind == InputKind.TEXT) {
            return TraceFiles.openText(r, in.toString());
        }
        try {
            return TraceReader.open(r.raw(), in.toString());
        } catch (TraceException e) {
            throw CommandFailure.badData(e.getMessage(), e);
        }
    }

    /**
     * A trace into another form or codec: the header and events unchanged. A header without an
     * event_count_hint gets one from a counting pass when IN is a regular file (a FIFO or pipe is
     * read once, and its trace says 0, unknown).
     */
    private String copy(InputKind kind, EventOutput.Form form, Codec outCodec) {
        TraceSource source = open(kind);
        try {
            TraceHeader header = outHeader(source.header());
            if (header.eventCountHint() == 0 && input.rereadable()) {
                header = header.withEventCountHint(countEvents(source));
                source = open(kind);
            }
            try (EventOutput output = EventOutput.open(out, form, outCodec, header, spec.commandLine().getOut())) {
                for (TraceEvent e; (e = TraceFiles.next(source, spec.commandLine().getErr())) != null; ) {
                    output.write(e);
                }
                output.commit();
                return out + ": " + output.events() + " events from " + in + unknownMachine(header);
            }
        } finally {
            TraceFiles.close(source);
        }
    }

    /** The events of {@code source}, read to its end and closed; its warnings wait for the reading that writes. */
    private static long countEvents(TraceSource source) {
        try {
            long n = 0;
            while (TraceFiles.next(source) != null) {
                n++;
            }
            return n;
        } finally {
            TraceFiles.close(source);
        }
    }

    private String importText(TraceImporter importer, EventOutput.Form form, Codec outCodec, Populate mode) {
        ImportOptions opts = ImportOptions.defaults().withPopulate(mode).withDefaultPid(defaultPid)
                .withProducer("ptreplay " + VersionProvider.toolVersion());
        String name = in.toString();
        TraceHeader header = outHeader(importer.header(name, opts));
        if (input.rereadable()) {
            // A counting pass over a regular file gives the header its event_count_hint.
            header = header.withEventCountHint(countImported(importer, name, opts));
        }
        ImportResult result;
        try (EventOutput output = EventOutput.open(out, form, outCodec, header, spec.commandLine().getOut());
             Reader reader = new InputStreamReader(openContent(), StandardCharsets.UTF_8)) {
            result = importer.importTo(reader, name, opts, output::write);
            output.commit();
        } catch (ImportException e) {
            throw CommandFailure.badData(e.getMessage(), e);
        } catch (IOException | UncheckedIOException e) {
            throw CommandFailure.badData(in + ": cannot read (" + TraceException.why(e) + ").", e);
        }
        return report(result.stats(), importer.sourceKind(), mode) + unknownMachine(header);
    }

    private long countImported(TraceImporter importer, String name, ImportOptions opts) {
        long[] n = {0};
        try (Reader reader = new InputStreamReader(openContent(), StandardCharsets.UTF_8)) {
            importer.importTo(reader, name, opts, e -> n[0]++);
        } catch (ImportException e) {
            throw CommandFailure.badData(e.getMessage(), e);
        } catch (IOException | UncheckedIOException e) {
            throw CommandFailure.badData(in + ": cannot read (" + TraceException.why(e) + ").", e);
        }
        return n[0];
    }

    private InputStream openContent() {
        try {
            return reading().content();
        } catch (TraceException e) {
            throw CommandFailure.badData(e.getMessage(), e);
        }
    }

    private String report(ImportStats s, TraceHeader.SourceKind source, Populate mode) {
        StringBuilder b = new StringBuilder();
        b.append(out).append(": ").append(s.events()).append(" events from ").append(in).append(" (")
                .append(source.name().toLowerCase(Locale.ROOT));
        if (source == TraceHeader.SourceKind.STRACE) {
            b.append(", populate ").append(mode.key());
        }
        b.append(", ").append(s.lines()).append(" lines)");
        if (s.skipped() > 0) {
            b.append(System.lineSeparator()).append("skipped ").append(s.skipped()).append(" calls ptreplay does not model: ")
                    .append(s.skippedSyscalls().entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                            .collect(Collectors.joining(", ")));
        }
        if (s.unparsedLines() > 0) {
            b.append(System.lineSeparator()).append("ignored ").append(s.unparsedLines())
                    .append(" lines of no known shape (the first is line ").append(s.firstUnparsedLine()).append(')');
        }
        if (!s.forkFlagSources().isEmpty()) {
            b.append(System.lineSeparator()).append("new tasks: ").append(s.threadsCreated()).append(" threads, ")
                    .append(s.processesCreated()).append(" processes; clone flags from ")
                    .append(s.forkFlagSources().entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                            .collect(Collectors.joining(", ")));
            if (s.forkFlagSources().containsKey(ImportStats.FLAGS_FROM_TGID)) {
                b.append(System.lineSeparator()).append("  (no clone flags recorded for some: a child whose lines show its"
                        + " parent's thread group is a thread, CLONE_VM|CLONE_THREAD; one leading its own group is a fork;"
                        + " a vfork reads as a fork)");
            }
            if (s.forkFlagSources().containsKey(ImportStats.FLAGS_UNKNOWN)) {
                b.append(System.lineSeparator()).append("  (unknown: neither clone flags nor a PID/TID line of the child;"
                        + " written as forks)");
            }
        }
        if (s.unfinishedCalls() + s.orphanReturns() > 0) {
            b.append(System.lineSeparator()).append("dropped ").append(s.unfinishedCalls())
                    .append(" calls that never returned and ").append(s.orphanReturns()).append(" returns without a start");
        }
        return b.toString();
    }
}
