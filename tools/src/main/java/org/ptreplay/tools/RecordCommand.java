package org.ptreplay.tools;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.ptreplay.trace.Codec;
import org.ptreplay.trace.TraceEvent;
import org.ptreplay.trace.importer.ImportException;
import org.ptreplay.trace.importer.ImportOptions;
import org.ptreplay.trace.importer.ImportResult;
import org.ptreplay.trace.importer.RecordException;
import org.ptreplay.trace.importer.Recorder;
import org.ptreplay.trace.importer.Recording;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "record",
        mixinStandardHelpOptions = true,
        description = {
            "Runs a command under 'perf record' on the page-fault, memory-syscall and task tracepoints, and writes"
                    + " a trace with the real page touches: ptreplay record -o OUT.ptrace -- CMD ARGS...",
            "",
            "Record with transparent huge pages and every mTHP size set to never, so that every first touch of an"
                    + " anonymous page is one fault (otherwise one fault maps up to 2 MiB and touches are undercounted):",
            "  echo never > /sys/kernel/mm/transparent_hugepage/enabled",
            "  for f in /sys/kernel/mm/transparent_hugepage/hugepages-*/enabled; do echo never > $f; done",
            "The trace's header records the settings in force either way.",
            "",
            "Needs perf and the right to trace: root, or kernel.perf_event_paranoid = -1 and a readable tracefs."
                    + " The page-fault tracepoint exists on x86 only."})
final class RecordCommand implements Callable<Integer> {

    @Option(names = {"-o", "--output"}, paramLabel = "OUT", required = true,
            description = "The trace to write (text form if it ends in .txt).")
    String out;

    @Option(names = "--codec", paramLabel = "CODEC", description = "Compression of the trace: zstd (default), xz, gzip or none.")
    String codec;

    @Parameters(paramLabel = "CMD", arity = "1..*", description = "The command to record and its arguments, after '--'.")
    List<String> command;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Codec outCodec = null;
        if (codec != null) {
            try {
                outCodec = Codec.fromKey(codec);
            } catch (IllegalArgumentException e) {
                throw CommandFailure.badUsage(e.getMessage());
            }
        }
        if (out.equals("-")) {
            throw CommandFailure.badUsage("record writes a file: give -o OUT with a file name");
        }
        EventOutput.Form form = EventOutput.form(out, null);
        ImportOptions opts = ImportOptions.defaults().withProducer("ptreplay " + VersionProvider.toolVersion());
        PrintWriter report = spec.commandLine().getOut();
        long[] touches = {0};
        try (Recording rec = new Recorder().record(command);
             EventOutput output = EventOutput.open(out, form, outCodec, rec.header(opts), report)) {
            ImportResult result = rec.importTo(opts, e -> {
                output.write(e);
                touches[0] += e.kind() == TraceEvent.Kind.TOUCH ? 1 : 0;
            });
            output.commit();
            report.println(out + ": " + output.events() + " events (" + touches[0] + " page touches) recorded from '"
                    + String.join(" ", command) + "', which exited with status " + rec.exitStatus());
            if (rec.lostChunks() > 0) {
                report.println("warning: perf lost " + rec.lostChunks() + " chunks, so events are missing;"
                        + " record a shorter run or give perf bigger buffers");
            }
            String thp = largeFolios(rec.machine().thp());
            if (!thp.isEmpty()) {
                report.println("warning: " + thp + " was enabled while recording: a fault may have mapped many pages,"
                        + " so touches are undercounted (see 'ptreplay record --help')");
            }
            if (result.stats().unparsedLines() > 0) {
                report.println("note: " + result.stats().unparsedLines() + " lines of perf script output had no known shape");
            }
        } catch (RecordException | ImportException e) {
            throw CommandFailure.badData(e.getMessage(), e);
        } catch (IOException e) {
            throw CommandFailure.badData("cannot record (" + e.getMessage() + ").", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CommandFailure.badData("recording was interrupted.", e);
        }
        return ExitCode.OK;
    }

    /**
     * The first THP setting that lets one fault map a large folio, or empty: the top-level
     * {@code enabled} unless {@code [never]}, and each mTHP size that is {@code [always]} or
     * {@code [madvise]}, or {@code [inherit]} while the top level is not never. {@code madvise}
     * counts because the recorded program may call madvise(MADV_HUGEPAGE).
     */
    static String largeFolios(Map<String, String> thp) {
        String top = thp.getOrDefault("enabled", "");
        boolean topOn = !top.isEmpty() && !top.contains("[never]");
        if (topOn) {
            return "transparent_hugepage/enabled " + top;
        }
        for (Map.Entry<String, String> e : thp.entrySet()) {
            String v = e.getValue();
            if (e.getKey().startsWith("hugepages-") && (v.contains("[always]") || v.contains("[madvise]")
                    || (v.contains("[inherit]") && topOn))) {
                return "transparent_hugepage/" + e.getKey() + " " + v;
            }
        }
        return "";
    }
}
