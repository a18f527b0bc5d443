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
                    + " a trace with the real page touches.",
            "",
            // Shell commands on lines of their own, each shorter than the narrowest help (55 columns
            // after the indent), so that no width breaks one in the middle.
            "  ./ptreplay record -o OUT.ptrace -- CMD ARGS...",
            "",
            "Record with transparent huge pages and every mTHP size set to never, so that every first touch of an"
                    + " anonymous page is one fault (otherwise one fault maps up to 2 MiB and touches are undercounted):",
            "",
            "  cd /sys/kernel/mm/transparent_hugepage",
            "  echo never > enabled",
            "  for f in hugepages-*/enabled; do echo never > $f; done",
            "",
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
        Codec outCodec = CodecOption.parse(codec);
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
            caveats(rec.lostChunks(), rec.machine().thp(), result.stats().unparsedLines(), report,
                    spec.commandLine().getErr());
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
     * What may be missing from the recording: the warnings (perf lost events, a THP size was
     * always) on {@code err} in the form every command gives its warnings there,
     * {@code ptreplay: warning: ...}; the notes (madvise mode, perf script lines of no known shape)
     * in the report.
     */
    static void caveats(long lostChunks, Map<String, String> thp, long unparsedLines, PrintWriter report, PrintWriter err) {
        if (lostChunks > 0) {
            err.println("ptreplay: warning: perf lost " + lostChunks + " chunks, so events are missing;"
                    + " record a shorter run or give perf bigger buffers");
        }
        String folios = largeFolios(thp);
        if (folios.startsWith("warning: ")) {
            err.println("ptreplay: " + folios);
        } else if (!folios.isEmpty()) {
            report.println(folios);
        }
        if (unparsedLines > 0) {
            report.println("note: " + unparsedLines + " lines of perf script output had no known shape");
        }
        err.flush();
    }

    /**
     * What the THP settings in force mean for the touches, or empty when every first touch of an
     * anonymous page faulted alone: a warning when a size is {@code [always]} (directly, or an
     * mTHP size set to {@code [inherit]} under a top level of always), a note when one is
     * {@code [madvise]} (only regions the program marks with MADV_HUGEPAGE get large folios).
     */
    static String largeFolios(Map<String, String> thp) {
        String top = thp.getOrDefault("enabled", "");
        if (top.contains("[always]")) {
            return "warning: transparent_hugepage/enabled was '" + top + "' while recording: one fault may have mapped"
                    + " up to 2 MiB, so touches are undercounted (see 'ptreplay record --help')";
        }
        String madvise = top.contains("[madvise]") ? "enabled" : "";
        for (Map.Entry<String, String> e : thp.entrySet()) {
            String v = e.getValue();
            if (e.getKey().startsWith("hugepages-") && v.contains("[always]")) {
                return "warning: transparent_hugepage/" + e.getKey() + " was '" + v + "' while recording: one fault may"
                        + " have mapped a large folio, so touches are undercounted (see 'ptreplay record --help')";
            }
            if (e.getKey().startsWith("hugepages-") && madvise.isEmpty()
                    && (v.contains("[madvise]") || (v.contains("[inherit]") && top.contains("[madvise]")))) {
                madvise = e.getKey();
            }
        }
        return madvise.isEmpty() ? "" : "note: transparent_hugepage/" + madvise + " was in madvise mode while recording:"
                + " regions the program marked with MADV_HUGEPAGE may have faulted in large folios, with fewer touches";
    }
}
