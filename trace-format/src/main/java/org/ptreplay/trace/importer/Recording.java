package org.ptreplay.trace.importer;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.ptreplay.trace.TraceEvent;
import org.ptreplay.trace.TraceHeader;

/**
 * A finished {@code perf record} run, held in a temporary directory until {@link #close()}.
 * Its header is known before its events, so a writer can start with it:
 * <pre>
 * try (Recording rec = new Recorder().record(command)) {
 *     TraceHeader h = rec.header(opts);
 *     ... open a writer with h ...
 *     rec.importTo(opts, writer::write);
 * }
 * </pre>
 */
public final class Recording implements AutoCloseable {
    private final String perf;
    private final Path dir;
    private final Path data;
    private final List<String> command;
    private final int exitStatus;
    private final long lostChunks;
    private final TraceHeader.Machine machine;

    Recording(String perf, Path dir, Path data, List<String> command, int exitStatus, long lostChunks,
              TraceHeader.Machine machine) {
        this.perf = perf;
        this.dir = dir;
        this.data = data;
        this.command = command;
        this.exitStatus = exitStatus;
        this.lostChunks = lostChunks;
        this.machine = machine;
    }

    /** The recorded command's exit status (as perf record returned it). */
    public int exitStatus() {
        return exitStatus;
    }

    /** Buffers perf reported lost: when not 0, events are missing from the trace. */
    public long lostChunks() {
        return lostChunks;
    }

    public TraceHeader.Machine machine() {
        return machine;
    }

    public List<String> command() {
        return command;
    }

    /** The header: the machine probed at recording time, the command as detail, its page size. */
    public TraceHeader header(ImportOptions opts) {
        return new PerfScriptImporter().header(source(), effective(opts));
    }

    /**
     * Converts the recording with {@code perf script}, streaming its output into
     * {@link PerfScriptImporter}.
     */
    public ImportResult importTo(ImportOptions opts, Consumer<? super TraceEvent> out)
            throws IOException, ImportException, RecordException, InterruptedException {
        List<String> argv = List.of(perf, "script", "-i", data.toString(), "--ns", "-F", Recorder.SCRIPT_FIELDS);
        Process p = new ProcessBuilder(argv).redirectInput(ProcessBuilder.Redirect.PIPE).start();
        p.getOutputStream().close();
        StreamDrain err = new StreamDrain(p.getErrorStream(), null, 8192, "perf script stderr");
        ImportResult result;
        try (Reader in = new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)) {
            result = new PerfScriptImporter().importTo(in, source(), effective(opts), out);
        } catch (IOException | ImportException | RuntimeException e) {
            p.destroyForcibly();
            throw e;
        }
        int status = p.waitFor();
        String stderr = err.finish();
        if (status != 0) {
            throw new RecordException("perf script failed with status " + status + " ("
                    + (stderr.isBlank() ? "no message" : Recorder.lastLine(stderr)) + ").");
        }
        return result;
    }

    private String source() {
        return "perf record -- " + String.join(" ", command);
    }

    private ImportOptions effective(ImportOptions opts) {
        ImportOptions o = opts.withMachine(machine).withDetail(source());
        return machine.pageSize() > 0 ? o.withPageSize(machine.pageSize()) : o;
    }

    /** Deletes the perf data. */
    @Override
    public void close() {
        delete(dir);
    }

    static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete the temporary recording " + dir + ": " + e.getMessage(), e);
        }
    }
}
